"""Load reference and demo data idempotently, through the real services."""

import datetime

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from triage_portal.accounts.enums import PartyCategory, Role
from triage_portal.accounts.models import Organisation, User
from triage_portal.classification import Classification
from usecases import workflow
from usecases.demo import eon
from usecases.demo.reference import (
    BANK_HOLIDAYS,
    DEVICE_TYPES,
    DNO_AREAS,
    ORGANISATIONS,
    SC_DOCUMENTS,
)
from usecases.models import BankHoliday, DeviceType, DnoArea, SCDocument, Submission
from usecases.workflow.support_links import support_token

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 -- development-only; seed_demo refuses to run in production

# (e-mail, full name, role, organisation)
DEMO_USERS = (
    ("proposer@demo.example.com", "Alex Proposer", Role.PROPOSER, "E.ON Energy Solutions Limited"),
    ("manufacturer@demo.example.com", "Morgan Maker", Role.PROPOSER, "DEMO Meters Ltd"),
    ("secretariat@demo.example.com", "Sam Secretary", Role.SECRETARIAT, "SECAS (Gemserv)"),
    ("chair@demo.example.com", "Casey Chair", Role.SSC_CHAIR, None),
    ("member@demo.example.com", "Jordan Member", Role.SSC_MEMBER, "E.ON Energy Solutions Limited"),
    ("member2@demo.example.com", "Riley Member", Role.SSC_MEMBER, "British Gas Trading Limited"),
    (
        "observer@demo.example.com",
        "Taylor Observer",
        Role.OBSERVER,
        "National Cyber Security Centre",
    ),
)


def load_reference_data() -> None:
    """Create or update device types, SC documents, DNO areas, bank holidays and organisations."""
    for position, (code, name, certified) in enumerate(DEVICE_TYPES):
        DeviceType.objects.update_or_create(
            code=code, defaults={"name": name, "cpa_certified": certified, "position": position}
        )
    for title, version, published, codes in SC_DOCUMENTS:
        document, _ = SCDocument.objects.update_or_create(
            title=title, version=version, defaults={"published_on": published}
        )
        document.device_types.set(DeviceType.objects.filter(code__in=codes))
    for area_id, letter, name, licensee in DNO_AREAS:
        DnoArea.objects.update_or_create(
            area_id=area_id, defaults={"letter": letter, "name": name, "licensee": licensee}
        )
    for day, name in BANK_HOLIDAYS:
        BankHoliday.objects.update_or_create(
            date=datetime.date.fromisoformat(day), defaults={"name": name}
        )
    for name, category, org_type in ORGANISATIONS:
        Organisation.objects.update_or_create(
            name=name,
            defaults={
                "is_sec_party": category is not None,
                "party_category": category or PartyCategory.NOT_A_PARTY,
                "org_type": org_type,
            },
        )


def load_demo_users() -> list[tuple[str, str, str]]:
    """Create the demo accounts; return (role, e-mail, password) for each."""
    logins = []
    for email, name, role, org_name in DEMO_USERS:
        organisation = Organisation.objects.get(name=org_name) if org_name else None
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "role": role,
                "organisation": organisation,
                "organisation_verified": organisation is not None,
                "email_confirmed_at": timezone.now(),
                "is_staff": role == Role.SECRETARIAT,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        logins.append((user.get_role_display(), email, DEMO_PASSWORD))
    return logins


def _fill(submission: Submission, user, answers: dict) -> None:
    workflow.save_answers(submission_id=submission.pk, user=user, answers=answers, section="demo")


def load_eon_proposal() -> Submission:
    """Create the seed's E.ON proposal, submitted, with its supporter asked to confirm."""
    existing = Submission.objects.filter(use_case_title=eon.EON_USE_CASE_TITLE).first()
    if existing:
        return existing
    user = User.objects.get(email="proposer@demo.example.com")
    submission = workflow.start_proposal(user=user, kind="USE_CASE")
    _fill(
        submission,
        user,
        {
            "sc_mod_title": eon.EON_SC_MOD_TITLE,
            "use_case_title": eon.EON_USE_CASE_TITLE,
            **eon.EON_PROPOSER,
            **eon.EON_ANSWERS,
            "q4_affects_existing_sc": eon.EON_Q4,
            "q5_requires_new_sc": eon.EON_Q5,
            "q6_urgent": eon.EON_Q6,
            "proposer_classification": Classification.WHITE,
            "device_types": list(DeviceType.objects.filter(code__in=eon.EON_DEVICE_TYPES)),
        },
    )
    workflow.add_supporter(
        submission_id=submission.pk,
        user=user,
        name=eon.EON_SUPPORTER["name"],
        sec_party=Organisation.objects.get(name=eon.EON_SUPPORTER["sec_party"]),
        phone=eon.EON_SUPPORTER["phone"],
        email=eon.EON_SUPPORTER["email"],
    )
    workflow.submit_proposal(submission_id=submission.pk, user=user, declaration=True)
    # The seed shows E.ON supporting E.ON's own proposal. The portal counts support only from
    # another SEC Party (unless SUPPORT_FROM_PROPOSERS_ORGANISATION), so the request is left
    # pending, as a real one would be.

    # The seed paper records the submission date and a White classification.
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(*eon.EON_SUBMISSION_DATE, 9, 0)),
        classification=Classification.WHITE,
    )
    return submission


