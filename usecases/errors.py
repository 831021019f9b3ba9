"""Errors that services raise and views turn into messages."""


class ActionRefused(Exception):
    """The user may not take this action on this proposal now; the message says why."""
