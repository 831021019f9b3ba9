"""A person's meetings and voting deadlines as an iCalendar (RFC 5545) feed.

The feed address carries a signed token (person and feed version), so it works in calendar
apps without signing in, and making a new address revokes the old one. Calendar apps copy
events to other providers, so events carry no classified substance: meeting numbers, dates,
places and links; a vote's question only when its item is White or Green.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from assessments.models import CalendarFeed
from assessments.selectors import ballots_visible_to, meetings_visible_to
from triage_portal.audit.models import log_event
from triage_portal.classification import Classification
from triage_portal.links import portal_origin, portal_url

SALT = "assessments.calendar"
OPEN_LEVELS = (Classification.WHITE, Classification.GREEN)


FIRST_VERSION = CalendarFeed._meta.get_field("version").default


def _version(person) -> int:
    """Return the person's current feed version; with no row yet, the first (nothing is written)."""
    version = CalendarFeed.objects.filter(person=person).values_list("version", flat=True).first()
    return FIRST_VERSION if version is None else version


def feed_token(person) -> str:
    return signing.Signer(salt=SALT).sign(f"{person.pk}.{_version(person)}")


def new_feed_address(person) -> str:
    """Revoke the old address and make a new one."""
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    # A person with no row yet was given the first version's address: move past it too.
    feed.version += 1
    feed.save(update_fields=["version", "created_at"])
    log_event("assessments.calendar.new_address", actor=person, data={"version": feed.version})
    return feed_token(person)


def person_for(token: str):
    """The active person whose current feed this token opens, or None."""
    try:
        person_id, version = signing.Signer(salt=SALT).unsign(token).split(".")
    except (signing.BadSignature, ValueError):
        return None
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(person_id=person_id, person__is_active=True)
        .first()
    )
    if feed is not None:
        return feed.person if str(feed.version) == version else None
    # No row: the person has only ever had the first address.
    if version != str(FIRST_VERSION):
        return None
    return get_user_model().objects.filter(pk=person_id, is_active=True).first()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    parts, start = [], 0
    while len(data) - start > 75:
        end = start + (75 if not parts else 74)
        while end > start and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    parts.append(data[start:].decode())
    return "\r\n ".join(parts)


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(uid: str, summary: str, url: str, *, day=None, at=None, location: str = "") -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_stamp(timezone.now())}"]
    if day is not None:
        lines += [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
        ]
    else:
        lines += [f"DTSTART:{_stamp(at)}", f"DTEND:{_stamp(at)}"]
    lines += [f"SUMMARY:{_escape(summary)}", f"URL:{url}"]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    return [*lines, "END:VEVENT"]


def feed(person) -> str:
    base = portal_origin()
    # Event ids stay the same whichever host the feed is fetched from.
    host = settings.PORTAL_BASE_URL.rstrip("/").split("//", 1)[-1]
    since = timezone.localdate() - datetime.timedelta(days=90)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SSC Triage Portal//Meetings and votes//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:SSC meetings and votes",
    ]
    for meeting in meetings_visible_to(person).filter(date__gte=since).select_related("committee"):
        lines += _event(
            f"meeting-{meeting.pk}@{host}",
            f"{meeting.committee.code} meeting {meeting.number}",
            f"{base}/committees/meetings/{meeting.pk}/",
            day=meeting.date,
            location=meeting.location,
        )
    ballots = ballots_visible_to(person).filter(status="OPEN", closes_at__isnull=False)
    for ballot in ballots.select_related("committee", "agenda_item", "submission"):
        level = (
            ballot.agenda_item.classification
            if ballot.agenda_item
            else getattr(ballot.submission, "classification", Classification.AMBER)
        )
        what = f": {ballot.question}" if level in OPEN_LEVELS else ""
        lines += _event(
            f"vote-{ballot.pk}@{host}",
            f"{ballot.committee.code} vote closes{what}",
            f"{base}/committees/votes/{ballot.pk}/",
            at=ballot.closes_at,
        )
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def profile_section(person):
    """The feed's address on a committee person's profile page (made on first view)."""
    if not person.is_committee:
        return None
    path = reverse("assessments:calendar-feed", args=[feed_token(person)])
    return "assessments/calendar_section.html", {"url": portal_url(path)}
