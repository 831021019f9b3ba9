"""Panel Information Policy (PIP) classification levels, based on the Traffic Light Protocol.

WHITE is the TLP 1.0 name that TLP 2.0 renamed CLEAR; both labels are accepted and stored as
WHITE, which is what the seed paper uses.

This module holds the levels, their words and the policy, each rule once as a named function:
- which relationship to an item lets a person read it at which level (READABLE, readable_by,
  may_read; domain research §5.2);
- which levels only the people named on an item read, taken in closed session, whose titles
  a vote's question never quotes (named_only);
- which levels a reader's copy carries their watermark at, and so is theirs alone (watermarked);
- which levels an e-mail may quote the title and content of (may_quote).
Each app's selectors turn the policy into querysets (usecases.selectors.proposals, assessments.selectors),
so every page, list, count, CSV, PDF, API response and e-mail reads through it. Who sits on a
committee today needs the committee app's models: it is defined once there
(assessments.models.MembershipQuerySet.held_by) and reaches this layer through
triage_portal.access.
"""

from enum import StrEnum

from django.db import models


class Classification(models.TextChoices):
    RED = "RED", "Red"
    AMBER = "AMBER", "Amber"
    GREEN = "GREEN", "Green"
    WHITE = "WHITE", "White (Clear)"


# Higher is stricter.
STRICTNESS = {
    Classification.WHITE: 0,
    Classification.GREEN: 1,
    Classification.AMBER: 2,
    Classification.RED: 3,
}

ALIASES = {"CLEAR": Classification.WHITE, "TLP:CLEAR": Classification.WHITE}

MEANINGS = {
    Classification.RED: (
        "Information is for the named recipients only and must not be shared with anyone else."
    ),
    Classification.AMBER: (
        "Information may be shared only with members of the recipient's own organisation, and "
        "with those who need to know it to protect themselves or prevent further harm."
    ),
    Classification.GREEN: (
        "Information may be shared with peers and partner organisations within the smart "
        "metering community, but not through publicly accessible channels."
    ),
    Classification.WHITE: (
        "Information can be shared with the public and any members may publish the "
        "information, subject to copyright."
    ),
}


# The SSC template (a proposer's form annexed to papers) words the White meaning with a comma.
FORM_MEANINGS = MEANINGS | {
    Classification.WHITE: (
        "Information can be shared with the public, and any members may publish the "
        "information, subject to copyright."
    )
}


def parse_classification(value: str) -> Classification:
    """Return the level named by value, accepting CLEAR as WHITE; raise ValueError otherwise."""
    word = value.strip().upper()
    if word in ALIASES:
        return ALIASES[word]
    return Classification(word)


def strictest(*levels: str) -> Classification:
    """Return the most restrictive of the given levels."""
    return max((Classification(level) for level in levels), key=STRICTNESS.__getitem__)


def statement(level: str, *, form: bool = False) -> str:
    """Return the paper sentence for a level, as the seed paper words it (form: as the template does)."""
    level = Classification(level)
    name = "White" if level == Classification.WHITE else level.label
    meaning = (FORM_MEANINGS if form else MEANINGS)[level]
    return f"This document is classified as {name} in accordance with the Panel Information Policy. {meaning}"


class Audience(StrEnum):
    """How a person stands towards an item; a person may stand in several ways at once."""

    PUBLIC = "public"  # anyone, signed in or not, once the item is published
    SIGNED_IN = "signed_in"  # any signed-in portal user
    OWN_ITEM = "own_item"  # the proposer's organisation, for its own item
    SUPPORTER = "supporter"  # a confirmed SEC Party supporter, for the item it supports
    COMMITTEE = "committee"  # a member or observer whose seat term and vetting are current
    # Named on the item's invitation AND holding a current, vetted seat on its committee.
    # Attending the meeting (present, apologies, represented) is not an invitation.
    NAMED = "named"
    SECRETARIAT = "secretariat"


# The Panel Information Policy: the levels each audience may read.
READABLE: dict[Audience, tuple[Classification, ...]] = {
    Audience.PUBLIC: (Classification.WHITE,),
    Audience.SIGNED_IN: (Classification.WHITE, Classification.GREEN),
    Audience.OWN_ITEM: (Classification.WHITE, Classification.GREEN, Classification.AMBER),
    Audience.SUPPORTER: (Classification.WHITE, Classification.GREEN, Classification.AMBER),
    Audience.COMMITTEE: (Classification.WHITE, Classification.GREEN, Classification.AMBER),
    Audience.NAMED: tuple(Classification),
    Audience.SECRETARIAT: tuple(Classification),
}


def readable_by(audience: Audience) -> tuple[Classification, ...]:
    """Return the levels a person in this audience may read."""
    return READABLE[audience]


def may_read(level: str, audiences) -> bool:
    """Whether someone standing in any of these audiences may read an item at this level."""
    return any(Classification(level) in READABLE[Audience(a)] for a in audiences)


# Levels only the people named on an item (and the secretariat) read: beyond what a seat on the
# committee opens. Such an item is taken in closed session, and no vote's question quotes its title.
NAMED_ONLY: tuple[Classification, ...] = tuple(
    level for level in READABLE[Audience.NAMED] if level not in READABLE[Audience.COMMITTEE]
)


def named_only(level: str) -> bool:
    """Whether business at this level is read only by the people named on its item (RED)."""
    return level in NAMED_ONLY


# Levels at which a reader's copy of a paper carries their name as a watermark (and so is theirs
# alone, never a shared copy); the page offering the PDF says so.
WATERMARKED: tuple[Classification, ...] = (Classification.AMBER, Classification.RED)


def watermarked(level: str) -> bool:
    """Whether a reader's copy at this level carries their watermark (and is theirs alone)."""
    return level in WATERMARKED


# Levels whose e-mails may quote titles and content; for the rest (AMBER, RED) an e-mail
# carries a reference, the event and a link only (TLP e-mail guidance).
QUOTABLE: tuple[Classification, ...] = (Classification.WHITE, Classification.GREEN)


def may_quote(level: str) -> bool:
    """Whether an e-mail about business at this level may quote its title and content."""
    return level in QUOTABLE


# What a reader not entitled to RED business sees in its place: in the decision log, its CSV
# and the minutes, a RED decision keeps its reference and date and loses everything else.
RESTRICTED = "Closed session item — restricted"


def redact(text: str, withheld) -> str:
    """Return text with each withheld passage replaced by RESTRICTED, the longest first (so a
    title quoted inside a resolution goes with the resolution)."""
    for passage in sorted({p.strip() for p in withheld if p and p.strip()}, key=len, reverse=True):
        text = text.replace(passage, RESTRICTED)
    return text
