"""Who may confirm support, whose drafts an organisation shares, what a support link shows, and
who sees a proposal before registration and its people's contact details (issue 18)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import seated
from tests.factories.people import SecPartyFactory, UserFactory
from tests.factories.proposals import draft_proposal, submitted_proposal
from tests.factories.states import decided, proposal_in_state
from triage_portal.accounts.services import record_organisation_verified
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.enums import SubmissionState, SupportStatus, SupportVerification
from usecases.errors import ActionRefused
from usecases.models import Submission, SupportingParty, VerifiedSupporterAddress
from usecases.selectors.proposals import proposals_visible_to
from usecases.workflow.support_links import support_token

pytestmark = pytest.mark.django_db

MARKER = "ISSUE-ANSWER-MARKER"
PROPOSER_PHONE = "01632 960 001"  # the factories' proposer (the seed's E.ON details)
PROPOSER_EMAIL = "david.lyons@example.com"
SUPPORTER_PHONE = "01632 960 100"
SUPPORTER_EMAIL = "supporter0@example.com"


def link_to(supporter: SupportingParty) -> str:
    supporter.refresh_from_db()
    return reverse("usecases:support-respond", args=[support_token(supporter)])


def submitted_at(proposer, level: str) -> Submission:
    """A submitted proposal (support requested) stored at the given level."""
    submission = submitted_proposal(proposer, q1_issue=MARKER)
    Submission.objects.filter(pk=submission.pk).update(classification=level)
    return submission


def progress(submission: Submission, secretariat) -> Submission:
    pk = submission.pk
    workflow.register_proposal(submission_id=pk, user=secretariat, classification="AMBER")
    workflow.schedule_proposal(submission_id=pk, user=secretariat)
    return workflow.progress_proposal(
        submission_id=pk, user=secretariat, reason="Agreed", decision=decided(pk, "PROGRESS")
    )


# Self-confirmed support ---------------------------------------------------------------------


def test_a_request_sent_to_the_proposers_own_address_cannot_confirm(client, proposer):
    submission = draft_proposal(proposer, supporters=0)
    workflow.add_supporter(
        submission_id=submission.pk,
        user=proposer,
        name="Not Really A Supporter",
        sec_party=SecPartyFactory(),
        phone="",
        email=proposer.email,
    )
    workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    supporter = submission.supporters.get()

    response = client.post(link_to(supporter), {"response": "confirm"})

    assert response.status_code == 403
    assert "sent to the proposer&#x27;s own address" in response.text
    supporter.refresh_from_db()
    assert (supporter.status, supporter.verification) == (SupportStatus.PENDING, "")


def test_the_signed_in_proposer_cannot_answer_their_own_request(client, proposer):
    supporter = submitted_proposal(proposer).supporters.get()
    client.force_login(proposer)

    page = client.get(link_to(supporter))
    response = client.post(link_to(supporter), {"response": "confirm"})

    assert page.status_code == 403
    assert response.status_code == 403
    assert "You made this proposal" in response.text
    assert SupportingParty.objects.get(pk=supporter.pk).status == SupportStatus.PENDING


def test_someone_from_the_proposers_organisation_cannot_answer(client, proposer):
    supporter = submitted_proposal(proposer).supporters.get()
    client.force_login(UserFactory(organisation=proposer.organisation))

    response = client.post(link_to(supporter), {"response": "confirm"})

    assert response.status_code == 403
    assert "You are from the proposer&#x27;s organisation" in response.text
    assert SupportingParty.objects.get(pk=supporter.pk).status == SupportStatus.PENDING


def test_an_unverified_confirmation_is_recorded_but_does_not_satisfy_the_guard(
    client, proposer, secretariat
):
    submission = submitted_proposal(proposer)
    supporter = submission.supporters.get()

    response = client.post(link_to(supporter), {"response": "confirm"})

    assert response.status_code == 200
    assert "Your confirmation is recorded as unverified" in response.text
    supporter.refresh_from_db()
    assert (supporter.status, supporter.verification, supporter.confirmed_by) == (
        SupportStatus.CONFIRMED,
        SupportVerification.UNVERIFIED,
        None,
    )
    entry = ActivityLog.objects.get(action="usecases.supporter.confirmed")
    assert entry.data["verification"] == "UNVERIFIED"
    with pytest.raises(ActionRefused, match="verified as that party"):
        progress(submission, secretariat)
    assert Submission.objects.get(pk=submission.pk).state == SubmissionState.INITIAL_CONSIDERATION


def test_a_signed_in_verified_member_of_the_party_confirms_verified_support(
    client, proposer, secretariat
):
    submission = submitted_proposal(proposer)
    supporter = submission.supporters.get()
    member = UserFactory(organisation=supporter.sec_party, organisation_verified=True)
    client.force_login(member)

    client.post(link_to(supporter), {"response": "confirm"})

    supporter.refresh_from_db()
    assert (supporter.verification, supporter.confirmed_by) == (
        SupportVerification.MEMBER,
        member,
    )
    assert progress(submission, secretariat).state == SubmissionState.UNDER_ASSESSMENT


def test_someone_only_claiming_the_party_confirms_unverified(client, proposer):
    supporter = submitted_proposal(proposer).supporters.get()
    claimant = UserFactory(organisation=supporter.sec_party, organisation_verified=False)
    client.force_login(claimant)

    client.post(link_to(supporter), {"response": "confirm"})

    supporter.refresh_from_db()
    assert (supporter.verification, supporter.confirmed_by) == (
        SupportVerification.UNVERIFIED,
        claimant,
    )


def test_a_link_to_an_address_verified_for_the_party_confirms_verified_support(
    client, proposer, secretariat
):
    submission = submitted_proposal(proposer)
    supporter = submission.supporters.get()
    workflow.verify_supporter_address(
        user=secretariat,
        sec_party=supporter.sec_party,
        email="Supporter0@Example.com",
        note="Phone",
    )

    client.post(link_to(supporter), {"response": "confirm"})

    supporter.refresh_from_db()
    assert supporter.verification == SupportVerification.ADDRESS
    assert progress(submission, secretariat).state == SubmissionState.UNDER_ASSESSMENT


def test_verifying_an_address_counts_the_confirmation_already_received_from_it(
    client, proposer, secretariat
):
    submission = submitted_proposal(proposer)
    supporter = submission.supporters.get()
    client.post(link_to(supporter), {"response": "confirm"})

    workflow.verify_supporter_address(
        user=secretariat, sec_party=supporter.sec_party, email=SUPPORTER_EMAIL, note="Phone"
    )

    supporter.refresh_from_db()
    assert supporter.verification == SupportVerification.ADDRESS
    entry = ActivityLog.objects.get(action="usecases.supporter.verified")
    assert (entry.actor, entry.object_id, entry.data["supporter"]) == (
        secretariat,
        str(submission.pk),
        supporter.pk,
    )


@pytest.fixture
def own_party_proposal(db):
    """A proposal from a SEC Party that names itself as its supporter, at a colleague's address."""
    party = SecPartyFactory()
    proposer = UserFactory(organisation=party)
    colleague = UserFactory(organisation=party, email="colleague@example.com")
    submission = draft_proposal(proposer, supporters=0)
    workflow.add_supporter(
        submission_id=submission.pk,
        user=proposer,
        name="Colleague",
        sec_party=party,
        phone="",
        email=colleague.email,
    )
    workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    return proposer, colleague, submission.supporters.get()


