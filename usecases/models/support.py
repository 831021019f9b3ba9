"""SEC Parties that support a proposal, whether they have confirmed it, and how the portal
knows the confirmation came from that SEC Party."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from triage_portal.audit.models import LogMixin
from usecases.enums import VERIFIED_SUPPORT, SupportStatus, SupportVerification


class SupportingParty(LogMixin, models.Model):
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.CASCADE,
        related_name="supporters",
    )
    name = models.CharField("name", max_length=150)
    sec_party = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="SEC Party",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_sec_party": True},
    )
    phone = models.CharField("contact number", max_length=40, blank=True)
    email = models.EmailField("e-mail address")
    status = models.CharField(
        "support status",
        max_length=16,
        choices=SupportStatus.choices,
        default=SupportStatus.NOT_REQUESTED,
    )
    verification = models.CharField(
        "how the confirmation was tied to the SEC Party",
        max_length=16,
        choices=SupportVerification.choices,
        blank=True,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="confirmed by (signed in)",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    requested_at = models.DateTimeField("confirmation requested at", null=True, blank=True)
    responded_at = models.DateTimeField("responded at", null=True, blank=True)
    response_note = models.TextField("note from the supporter", blank=True)
    created_at = models.DateTimeField("added at", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "SEC Party supporter"
        constraints = [
            # A confirmation tied to the party as a member names that member. (Verification
            # counts only together with CONFIRMED: is_verified, the guard and the selectors
            # check both.)
            models.CheckConstraint(
                condition=~models.Q(verification=SupportVerification.MEMBER)
                | models.Q(confirmed_by__isnull=False),
                name="supportingparty_member_verification_names_the_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.sec_party})"

    @property
    def is_verified(self) -> bool:
        """Whether this is a confirmation the portal tied to the SEC Party (it counts)."""
        return self.status == SupportStatus.CONFIRMED and self.verification in VERIFIED_SUPPORT

    @property
    def status_label(self) -> str:
        """The status as the secretariat and the proposer read it: 'unverified' where it is."""
        if self.status == SupportStatus.CONFIRMED and not self.is_verified:
            return "Confirmed, unverified"
        return self.get_status_display()


class VerifiedSupporterAddress(LogMixin, models.Model):
    """An e-mail address the secretariat has checked belongs to someone at a SEC Party.

    A confirmation of support from a link sent to such an address counts as that SEC Party's.
    """

    sec_party = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="SEC Party",
        on_delete=models.PROTECT,
        related_name="verified_supporter_addresses",
        limit_choices_to={"is_sec_party": True},
    )
    email = models.EmailField("e-mail address")
    note = models.CharField("how it was verified", max_length=300, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="verified by",
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField("verified at", default=timezone.now)

    class Meta:
        ordering = ["sec_party__name", "email"]
        verbose_name = "verified supporter address"
        verbose_name_plural = "verified supporter addresses"
        constraints = [
            models.UniqueConstraint(
                "sec_party", Lower("email"), name="verified_supporter_address_once_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.sec_party})"
