"""Meetings, who attended, and their agendas."""

from django.conf import settings
from django.db import models

from assessments.enums import AttendanceStatus, ItemKind, MeetingStatus, Session
from triage_portal.audit.models import LogMixin
from triage_portal.classification import Classification


class Meeting(LogMixin, models.Model):
    committee = models.ForeignKey(
        "assessments.Committee",
        verbose_name="committee",
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    number = models.PositiveIntegerField("meeting number")
    date = models.DateField("date")
    location = models.CharField("location or link", max_length=300, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    pack_issued_at = models.DateTimeField(
        "papers sent to members at",
        null=True,
        blank=True,
        help_text="When the members were e-mailed the meeting's issued papers (the pack)",
    )

    class Meta:
        ordering = ["-date", "-number"]
        verbose_name = "meeting"
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"], name="meeting_unique_number_per_committee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee.code} {self.number} ({self.date:%d %B %Y})"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name="meeting", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="person",
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField("attendance", max_length=12, choices=AttendanceStatus.choices)
    represented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="represented by (alternate)",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["meeting", "person__full_name"]
        verbose_name = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name}: {self.get_status_display()}"


class AgendaItem(LogMixin, models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name="meeting", on_delete=models.PROTECT, related_name="items"
    )
    number = models.PositiveSmallIntegerField("item number")
    kind = models.CharField(
        "kind", max_length=16, choices=ItemKind.choices, default=ItemKind.BUSINESS
    )
    title = models.CharField("title", max_length=300)
    session = models.CharField(
        "session", max_length=8, choices=Session.choices, default=Session.OPEN
    )
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        null=True,
        blank=True,
    )
    classification = models.CharField(
        "classification", max_length=8, choices=Classification.choices, default=Classification.AMBER
    )
    invitees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="people invited to this item (RED items)",
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = "agenda item"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number"),
            models.CheckConstraint(
                condition=~models.Q(classification=Classification.RED)
                | models.Q(session=Session.CLOSED),
                name="agenda_item_red_only_in_closed_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}. {self.title}"


class CalendarFeed(models.Model):
    """A person's private calendar feed; raising the version revokes every earlier address."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    version = models.PositiveIntegerField("version", default=1)
    created_at = models.DateTimeField("address made at", auto_now=True)

    class Meta:
        verbose_name = "calendar feed"

    def __str__(self) -> str:
        return f"Calendar feed of {self.person} (version {self.version})"