DEMO_PROPOSALS = (
    # (kind, title field, title, how far it goes, classification)
    (
        "USE_CASE",
        "use_case_title",
        "DEMO Use Case D-002 – Firmware re-flash of returned ESME at an assured Triage Facility",
        "draft",
        Classification.AMBER,
    ),
    (
        "USE_CASE",
        "use_case_title",
        "DEMO Use Case D-003 – Re-use of PPMID after Change of Supplier",
        "clarify",
        Classification.AMBER,
    ),
    (
        "SC_MODIFICATION",
        "sc_mod_title",
        "DEMO SC Mod D-001 – Clarify tamper-evidence requirement in GSME SC",
        "refer",
        Classification.GREEN,
    ),
    (
        "SC_MODIFICATION",
        "sc_mod_title",
        "DEMO SC Mod D-002 – Align HCALCS SC with Lifetime CPA certificate renewal",
        "withdraw",
        Classification.AMBER,
    ),
)


def load_other_proposals() -> None:
    """Create a handful of fictional proposals in various states, marked DEMO."""
    user = User.objects.get(email="manufacturer@demo.example.com")
    party = Organisation.objects.get(name="Octopus Energy Limited")
    _verify_demo_supporter_address(party, "robin.supporter@example.com")
    for kind, title_field, title, action, classification in DEMO_PROPOSALS:
        if Submission.objects.filter(**{title_field: title}).exists():
            continue
        submission = workflow.start_proposal(user=user, kind=kind)
        answers = {
            title_field: title,
            "proposer_phone": "01632 960 010",
            "q1_issue": f"DEMO: the issue that '{title}' addresses.",
            "q2_why_needed": "DEMO: fictional text for the demonstration system.",
        }
        if action != "draft":
            answers |= {
                "q3_solution": "DEMO: the proposed solution.",
                "q4_affects_existing_sc": "YES" if kind == "SC_MODIFICATION" else "NO",
                "q4_explanation": "DEMO: the SC affected.",
                "q5_requires_new_sc": "NO",
                "q6_urgent": "NO",
                "proposer_classification": classification,
                "device_types": list(DeviceType.objects.filter(code__in=["ESME", "PPMID"])),
            }
        _fill(submission, user, answers)
        if action == "draft":
            continue
        workflow.add_supporter(
            submission_id=submission.pk,
            user=user,
            name="Robin Supporter",
            sec_party=party,
            phone="01632 960 020",
            email="robin.supporter@example.com",
        )
        workflow.submit_proposal(submission_id=submission.pk, user=user, declaration=True)
        if action == "withdraw":
            workflow.withdraw_proposal(
                submission_id=submission.pk,
                user=user,
                reason="DEMO: superseded by a broader proposal.",
            )
            continue
        for supporter in submission.supporters.all():
            workflow.respond_to_support_request(token=support_token(supporter), confirm=True)
        _advance(submission, action, classification)


def _verify_demo_supporter_address(party: Organisation, email: str) -> None:
    """Record, as the secretariat would, that the demo supporter's address is the party's."""
    if party.verified_supporter_addresses.filter(email__iexact=email).exists():
        return
    workflow.verify_supporter_address(
        user=User.objects.get(email="secretariat@demo.example.com"),
        sec_party=party,
        email=email,
        note="DEMO: confirmed by phone with the party's SSC member.",
    )


def _advance(submission: Submission, action: str, classification: str) -> None:
    office = User.objects.get(email="secretariat@demo.example.com")
    chair = User.objects.get(email="chair@demo.example.com")
    pk = submission.pk
    workflow.register_proposal(submission_id=pk, user=office, classification=classification)
    workflow.schedule_proposal(submission_id=pk, user=office)
    due = timezone.localdate() + datetime.timedelta(days=14)
    if action == "clarify":
        workflow.request_clarification(
            submission_id=pk,
            user=chair,
            questions=[
                "DEMO: Which Change of Supplier scenarios does this Use Case cover?",
                "DEMO: How is the PPMID's pairing with the previous supplier's meter removed?",
            ],
            due_on=due,
        )
    elif action == "refer":
        # The SSC refers it from initial consideration; progressing it would need a decision.
        workflow.refer_proposal(
            submission_id=pk,
            user=office,
            body="TABASC",
            question="AGREE whether there are any Technical or Business Architectural concerns.",
            due_on=due,
            mandatory=True,
        )
        workflow.await_views(submission_id=pk, user=office)


def load_demo() -> list[tuple[str, str, str]]:
    """Load everything seed_demo promises; safe to run again. Return the demo logins."""
    # Demo e-mails go to memory, not the console; they are sent when the transaction commits.
    with override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    ):
        with transaction.atomic():
            load_reference_data()
            logins = load_demo_users()
            load_eon_proposal()
            load_other_proposals()
    return logins
