"""The people of the stateful test: one of each role the brief names, with their seats.

m1 works for Org A (which proposes), alt1 is m1's alternate and works for the supporting SEC
Party, m2 is also m3's alternate, and the outsider claims Org A at sign-up without being
verified. "stranger" is an address a proposer names as a supporter that no one in the party
owns; "anonymous" is anyone on the internet.
"""

from django.conf import settings

from tests.factories.people import OrganisationFactory, SecPartyFactory, UserFactory
from tests.rules import drive
from tests.rules import reference as ref
from triage_portal.accounts.enums import Role

# Everyone whose pages are read after every step.
PEOPLE = (
    "anonymous",
    "outsider",
    "proposer",
    "otherfirm",
    "supporter",
    "chair",
    "m1",
    "m2",
    "m3",
    "m4",
    "alt1",
    "observer",
    "secretariat",
)
STRANGER_EMAIL = "someone@elsewhere.example"


def make_people(world: ref.World, committee):
    """Create the users and seats; describe them in the world; return (users, memberships)."""
    org_a = OrganisationFactory(name="Org A Energy")
    party = SecPartyFactory(name="Supplier S Ltd")
    specs = {
        # role: (organisation, verified, portal role, office)
        "outsider": (org_a, False, Role.PROPOSER, ""),
        "proposer": (org_a, True, Role.PROPOSER, ""),
        "otherfirm": (OrganisationFactory(name="Org B Meters"), True, Role.PROPOSER, ""),
        "supporter": (party, True, Role.PROPOSER, ""),
        "chair": (OrganisationFactory(name="Independent"), True, Role.SSC_CHAIR, "chair"),
        "m1": (org_a, True, Role.SSC_MEMBER, ""),
        "m2": (OrganisationFactory(name="Org M2"), True, Role.SSC_MEMBER, ""),
        "m3": (OrganisationFactory(name="Org M3"), True, Role.SSC_MEMBER, ""),
        "m4": (OrganisationFactory(name="Org M4"), True, Role.SSC_MEMBER, ""),
        "alt1": (party, True, Role.SSC_MEMBER, ""),
        "observer": (OrganisationFactory(name="NCSC"), True, Role.OBSERVER, ""),
        "secretariat": (OrganisationFactory(name="SECAS"), True, Role.SECRETARIAT, "secretariat"),
    }
    users = {}
    for role, (org, verified, portal_role, office) in specs.items():
        users[role] = UserFactory(
            email=f"{role}@people.example",
            full_name=f"{role.title()} Person",
            organisation=org,
            organisation_verified=verified,
            role=portal_role,
        )
        world.people[role] = ref.Person(
            role=role, email=users[role].email, org=org.name, org_verified=verified, office=office
        )
    world.people["anonymous"] = ref.Person(role="anonymous", email="", signed_in=False)
    world.people["stranger"] = ref.Person(role="stranger", email=STRANGER_EMAIL, signed_in=False)
    seats = {
        "chair": (drive.CHAIR, "chair", None),
        "m1": (drive.VOTING[0], "voting", "alt1"),
        "m2": (drive.VOTING[1], "voting", None),
        "m3": (drive.VOTING[2], "voting", "m2"),
        "m4": (drive.VOTING[3], "voting", None),
        "observer": (drive.OBSERVER, "observer", None),
    }
    memberships = {}
    for role, (category, kind, alternate) in seats.items():
        membership = drive.seat(
            committee, category, 1, users[role], alternate=users[alternate] if alternate else None
        )
        memberships[role] = membership
        world.seats[role] = ref.Seat(
            key=role,
            principal=role,
            kind=kind,
            term_start=membership.term_start,
            term_end=membership.term_end,
            vetted_until=membership.vetting_expires_on,
            alternate=alternate,
        )
    return users, memberships


def recipient_of(world: ref.World, address: str) -> str:
    """Return the person an e-mail address belongs to ("anonymous" if no one known)."""
    address = address.lower()
    if address == settings.SECRETARIAT_EMAIL.lower():
        return "secretariat"
    return next(
        (role for role, p in world.people.items() if p.email and p.email.lower() == address),
        "anonymous",
    )