def test_a_sec_party_cannot_support_its_own_proposal_by_default(client, own_party_proposal):
    _, colleague, supporter = own_party_proposal
    client.force_login(colleague)

    response = client.post(link_to(supporter), {"response": "confirm"})

    assert response.status_code == 403
    assert "support must come from another SEC Party" in response.text
    assert SupportingParty.objects.get(pk=supporter.pk).status == SupportStatus.PENDING


def test_where_configured_a_colleague_confirms_for_their_own_party_but_never_the_proposer(
    client, own_party_proposal, settings
):
    settings.SUPPORT_FROM_PROPOSERS_ORGANISATION = True
    proposer, colleague, supporter = own_party_proposal
    client.force_login(proposer)
    assert client.post(link_to(supporter), {"response": "confirm"}).status_code == 403

    client.force_login(colleague)
    client.post(link_to(supporter), {"response": "confirm"})

    supporter.refresh_from_db()
    assert (supporter.verification, supporter.confirmed_by) == (
        SupportVerification.MEMBER,
        colleague,
    )


def test_only_the_secretariat_reaches_the_verified_addresses_page(client, proposer, member):
    url = reverse("usecases:supporter-addresses")
    for person in (proposer, member):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_the_secretariat_records_and_removes_a_verified_address_logged(
    client, secretariat, sec_party
):
    client.force_login(secretariat)
    url = reverse("usecases:supporter-addresses")

    added = client.post(
        url, {"sec_party": sec_party.pk, "email": "Ann@EON.example.com", "note": "Phoned Ann"}
    )

    assert added.status_code == 302
    address = VerifiedSupporterAddress.objects.get()
    assert (address.sec_party, address.email, address.verified_by) == (
        sec_party,
        "ann@eon.example.com",
        secretariat,
    )
    entry = ActivityLog.objects.get(action="usecases.supporter_address.verified")
    assert (entry.actor, entry.data["email"], entry.data["note"]) == (
        secretariat,
        "ann@eon.example.com",
        "Phoned Ann",
    )
    assert "ann@eon.example.com" in client.get(url).text

    again = client.post(
        url, {"sec_party": sec_party.pk, "email": "ann@eon.example.com", "note": "x"}
    )
    assert again.status_code == 400
    assert "is already verified for E.ON Energy Solutions Limited" in again.text

    client.post(url, {"action": "remove", "address": address.pk})

    assert not VerifiedSupporterAddress.objects.exists()
    removed = ActivityLog.objects.get(action="usecases.supporter_address.removed")
    assert (removed.actor, removed.data["email"]) == (secretariat, "ann@eon.example.com")


