"""People and business for the cluster's load and tests, made through the real services.

    (source $CLUSTER_DIR/cluster.env; python -m bench.cluster_seed --label run1 > people.json)

Writes to the cluster's database (DATABASE_URL) and prints JSON: every account with its
password and second-factor key (so a load user signs in as a person would, code and all), the
committee's meetings, the drafts each proposer will finish, the queue the secretariat works,
the papers it issues and the votes by correspondence the members cast. The label keeps two
runs' people apart, so a run may seed more without clearing what is there.
"""

import argparse
import datetime
import json
import os
import secrets
import sys

PASSWORD = "Cluster-load-pass-2026"  # noqa: S105 -- throwaway accounts on a loopback cluster


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triage_portal.settings")
    import django

    django.setup()


def seed(args) -> dict:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.test import override_settings
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from assessments.enums import BallotMethod, SeatCategory, VettingStatus
    from assessments.first_run import DEFAULT_COMMITTEES
    from assessments.models import Committee, Meeting, Membership, Seat
    from assessments.services.ballots import open_ballot
    from assessments.services.meetings import create_meeting
    from assessments.services.papers import schedule_on_meeting
    from tests.factories.proposals import draft_proposal
    from tests.factories.states import confirm_supporters, proposal_in_state
    from triage_portal.accounts.enums import Role
    from triage_portal.accounts.models import Organisation, User
    from usecases.demo.load import load_reference_data
    from usecases.enums import SubmissionState as S

    label = args.label
    today = timezone.localdate()
    password_hash = make_password(PASSWORD)
    load_reference_data()

    def person(email: str, name: str, role: str, two_factor: bool) -> dict:
        # Each person's own organisation: people of one organisation see each other's proposals.
        org, _ = Organisation.objects.get_or_create(name=f"Organisation of {email}")
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "role": role,
                "organisation": org,
                "organisation_verified": True,
                "email_confirmed_at": timezone.now(),
            },
        )
        if created:
            # One hash for every account of the run: hashing costs a second each on a busy
            # machine, and these accounts live only on a loopback cluster.
            user.password = password_hash
            user.save(update_fields=["password"])
        key = ""
        if two_factor:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(
                    user=user, name="Authenticator app", confirmed=True, key=secrets.token_hex(20)
                )
            key = device.key
        return {"id": user.pk, "email": email, "password": PASSWORD, "totp_key": key, "role": role}

    with override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        TASKS={
            "default": {
                "BACKEND": "django.tasks.backends.dummy.DummyBackend",
                "QUEUES": ["default", "annexes"],
            }
        },
    ):
        with transaction.atomic():
            office = [
                person(
                    f"office{n}.{label}@cluster.invalid",
                    f"Office {n} {label}",
                    Role.SECRETARIAT,
                    True,
                )
                for n in range(1, 3)
            ]
            office_user = User.objects.get(pk=office[0]["id"])
            admin = person(
                f"admin.{label}@cluster.invalid", f"Admin {label}", Role.SECRETARIAT, True
            )
            superuser = User.objects.get(pk=admin["id"])
            superuser.is_staff = superuser.is_superuser = True
            superuser.save(update_fields=["is_staff", "is_superuser"])
            ssc, _ = Committee.objects.get_or_create(
                code=settings.PORTAL_HOME_COMMITTEE,
                defaults={"name": "Security Sub-Committee", "paper_ref_prefix": "SSC"},
            )
            ssc_seats = next(c["seats"] for c in DEFAULT_COMMITTEES if c["code"] == "SSC")
            seats = [(c, n) for c, count in ssc_seats.items() for n in range(1, count + 1)]
            seats += [(SeatCategory.LARGE_SUPPLIER, 7), (SeatCategory.LARGE_SUPPLIER, 8)]
            members = []
            for index, (category, number) in enumerate(seats[: args.members], start=1):
                role = (
                    Role.SSC_CHAIR
                    if category == SeatCategory.CHAIR
                    else Role.OBSERVER
                    if category.startswith("OBSERVER")
                    else Role.SSC_MEMBER
                )
                row = person(
                    f"member{index}.{label}@cluster.invalid", f"Member {index} {label}", role, True
                )
                seat, _ = Seat.objects.get_or_create(
                    committee=ssc, category=category, number=number
                )
                # A seat has one holder at a time: an earlier run's holder steps down today.
                # (Saved one by one: a membership's every save is logged for verify_audit.)
                for earlier in Membership.objects.filter(seat=seat, term_end__gte=today).exclude(
                    person_id=row["id"]
                ):
                    earlier.term_end = today - datetime.timedelta(days=1)
                    earlier.save()
                membership, _ = Membership.objects.get_or_create(
                    seat=seat,
                    person_id=row["id"],
                    defaults={
                        "term_start": today - datetime.timedelta(days=60),
                        "term_end": today + datetime.timedelta(days=600),
                        "vetting_status": VettingStatus.VETTED,
                        "vetting_expires_on": today + datetime.timedelta(days=700),
                    },
                )
                row["votes"] = not category.startswith("OBSERVER")
                row["membership"] = membership.pk
                members.append(row)

            top = Meeting.objects.filter(committee=ssc).order_by("-number").first()
            number = (top.number if top else 100) + 1
            meetings = []
            for n in range(args.meetings):
                meeting = create_meeting(
                    user=office_user,
                    committee=ssc,
                    number=number + n,
                    date=today + datetime.timedelta(days=40 + 14 * n),
                    location="Online (cluster)",
                )
                meetings.append(meeting.pk)

        proposers = [
            person(
                f"proposer{n}.{label}@cluster.invalid",
                f"Proposer {n} {label}",
                Role.PROPOSER,
                False,
            )
            for n in range(1, args.proposers + 1)
        ]
        for row in proposers:
            user = User.objects.get(pk=row["id"])
            row["drafts"] = [
                draft_proposal(user, proposer_classification="WHITE").pk for _ in range(args.drafts)
            ]
        # The secretariat's queue: submitted proposals, supporters confirmed, to register.
        owner = User.objects.get(pk=proposers[0]["id"])
        queue = []
        for _ in range(args.queue):
            submission = proposal_in_state(S.SUBMITTED, proposer=owner, secretariat=office_user)
            confirm_supporters(submission)
            queue.append(submission.pk)
        # Papers to issue: registered proposals scheduled on the meetings, one paper each.
        papers, before_committee = [], []
        for n in range(args.papers):
            submission = proposal_in_state(S.REGISTERED, proposer=owner, secretariat=office_user)
            meeting = Meeting.objects.get(pk=meetings[n % len(meetings)])
            before_committee.append(submission.pk)
            papers.append(
                schedule_on_meeting(
                    submission_id=submission.pk, user=office_user, meeting=meeting
                ).pk
            )
        # Votes by correspondence, open until the deadline.
        ballots = []
        closes = timezone.now() + datetime.timedelta(hours=args.ballot_hours)
        for _ in range(args.ballots):
            submission = proposal_in_state(
                S.UNDER_ASSESSMENT, proposer=owner, secretariat=office_user
            )
            ballot = open_ballot(
                user=office_user,
                committee=ssc,
                question=f"Does the SSC approve {submission.reference}?",
                outcome_if_passed="PROGRESS",
                method=BallotMethod.CORRESPONDENCE,
                submission=submission,
                closes_at=closes,
            )
            ballots.append(ballot.pk)
    return {
        "label": label,
        "office": office,
        "admin": admin,
        "members": members,
        "proposers": proposers,
        "meetings": meetings,
        "queue": queue,
        "papers": papers,
        "paper_proposals": before_committee,
        "ballots": ballots,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--proposers", type=int, default=5)
    parser.add_argument("--drafts", type=int, default=4, help="Drafts per proposer.")
    parser.add_argument("--queue", type=int, default=6)
    parser.add_argument("--papers", type=int, default=4)
    parser.add_argument("--meetings", type=int, default=1)
    parser.add_argument("--ballots", type=int, default=2)
    parser.add_argument("--ballot-hours", type=float, default=6)
    args = parser.parse_args()
    _setup()
    json.dump(seed(args), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
