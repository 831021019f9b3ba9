"""People and the organisations they belong to."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

from triage_portal.accounts.enums import OrganisationType, PartyCategory, Role


class Organisation(models.Model):
    name = models.CharField("name", max_length=200, unique=True)
    is_sec_party = models.BooleanField("is a SEC Party", default=False)
    party_category = models.CharField(
        "SEC Party category",
        max_length=32,
        choices=PartyCategory.choices,
        default=PartyCategory.NOT_A_PARTY,
    )
    org_type = models.CharField(
        "organisation type",
        max_length=32,
        choices=OrganisationType.choices,
        default=OrganisationType.OTHER,
    )
    created_at = models.DateTimeField("created at", default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_sec_party=False, party_category=PartyCategory.NOT_A_PARTY)
                | (
                    models.Q(is_sec_party=True)
                    & ~models.Q(party_category=PartyCategory.NOT_A_PARTY)
                ),
                name="organisation_party_category_matches_sec_party",
            )
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.SECRETARIAT)
        extra_fields.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField("full name", max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    organisation_verified = models.BooleanField(
        "organisation verified by the secretariat",
        default=False,
        help_text="Self-declared membership of an organisation does not grant access to its items.",
    )
    role = models.CharField("role", max_length=16, choices=Role.choices, default=Role.PROPOSER)
    phone = models.CharField("contact number", max_length=40, blank=True)
    job_title = models.CharField("job title", max_length=150, blank=True)
    email_confirmed_at = models.DateTimeField("e-mail confirmed at", null=True, blank=True)
    is_active = models.BooleanField("active", default=True)
    is_staff = models.BooleanField("can use the admin site", default=False)
    date_joined = models.DateTimeField("date joined", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = "user"

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def is_committee(self) -> bool:
        return self.role in {Role.SECRETARIAT, Role.SSC_CHAIR, Role.SSC_MEMBER, Role.OBSERVER}


class RateLimitHit(models.Model):
    """One counted request towards a rate limit (kept in the database, so every server agrees)."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64, help_text="SHA-256 of the client address or e-mail")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="ratelimit_lookup")]
        verbose_name = "rate-limit hit"

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M:%S}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is kept; the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("name", max_length=100)
    prefix = models.CharField("first characters", max_length=8)
    key_hash = models.CharField("SHA-256 of the token", max_length=64, unique=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    last_used_at = models.DateTimeField("last used at", null=True, blank=True)
    revoked_at = models.DateTimeField("revoked at", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user}"
