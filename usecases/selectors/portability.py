"""Everything the portal holds about a person and their organisation's proposals, to take away.

The export reads through the same rules as the pages: the person's own account, the proposals
of their organisation that they may see (proposals_of), with answers, supporters, attachments
(names and fingerprints), clarifications, the timeline and the e-mails sent to them, and their
own sign-in history. No secrets: no password hash, no authenticator key, no token.
"""

from django.db.models import Q

from triage_portal.audit.models import ActivityLog
from usecases.models import Notification
from usecases.selectors.proposals import proposal_timeline, proposals_of
from usecases.workflow.drafting import SCALAR_ANSWER_FIELDS

ANSWERS = SCALAR_ANSWER_FIELDS


def _proposal(submission) -> dict:
    return {
        "id": submission.pk,
        "reference": submission.reference,
        "kind": submission.get_kind_display(),
        "state": submission.get_state_display(),
        "classification": submission.classification,
        "submitted_at": submission.submitted_at,
        "registered_at": submission.registered_at,
        "answers": {name: getattr(submission, name) for name in ANSWERS},
        "device_types": [d.name for d in submission.device_types.all()],
        "supporters": [
            {
                "name": p.name,
                "sec_party": p.sec_party.name,
                "email": p.email,
                "phone": p.phone,
                "status": p.get_status_display(),
            }
            for p in submission.supporters.select_related("sec_party")
        ],
        "attachments": [
            {
                "name": a.original_name,
                "bytes": a.size,
                "sha256": a.sha256,
                "uploaded_at": a.uploaded_at,
            }
            for a in submission.attachments.all()
        ],
        "clarifications": [
            {
                "number": r.number,
                "raised_at": r.raised_at,
                "due_on": r.due_on,
                "answered_at": r.answered_at,
                "questions": [
                    {"number": q.number, "question": q.text, "answer": q.answer}
                    for q in r.questions.all()
                ],
            }
            for r in submission.clarifications.prefetch_related("questions")
        ],
        "timeline": [
            {"at": e.timestamp, "event": e.action, "by": e.actor.full_name if e.actor else ""}
            for e in proposal_timeline(submission)
        ],
    }


def personal_data(user) -> dict:
    organisation = user.organisation
    return {
        "account": {
            "email": user.email,
            "name": user.full_name,
            "phone": user.phone,
            "job_title": user.job_title,
            "role": user.get_role_display(),
            "joined": user.date_joined,
            "email_confirmed_at": user.email_confirmed_at,
            "organisation": organisation.name if organisation else None,
            "organisation_verified": user.organisation_verified,
        },
        "proposals": [_proposal(s) for s in proposals_of(user)],
        "emails_sent_to_you": [
            {"at": n.queued_at, "event": n.event, "subject": n.subject}
            for n in Notification.objects.filter(recipient__iexact=user.email).order_by("queued_at")
        ],
        "your_activity": [
            {"at": e.timestamp, "event": e.action}
            for e in ActivityLog.objects.filter(
                Q(actor=user) & Q(action__startswith="accounts.")
            ).order_by("pk")
        ],
    }