def test_an_unverified_confirmation_shows_as_unverified_to_secretariat_and_proposer(
    client, proposer, secretariat
):
    submission = submitted_proposal(proposer)
    client.post(link_to(submission.supporters.get()), {"response": "confirm"})

    for person in (secretariat, proposer):
        client.force_login(person)
        page = client.get(submission.get_absolute_url())
        assert "Confirmed, unverified" in page.text


# Organisation claims ------------------------------------------------------------------------


def test_a_draft_of_an_unverified_claimant_is_not_filed_under_the_organisation(client, proposer):
    claimant = UserFactory(organisation=proposer.organisation, organisation_verified=False)
    draft = draft_proposal(claimant)

    assert draft.organisation_id is None
    assert draft.pk not in set(proposals_visible_to(proposer).values_list("pk", flat=True))
    assert not proposer.has_perm("usecases.edit_proposal", draft)
    assert not proposer.has_perm("usecases.delete_draft", draft)
    with pytest.raises(ActionRefused):
        workflow.delete_draft(submission_id=draft.pk, user=proposer)
    client.force_login(proposer)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.post(reverse("usecases:proposal-delete", args=[draft.pk])).status_code == 404
    assert Submission.objects.filter(pk=draft.pk).exists()


def test_verifying_the_claimant_files_their_proposals_under_the_organisation(proposer, secretariat):
    claimant = UserFactory(organisation=proposer.organisation, organisation_verified=False)
    draft = draft_proposal(claimant)

    claimant.organisation_verified = True
    claimant.save(update_fields=["organisation_verified"])
    record_organisation_verified(actor=secretariat, user=claimant)

    draft.refresh_from_db()
    assert draft.organisation == proposer.organisation
    assert proposer.has_perm("usecases.edit_proposal", draft)
    entry = ActivityLog.objects.get(action="usecases.proposal.filed_under_organisation")
    assert (entry.actor, entry.object_id) == (secretariat, str(draft.pk))


