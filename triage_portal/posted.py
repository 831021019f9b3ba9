"""Read single values from a POST safely: bad input gives None, never an exception."""

MAX_ID = 2**63 - 1


def posted_int(request, name: str) -> int | None:
    """The posted whole number, or None when it is missing, not a number or out of range."""
    raw = request.POST.get(name, "")
    if not isinstance(raw, str) or not raw.strip().lstrip("-").isdigit() or len(raw) > 20:
        return None
    value = int(raw)
    return value if -MAX_ID <= value <= MAX_ID else None


def posted_id(request, name: str) -> int | None:
    """The posted primary key (a positive whole number), or None."""
    value = posted_int(request, name)
    return value if value is not None and value > 0 else None
