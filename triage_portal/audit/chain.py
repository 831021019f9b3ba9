"""Seal activity-log entries with a keyed hash, and walk the chain to find what was changed.

Each entry's hash is an HMAC-SHA256, under a key the database does not hold
(settings.AUDIT_HMAC_KEYS), of everything the entry records, its key id and the previous
entry's hash. Someone who can write to the database but does not hold the key cannot change,
insert or remove an entry and recompute the hashes after it.

Entries written before the keys existed carry the key id "" and a plain SHA-256 ("unsealed").
They verify only as an unbroken run at the start of the log, followed by a sealed entry whose
keyed hash covers the last of them (migration 0004 appends one), so they cannot be rewritten
either; an unsealed entry after a sealed one, or a log that ends unsealed, is tampering.
"""

import datetime
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

UNSEALED = ""


def canonical(entry) -> bytes:
    """Return the bytes an entry's hash covers: what it records, its key id, its predecessor's hash."""
    data = json.loads(json.dumps(entry.data, cls=DjangoJSONEncoder))
    body = {
        "type": entry.content_type_id,
        "object": entry.object_id,
        "action": entry.action,
        "actor": entry.actor_id,
        "data": data,
        # In UTC, as the database gives it back, whatever zone the entry was made in.
        "time": entry.timestamp.astimezone(datetime.UTC).isoformat(),
        "previous": entry.previous_hash,
    }
    if entry.key_id != UNSEALED:
        body["kid"] = entry.key_id
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def mac(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def expected_hash(entry, keys: dict[str, bytes]) -> str | None:
    """Return the hash the entry should carry, or None when its key is not configured."""
    if entry.key_id == UNSEALED:
        return hashlib.sha256(canonical(entry)).hexdigest()
    key = keys.get(entry.key_id)
    return None if key is None else mac(key, canonical(entry))


def seal(entry) -> None:
    """Set the entry's key id to the current key and its hash to the keyed hash of its content."""
    entry.key_id = settings.AUDIT_HMAC_CURRENT_KID
    entry.entry_hash = mac(settings.AUDIT_HMAC_KEYS[entry.key_id], canonical(entry))


@dataclass
class ChainWalk:
    """What walking the chain found: entries checked, the newest entry, and every problem."""

    keys: dict[str, bytes]
    checked: int = 0
    last_id: int | None = None
    last_hash: str = ""
    problems: list[str] = field(default_factory=list)
    sealed_seen: bool = False
    newest_key: str = ""

    def tampered(self, entry, why: str) -> None:
        self.problems.append(f"The activity log was tampered with at entry {entry.pk}: {why}.")

    def visit(self, entry) -> None:
        self.checked += 1
        if entry.previous_hash != self.last_hash:
            after = f"entry {self.last_id}" if self.last_id else "the start of the log"
            self.tampered(entry, f"it does not follow {after} (entries removed or inserted)")
        self._check_key_order(entry)
        expected = expected_hash(entry, self.keys)
        if expected is None:
            self.problems.append(
                f"Entry {entry.pk} is sealed with the key {entry.key_id!r}, which AUDIT_HMAC_KEYS "
                "does not hold, so it cannot be verified."
            )
        elif not hmac.compare_digest(expected, entry.entry_hash):
            self.tampered(entry, "its content does not match its hash")
        self.last_id, self.last_hash = entry.pk, entry.entry_hash

    def _check_key_order(self, entry) -> None:
        order = list(self.keys)
        if entry.key_id == UNSEALED:
            if self.sealed_seen:
                self.tampered(entry, "an unsealed entry after sealed ones")
            return
        if self.newest_key in order and entry.key_id in order:
            if order.index(entry.key_id) < order.index(self.newest_key):
                self.tampered(
                    entry, f"sealed with the older key {entry.key_id!r} after {self.newest_key!r}"
                )
                return
        self.sealed_seen = True
        self.newest_key = entry.key_id

    def finish(self, head_hash: str | None) -> None:
        if self.last_id is not None and not self.sealed_seen:
            self.problems.append(
                f"The activity log ends with unsealed entries (the newest is entry {self.last_id}): "
                "it was rewritten without the key, or `manage.py migrate` has not sealed it yet."
            )
        if head_hash is not None and head_hash != self.last_hash:
            self.problems.append(
                "The newest entries were removed: the chain head does not match "
                f"({self.checked} entries checked)."
            )


class WalkObserver(Protocol):
    """Something checked along the walk, such as the checkpoints taken outside the database."""

    def visit(self, entry, walk: ChainWalk) -> None: ...

    def finish(self, walk: ChainWalk) -> None: ...


def walk_chain(
    entries: Iterable,
    head_hash: str | None,
    keys: dict[str, bytes],
    observers: Iterable[WalkObserver] = (),
) -> ChainWalk:
    """Check every entry, in order, against its predecessor and its key; return what was found."""
    walk = ChainWalk(keys=keys)
    observers = list(observers)
    for entry in entries:
        walk.visit(entry)
        for observer in observers:
            observer.visit(entry, walk)
    walk.finish(head_hash)
    for observer in observers:
        observer.finish(walk)
    return walk
