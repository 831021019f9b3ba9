"""Send e-mail through Django's backend, queued on Django's tasks framework.

Messages are rendered when they are queued, so the task carries only plain strings, and a
broken mail server fails the task, never the action that queued it. A template the
secretariat has edited (notices.EmailTemplate with the same key) wins over the built-in file.

What an e-mail about classified business may say is the policy's rule
(triage_portal.classification.may_quote, domain research §5.3, §8.4); an e-mail queued with a
classification has the level in its subject ("[AMBER] ...") and first line, whichever template
wrote it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template import Context, Template
from django.template.loader import render_to_string

from triage_portal.classification import Classification
from triage_portal.links import portal_origin
from triage_portal.notices.models import EmailTemplate
from triage_portal.taskqueue import retried


def marking(classification: str) -> str:
    """Return the level as e-mails mark it: AMBER, RED, GREEN, WHITE."""
    return Classification(classification).value


@task
def deliver_email(*, subject: str, body: str, to: list[str], attempt: int = 1) -> int:
    """Send one plain-text e-mail; return the number sent. A failure is retried with backoff."""
    with retried(deliver_email, {"subject": subject, "body": body, "to": to}, attempt):
        return EmailMessage(
            subject=subject, body=body, to=to, from_email=settings.DEFAULT_FROM_EMAIL
        ).send()


def render_email(
    *, template: str, context: dict, key: str = "", classification: str = ""
) -> tuple[str, str]:
    """Return (subject, body) from the edited template for key, or templates/email/<template>.txt.

    With a classification the subject starts "[LEVEL] " and the body's first line names the
    level, as TLP asks of e-mail ("in the subject and before the content").
    """
    context = {"base_url": portal_origin(), **context}
    edited = EmailTemplate.objects.filter(key=key or template).first()
    if edited:
        subject = Template(edited.subject).render(Context(context, autoescape=False))
        body = Template(edited.body).render(Context(context, autoescape=False))
    else:
        text = render_to_string(f"email/{template}.txt", context)
        subject, _, body = text.strip().partition("\n")
    subject, body = " ".join(subject.split()), body.strip() + "\n"
    if classification:
        level = marking(classification)
        subject = f"[{level}] {subject}"
        body = render_to_string("email/_marking.txt", {"level": level}) + body
    return subject, body


def queue_email(
    *, template: str, to: list[str], context: dict, key: str = "", classification: str = ""
) -> str:
    """Render and queue one e-mail; return its subject."""
    subject, body = render_email(
        template=template, context=context, key=key, classification=classification
    )
    deliver_email.enqueue(subject=subject, body=body, to=to)
    return subject
