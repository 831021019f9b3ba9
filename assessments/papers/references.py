"""Paper references: {PREFIX}_{MEETING_NO}_{DDMM}_{ITEM:02}, e.g. TABASC_45_1508_14."""

import datetime


def paper_reference(
    prefix: str, meeting_number: int, meeting_date: datetime.date, item_number: int
) -> str:
    """Return the reference of the paper for an agenda item (the date is the meeting's)."""
    return f"{prefix}_{meeting_number}_{meeting_date:%d%m}_{item_number:02d}"


def decision_reference(code: str, meeting_number: int, sequence: int) -> str:
    """Return a decision-log reference such as SSC45/D02."""
    return f"{code}{meeting_number}/D{sequence:02d}"


def action_reference(code: str, meeting_number: int, sequence: int) -> str:
    """Return an action-log reference such as SSC45/03."""
    return f"{code}{meeting_number}/{sequence:02d}"
