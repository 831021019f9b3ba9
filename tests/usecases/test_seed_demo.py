import pytest
from django.core.management import call_command

from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import Organisation, User
from usecases.demo import eon
from usecases.enums import SubmissionState, SupportStatus
from usecases.models import DeviceType, DnoArea, Submission

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_logins(capsys):
    call_command("seed_demo")
    counts = (Submission.objects.count(), User.objects.count(), Organisation.objects.count())
    call_command("seed_demo")

    assert (
        Submission.objects.count(),
        User.objects.count(),
        Organisation.objects.count(),
    ) == counts
    out = capsys.readouterr().out
    for role in Role:
        assert role.label in out
    assert "demo-password-2026" in out
    assert "alternate@demo.example.com" in out


def test_seed_demo_loads_reference_data():
    call_command("seed_demo", "--quiet")

    assert DnoArea.objects.count() == 14
    assert list(DeviceType.objects.values_list("code", flat=True)) == [
        "ESME",
        "GSME",
        "CHF",
        "GPF",
        "PPMID",
        "HCALCS",
        "IHD",
        "CAD",
    ]
    assert Organisation.objects.get(name=eon.EON_ORGANISATION).is_sec_party


def test_seed_demo_eon_proposal_is_verbatim():
    call_command("seed_demo", "--quiet")

    eon_proposal = Submission.objects.get(use_case_title=eon.EON_USE_CASE_TITLE)
    assert eon_proposal.state == SubmissionState.SUBMITTED
    assert eon_proposal.sc_mod_title == "Device Refurbishment – Security Characteristics Amendment"
    for field, value in eon.EON_ANSWERS.items():
        assert getattr(eon_proposal, field) == value
    assert eon_proposal.q6_justification.startswith(
        "While “Meter Triage Use Case 001” is welcomed by E.ON"
    )
    assert eon_proposal.proposer_name == "David Lyons"
    assert eon_proposal.proposer_email == "david.lyons@example.com"
    assert eon_proposal.submitted_at.strftime("%d.%m.%Y") == "23.07.2019"
    supporter = eon_proposal.supporters.get()
    # E.ON supports its own proposal in the seed; the portal counts support only from another
    # SEC Party by default, so the request stays pending.
    assert (supporter.name, supporter.sec_party.name, supporter.status) == (
        "Martin Christie",
        "E.ON Energy Solutions Limited",
        SupportStatus.PENDING,
    )


def test_seed_demo_has_proposals_in_several_states():
    call_command("seed_demo", "--quiet")

    states = set(Submission.objects.values_list("state", flat=True))
    assert states == {
        SubmissionState.DRAFT,
        SubmissionState.SUBMITTED,
        SubmissionState.WITHDRAWN,
        SubmissionState.CLARIFICATION_REQUESTED,
        SubmissionState.AWAITING_EXTERNAL_VIEWS,
        # The committee business (assessments/demo_business.py): two proposals progressed at
        # SSC 94, one in initial consideration under a vote by correspondence.
        SubmissionState.UNDER_ASSESSMENT,
        SubmissionState.INITIAL_CONSIDERATION,
    }
    demo_titles = [
        s.title for s in Submission.objects.exclude(use_case_title=eon.EON_USE_CASE_TITLE)
    ]
    assert all(title.startswith("DEMO") for title in demo_titles)
