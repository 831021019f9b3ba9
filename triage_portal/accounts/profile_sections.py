"""Sections that other apps add to the profile page (the committee app adds the calendar).

Apps above this one register a function user -> (template name, context) or None when they
load, so the profile page shows them without this app importing theirs.
"""

from collections.abc import Callable

_sections: list[Callable] = []


def register_profile_section(section: Callable) -> None:
    if section not in _sections:
        _sections.append(section)


def sections_for(user) -> list[tuple[str, dict]]:
    return [found for section in _sections if (found := section(user)) is not None]
