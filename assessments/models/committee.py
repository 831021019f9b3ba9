"""Committees, their rules, seats, memberships and the register of interests."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.enums import OBSERVER_CATEGORIES, MajorityRule, SeatCategory, VettingStatus
from triage_portal.audit.models import LogMixin


class Committee(LogMixin, models.Model):
    code = models.CharField(
        "code", max_length=16, unique=True, help_text="For example SSC or TABASC"
    )
    name = models.CharField("name", max_length=200)
    paper_ref_prefix = models.CharField("paper reference prefix", max_length=16)
    quorum_fraction = models.DecimalField(
        "quorum (fraction of voting seats filled)",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
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
    allow_correspondence = models.BooleanField("votes by correspondence are allowed", default=True)
    correspondence_threshold = models.DecimalField(
        "correspondence threshold (fraction of all voting members)",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        help_text="A motion by correspondence passes when For exceeds this share of all voting members",
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
            )
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
