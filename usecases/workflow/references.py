"""Allocate immutable references and Use Case numbers from locked counters."""

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from usecases.enums import SubmissionKind
from usecases.models import ReferenceCounter, Submission


def _next_in_series(series: str) -> int:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def allocate_reference(kind: str) -> str:
    """Return the next reference for a proposal of this kind, e.g. UCR-2026-001.

    The format comes from settings (PORTAL_REFERENCE_FORMATS); it may use {year} and {number}.
    """
    template = settings.PORTAL_REFERENCE_FORMATS[SubmissionKind(kind)]
    year = timezone.localdate().year
    series = template.split("{number")[0].format(year=year)
    return template.format(year=year, number=_next_in_series(series))


def allocate_use_case_number() -> int:
    """Return the next three-digit Use Case number, after any already published."""
    counter, created = ReferenceCounter.objects.select_for_update().get_or_create(
        series="use-case-number"
    )
    if created:
        published = Submission.objects.aggregate(top=Max("use_case_number"))["top"] or 0
        counter.last_number = max(published, settings.PORTAL_LAST_USE_CASE_NUMBER)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number
