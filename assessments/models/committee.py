"""Committees, their rules, seats, memberships and the register of interests."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from assessments.enums import OBSERVER_CATEGORIES, MajorityRule, SeatCategory, VettingStatus
from triage_portal.audit.models import LogMixin

# Paper references are split on "_" ({PREFIX}_{MEETING}_{DDMM}_{ITEM}), so neither a code nor a
# prefix may hold one. Decision references are {CODE}{MEETING}/D{NN} and, with no meeting,
# {CODE}-C{YEAR}/D{NN} (assessments/papers/references.py): a code of letters and digits that
# starts and ends with a letter keeps every one of them unambiguous.
code_validator = RegexValidator(
    r"^[A-Za-z](?:[A-Za-z0-9]*[A-Za-z])?$",
    "Enter a code of letters and digits that starts and ends with a letter, such as SSC or PMA",
)
prefix_validator = RegexValidator(
    r"^[A-Za-z0-9-]+$",
    'Enter a prefix of letters, digits and hyphens, such as SSC or SMKI-PMA: paper references are split on "_"',
)


def more_than_zero(value) -> None:
    if value is not None and value <= 0:
        raise ValidationError("Enter a quorum of more than 0 (for example 0.5 for half)")


def less_than_one(value) -> None:
    if value is not None and value >= 1:
        raise ValidationError(
            "Enter a threshold of less than 1: For must exceed this share of all voting members"
        )


class Committee(LogMixin, models.Model):
    code = models.CharField(
        "code",
        max_length=16,
        unique=True,
        help_text="For example SSC or TABASC: letters and digits",
        validators=[code_validator],
    )
    name = models.CharField("name", max_length=200)
    paper_ref_prefix = models.CharField(
        "paper reference prefix", max_length=16, validators=[prefix_validator]
    )
    quorum_fraction = models.DecimalField(
        "quorum (fraction of voting seats filled)",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[more_than_zero, MaxValueValidator(Decimal(1))],
        help_text="More than 0 and at most 1; 0.5 means half of the eligible voting seats",
    )
    chair_required = models.BooleanField(
        "the Chair (or alternate) must be present for quorum", default=True
    )
    majority_rule = models.CharField(
        "majority rule",
        max_length=24,
        choices=MajorityRule.choices,
        default=MajorityRule.VOTES_CAST,
    )
    chair_casting_vote = models.BooleanField("the Chair has a casting vote on a tie", default=True)
    chair_alternate_casting_vote = models.BooleanField(
        "the Chair's alternate, standing in at a meeting, may give the casting vote",
        default=True,
    )
    allow_correspondence = models.BooleanField("votes by correspondence are allowed", default=True)
    correspondence_threshold = models.DecimalField(
        "correspondence threshold (fraction of all voting members)",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0.5")), less_than_one],
        help_text="A motion by correspondence passes when For exceeds this share of all voting"
        " members (at least 0.5 and less than 1) and exceeds Against",
    )
    paper_deadline_working_days = models.PositiveSmallIntegerField(
        "paper deadline (working days)", default=5
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "committee"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_fraction__gt=0, quorum_fraction__lte=1),
                name="committee_quorum_fraction",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    correspondence_threshold__gte=Decimal("0.5"), correspondence_threshold__lt=1
                ),
                name="committee_correspondence_threshold",
            ),
            models.CheckConstraint(
                condition=models.Q(majority_rule__in=MajorityRule.values),
                name="committee_majority_rule",
            ),
            models.CheckConstraint(
                condition=~models.Q(code__contains="_")
                & ~models.Q(code__contains="-")
                & ~models.Q(code__contains="/")
                & ~models.Q(paper_ref_prefix__contains="_"),
                name="committee_code_and_prefix_without_separators",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Seat(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name="committee", on_delete=models.PROTECT, related_name="seats"
    )
    category = models.CharField("category", max_length=32, choices=SeatCategory.choices)
    number = models.PositiveSmallIntegerField("number within the category", default=1)

    class Meta:
        ordering = ["committee", "category", "number"]
        verbose_name = "seat"
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "category", "number"], name="seat_unique_per_committee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee.code} {self.get_category_display()} {self.number}"

    @property
    def is_voting(self) -> bool:
        """The Chair has no deliberative vote and observers none at all."""
        return self.category not in (SeatCategory.CHAIR, *OBSERVER_CATEGORIES)

    @property
    def is_chair(self) -> bool:
        return self.category == SeatCategory.CHAIR

    @property
    def is_observer(self) -> bool:
        return self.category in OBSERVER_CATEGORIES


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        """Memberships in term and with valid security vetting on the day (today by default)."""
        day = day or timezone.localdate()
        return self.filter(
            term_start__lte=day,
            term_end__gte=day,
            vetting_status=VettingStatus.VETTED,
            vetting_expires_on__gte=day,
        )

    def held_by(self, user, day=None):
        """Seats the user sits on today (or on the day): in term and vetted, as member or
        alternate. The one definition of "sits on a committee" (seats_of, the view_committee
        rule and the RED rule on a proposal's page all ask it)."""
        return self.current(day).filter(models.Q(person=user) | models.Q(alternate=user))


class Membership(LogMixin, models.Model):
    seat = models.ForeignKey(
        Seat, verbose_name="seat", on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="member",
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    alternate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="alternate",
        on_delete=models.PROTECT,
        related_name="alternate_for",
        null=True,
        blank=True,
    )
    term_start = models.DateField("term starts")
    term_end = models.DateField("term ends")
    vetting_status = models.CharField(
        "security vetting",
        max_length=12,
        choices=VettingStatus.choices,
        default=VettingStatus.PENDING,
    )
    vetting_expires_on = models.DateField("vetting expires on", null=True, blank=True)
    # The lapse each expiry reminder was sent for (assessments.services.roster): a renewed term
    # or vetting has a new date, so it is reminded again, once.
    term_reminded_for = models.DateField("term end reminded about", null=True, blank=True)
    vetting_reminded_for = models.DateField("vetting expiry reminded about", null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["seat", "-term_start"]
        verbose_name = "membership"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="membership_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} – {self.seat}"

    def is_current(self, day=None) -> bool:
        day = day or timezone.localdate()
        return (
            self.term_start <= day <= self.term_end
            and self.vetting_status == VettingStatus.VETTED
            and self.vetting_expires_on is not None
            and self.vetting_expires_on >= day
        )


class Interest(models.Model):
    """A standing entry in a member's register of interests."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="member",
        on_delete=models.PROTECT,
        related_name="interests",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="organisation",
        on_delete=models.PROTECT,
        related_name="+",
    )
    nature = models.CharField(
        "nature of the interest", max_length=200, help_text="For example: employer; shareholding"
    )
    declared_on = models.DateField("declared on", default=timezone.localdate)

    class Meta:
        ordering = ["person", "organisation"]
        verbose_name = "registered interest"

    def __str__(self) -> str:
        return f"{self.person.full_name}: {self.nature}, {self.organisation}"
