import factory
from django.utils import timezone

from triage_portal.accounts.enums import OrganisationType, PartyCategory, Role
from triage_portal.accounts.models import Organisation, User

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    org_type = OrganisationType.MANUFACTURER


class SecPartyFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Supplier {n} Ltd")
    is_sec_party = True
    party_category = PartyCategory.LARGE_SUPPLIER
    org_type = OrganisationType.SUPPLIER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    organisation_verified = True
    role = Role.PROPOSER
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])
