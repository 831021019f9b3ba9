import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.conftest import seated
from tests.factories.people import UserFactory
from tests.factories.proposals import draft_proposal, submitted_proposal
from triage_portal.accounts.enums import Role
from usecases.models import Submission
from usecases.selectors.proposals import proposals_of, proposals_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(proposer):
    """A draft, and a registered proposal at each level whose support is not yet confirmed.

    (Before registration only the proposer's organisation, supporters and the SSC see a
    proposal: tests/usecases/test_access_rules.py.)
    """
    made = {"draft": draft_proposal(proposer)}
    for level in ("RED", "AMBER", "GREEN", "WHITE"):
        submission = submitted_proposal(proposer)
        Submission.objects.filter(pk=submission.pk).update(
            classification=level, registered_at=timezone.now()
        )
        made[level] = submission
    return made


def visible(user, items):
    pks = set(proposals_visible_to(user).values_list("pk", flat=True))
    return sorted(name for name, submission in items.items() if submission.pk in pks)


def test_proposer_sees_all_of_their_own(proposer, items):
    assert visible(proposer, items) == ["AMBER", "GREEN", "RED", "WHITE", "draft"]


def test_verified_colleague_sees_organisation_items(proposer, items):
    colleague = UserFactory(organisation=proposer.organisation, organisation_verified=True)

    assert visible(colleague, items) == ["AMBER", "GREEN", "RED", "WHITE", "draft"]


def test_unverified_colleague_sees_only_community_levels(proposer, items):
    claimant = UserFactory(organisation=proposer.organisation, organisation_verified=False)

    assert visible(claimant, items) == ["GREEN", "WHITE"]
    assert list(proposals_of(claimant)) == []


def test_other_proposer_sees_only_green_and_white_submissions(other_proposer, items):
    assert visible(other_proposer, items) == ["GREEN", "WHITE"]


@pytest.mark.parametrize("role", [Role.SSC_MEMBER, Role.SSC_CHAIR, Role.OBSERVER])
def test_committee_sees_submitted_up_to_amber(role, items):
    person = seated(UserFactory(role=role))

    assert visible(person, items) == ["AMBER", "GREEN", "WHITE"]


def test_member_whose_vetting_lapsed_sees_only_community_levels(items):
    import datetime

    from django.utils import timezone

    person = seated(UserFactory(role=Role.SSC_MEMBER))
    person.memberships.update(vetting_expires_on=timezone.localdate() - datetime.timedelta(days=1))

    assert visible(person, items) == ["GREEN", "WHITE"]


def test_member_role_without_a_seat_sees_only_community_levels(items):
    assert visible(UserFactory(role=Role.SSC_MEMBER), items) == ["GREEN", "WHITE"]


def test_secretariat_sees_everything(secretariat, items):
    assert visible(secretariat, items) == ["AMBER", "GREEN", "RED", "WHITE", "draft"]


def test_anonymous_and_inactive_users_see_nothing(items):
    inactive = UserFactory(role=Role.SECRETARIAT, is_active=False)

    assert visible(AnonymousUser(), items) == []
    assert visible(inactive, items) == []


def test_a_supporter_sees_what_they_support_up_to_amber_once_confirmed(items):
    from usecases.enums import SupportStatus, SupportVerification
    from usecases.models import SupportingParty

    supporter = UserFactory(email="Supporter0@Example.com")
    assert visible(supporter, items) == ["GREEN", "WHITE"]

    SupportingParty.objects.filter(email="supporter0@example.com").update(
        status=SupportStatus.CONFIRMED, verification=SupportVerification.ADDRESS
    )

    assert visible(supporter, items) == ["AMBER", "GREEN", "WHITE"]


def test_a_verified_organisation_supports_through_any_of_its_people(items):
    from usecases.enums import SupportStatus, SupportVerification
    from usecases.models import SupportingParty

    party = SupportingParty.objects.filter(submission=items["AMBER"]).get()
    party.status = SupportStatus.DECLINED
    party.save()
    colleague = UserFactory(organisation=party.sec_party, organisation_verified=True)
    assert "AMBER" not in visible(colleague, items)

    SupportingParty.objects.filter(pk=party.pk).update(
        status=SupportStatus.CONFIRMED, verification=SupportVerification.ADDRESS
    )

    assert visible(colleague, items) == ["AMBER", "GREEN", "WHITE"]