def test_verifying_a_person_in_the_admin_files_their_proposals(client, proposer):
    admin = UserFactory(role="SECRETARIAT", is_staff=True, is_superuser=True)
    claimant = UserFactory(organisation=proposer.organisation, organisation_verified=False)
    draft = draft_proposal(claimant)
    client.force_login(admin)
    now = timezone.localtime()

    response = client.post(
        reverse("admin:accounts_user_change", args=[claimant.pk]),
        {
            "email": claimant.email,
            "full_name": claimant.full_name,
            "phone": "",
            "job_title": "",
            "organisation": claimant.organisation_id,
            "organisation_verified": "on",
            "role": "PROPOSER",
            "is_active": "on",
            "email_confirmed_at_0": now.strftime("%Y-%m-%d"),
            "email_confirmed_at_1": now.strftime("%H:%M:%S"),
            "date_joined_0": now.strftime("%Y-%m-%d"),
            "date_joined_1": now.strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.organisation == proposer.organisation
    entry = ActivityLog.objects.get(action="accounts.user.organisation_verified")
    assert (entry.actor, entry.data["user"]) == (admin, claimant.pk)


# Supporter links ----------------------------------------------------------------------------


def test_a_link_stops_working_once_the_proposal_is_withdrawn(client, proposer):
    submission = submitted_at(proposer, "WHITE")
    link = link_to(submission.supporters.get())
    workflow.withdraw_proposal(submission_id=submission.pk, user=proposer, reason="Not needed")

    response = client.get(link)

    assert response.status_code == 400
    assert "This proposal has been withdrawn, so it no longer needs support." in response.text
    assert MARKER not in response.text


def test_a_link_stops_working_once_the_proposal_is_rejected(client, proposer, secretariat):
    submission = proposal_in_state(
        SubmissionState.REJECTED, proposer=proposer, secretariat=secretariat, q1_issue=MARKER
    )
    submission.supporters.update(status=SupportStatus.PENDING)

    response = client.get(link_to(submission.supporters.get()))

    assert response.status_code == 400
    assert "The SSC has rejected this proposal, so it no longer needs support." in response.text
    assert MARKER not in response.text


def test_a_link_stops_working_once_the_proposal_is_raised_to_red(client, proposer):
    submission = submitted_at(proposer, "WHITE")
    link = link_to(submission.supporters.get())
    Submission.objects.filter(pk=submission.pk).update(classification="RED")

    page = client.get(link)
    answer = client.post(link, {"response": "confirm"})

    assert page.status_code == answer.status_code == 400
    assert "This proposal is now classified RED" in page.text
    assert MARKER not in page.text
    assert SupportingParty.objects.get(submission=submission).status == SupportStatus.PENDING


def test_a_link_shows_amber_answers_only_to_someone_tied_to_the_party(
    client, proposer, secretariat
):
    supporter = submitted_at(proposer, "AMBER").supporters.get()

    untied = client.get(link_to(supporter))

    assert untied.status_code == 200
    assert MARKER not in untied.text
    assert PROPOSER_PHONE not in untied.text
    assert "This proposal is classified AMBER" in untied.text
    workflow.verify_supporter_address(
        user=secretariat, sec_party=supporter.sec_party, email=SUPPORTER_EMAIL, note="Phone"
    )
    tied = client.get(link_to(supporter))
    assert MARKER in tied.text
    assert PROPOSER_PHONE in tied.text
    assert PROPOSER_EMAIL in tied.text


def test_a_link_shows_green_answers_without_contact_details_to_an_unverified_holder(
    client, proposer
):
    supporter = submitted_at(proposer, "GREEN").supporters.get()

    page = client.get(link_to(supporter))

    assert MARKER in page.text
    for detail in (PROPOSER_PHONE, PROPOSER_EMAIL, SUPPORTER_PHONE, SUPPORTER_EMAIL):
        assert detail not in page.text


# Proposals before registration, and contact details ------------------------------------------


def test_another_firm_cannot_read_a_submitted_white_proposal(client, proposer, other_proposer):
    submission = submitted_at(proposer, "WHITE")
    client.force_login(other_proposer)

    page = client.get(submission.get_absolute_url())
    api_item = client.get(reverse("api:submission-detail", args=[submission.pk]))
    api_list = client.get(reverse("api:submission-list")).json()

    assert page.status_code == 404
    assert api_item.status_code == 404
    assert submission.pk not in [row["id"] for row in api_list["results"]]


def _before_registration_readers(proposer):
    """Each kind of reader, and whether they may see a proposal before registration."""
    lapsed = seated(UserFactory(role="SSC_MEMBER"))
    lapsed.memberships.update(vetting_expires_on=timezone.localdate() - datetime.timedelta(days=1))
    return {
        "verified colleague": (UserFactory(organisation=proposer.organisation), True),
        "unverified claimant": (
            UserFactory(organisation=proposer.organisation, organisation_verified=False),
            False,
        ),
        "tied supporter": (UserFactory(email=SUPPORTER_EMAIL), True),
        "secretariat": (UserFactory(role="SECRETARIAT"), True),
        "seated member": (seated(UserFactory(role="SSC_MEMBER")), True),
        "member whose vetting lapsed": (lapsed, False),
        "another firm": (UserFactory(), False),
    }


def test_before_registration_only_the_organisation_supporters_and_the_ssc_see_a_proposal(
    proposer,
):
    submission = submitted_at(proposer, "WHITE")
    submission.supporters.update(
        status=SupportStatus.CONFIRMED, verification=SupportVerification.ADDRESS
    )

    readers = _before_registration_readers(proposer)

    seen = {
        name: submission.pk in set(proposals_visible_to(person).values_list("pk", flat=True))
        for name, (person, _) in readers.items()
    }

    assert seen == {name: expected for name, (_, expected) in readers.items()}


@pytest.fixture
def registered_green(proposer, secretariat):
    submission = proposal_in_state(
        SubmissionState.REGISTERED, proposer=proposer, secretariat=secretariat, q1_issue=MARKER
    )
    Submission.objects.filter(pk=submission.pk).update(classification="GREEN")
    return submission


def test_contact_details_are_withheld_from_other_signed_in_readers(
    client, registered_green, other_proposer
):
    client.force_login(other_proposer)

    page = client.get(registered_green.get_absolute_url())
    api = client.get(reverse("api:submission-detail", args=[registered_green.pk])).json()

    assert page.status_code == 200
    assert MARKER in page.text
    for detail in (PROPOSER_PHONE, PROPOSER_EMAIL, SUPPORTER_PHONE, SUPPORTER_EMAIL):
        assert detail not in page.text
    assert "Contact numbers and e-mail addresses are shown only to" in page.text
    assert (api["proposer_phone"], api["proposer_email"]) == ("", "")


@pytest.mark.parametrize("reader", ["proposer", "tied supporter", "seated member", "secretariat"])
def test_contact_details_are_shown_to_those_entitled(client, registered_green, proposer, reader):
    person = {
        "proposer": proposer,
        "tied supporter": UserFactory(email=SUPPORTER_EMAIL),
        "seated member": seated(UserFactory(role="SSC_MEMBER")),
        "secretariat": UserFactory(role="SECRETARIAT"),
    }[reader]
    client.force_login(person)

    page = client.get(registered_green.get_absolute_url()).text
    api = client.get(reverse("api:submission-detail", args=[registered_green.pk])).json()

    for detail in (PROPOSER_PHONE, PROPOSER_EMAIL, SUPPORTER_PHONE, SUPPORTER_EMAIL):
        assert detail in page
    assert (api["proposer_phone"], api["proposer_email"]) == (PROPOSER_PHONE, PROPOSER_EMAIL)


@pytest.mark.parametrize(
    ("setting", "level", "shown"),
    [
        (False, "GREEN", False),
        (False, "WHITE", False),
        (False, "AMBER", True),
        # As the SSC template and the seed paper (WHITE) do: the default.
        (True, "WHITE", True),
        (True, "GREEN", True),
    ],
)
def test_a_paper_annex_prints_contact_details_as_configured(
    registered_green, secretariat, settings, setting, level, shown
):
    from assessments.models import Paper
    from assessments.papers.render import render_paper
    from assessments.services.meetings import create_meeting
    from assessments.services.papers import schedule_on_meeting
    from tests.assessments.test_pdf_outputs import text_of
    from tests.factories.committee import committee

    meeting = create_meeting(
        user=secretariat,
        committee=committee("SSC"),
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=30),
    )
    paper = schedule_on_meeting(
        submission_id=registered_green.pk, user=secretariat, meeting=meeting
    )
    Paper.objects.filter(pk=paper.pk).update(classification=level)
    settings.PORTAL_ANNEX_SHOWS_CONTACTS = setting

    text = text_of(render_paper(Paper.objects.get(pk=paper.pk)))

    assert MARKER in text
    for detail in (PROPOSER_PHONE, PROPOSER_EMAIL, SUPPORTER_PHONE, SUPPORTER_EMAIL):
        assert (detail in text) is shown
    assert ("Contact numbers and e-mail addresses are withheld" in text) is not shown
