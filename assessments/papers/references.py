"""Committee references.

* Papers: ``{PREFIX}_{MEETING_NO}_{DDMM}_{ITEM:02}``, e.g. ``TABASC_45_1508_14``. They are read by
  splitting on ``_``, so a committee's code and paper prefix never contain one (the model
  validates both, and the database refuses them).
* Decisions taken at, or recorded against, a meeting: ``{CODE}{MEETING_NO}/D{NN}``, e.g.
  ``SSC95/D02``.
* Decisions by correspondence with no meeting to file them under (the committee had held none
  by then): ``{CODE}-C{YEAR}/D{NN}``, e.g. ``SSC-C2026/D01``, numbered within the year of the
  decision. A code is letters and digits only, so these never collide with a meeting's.
* Actions: ``{CODE}{MEETING_NO}/{NN}``, e.g. ``SSC45/03``.
"""

import datetime
import re


def paper_reference(
    prefix: str, meeting_number: int, meeting_date: datetime.date, item_number: int
) -> str:
    """Return the reference of the paper for an agenda item (the date is the meeting's)."""
    return f"{prefix}_{meeting_number}_{meeting_date:%d%m}_{item_number:02d}"


def decision_reference(code: str, meeting_number: int, sequence: int) -> str:
    """Return a decision-log reference such as SSC45/D02."""
    return f"{code}{meeting_number}/D{sequence:02d}"


def correspondence_decision_reference(code: str, year: int, sequence: int) -> str:
    """Return the reference of a decision with no meeting, such as SSC-C2026/D01."""
    return f"{code}-C{year}/D{sequence:02d}"


def decision_sequence(reference: str, stem: str) -> int | None:
    """Return the NN of a reference made from stem (a reference less its number), else None."""
    match = re.fullmatch(re.escape(stem) + r"(\d+)", reference)
    return int(match.group(1)) if match else None


def action_reference(code: str, meeting_number: int, sequence: int) -> str:
    """Return an action-log reference such as SSC45/03."""
    return f"{code}{meeting_number}/{sequence:02d}"
