"""Signed checkpoints of the chain's head, kept outside the database.

The keyed chain stops anyone without the key from changing an entry, but not from deleting the
newest entries and moving the head back. So a scheduled job (`manage.py audit_checkpoint`, also
run by `run_scheduled`) appends a line to AUDIT_CHECKPOINT_DIR/audit-checkpoints.jsonl and
e-mails it to AUDIT_CHECKPOINT_EMAIL: how many entries the log held, the newest entry's id and
hash, when, and an HMAC over them with the current audit key. `verify_audit` then requires every
checkpointed entry to be present and unchanged, so entries removed are caught, unless they were
written after the last checkpoint. Keep the folder where the database's owner cannot rewrite it.
"""

import datetime
import fcntl
import hmac
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import task

from triage_portal.audit.chain import ChainWalk, mac
from triage_portal.mail import queue_email
from triage_portal.taskqueue import retried

FORMAT = 1
FILE_NAME = "audit-checkpoints.jsonl"


@dataclass(frozen=True)
class Checkpoint:
    entries: int
    last_id: int
    last_hash: str
    written_at: str
    kid: str
    mac: str = ""

    def signed_body(self) -> bytes:
        body = {"type": "audit-checkpoint", "format": FORMAT, **asdict(self)}
        del body["mac"]
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    def line(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, sort_keys=True)

    @property
    def when(self) -> str:
        return self.written_at[:19].replace("T", " ") + " UTC"


def sign(checkpoint: Checkpoint) -> Checkpoint:
    key = settings.AUDIT_HMAC_KEYS[checkpoint.kid]
    return Checkpoint(**{**asdict(checkpoint), "mac": mac(key, checkpoint.signed_body())})


def take_checkpoint() -> Checkpoint | None:
    """Return a signed checkpoint of the log as it stands, or None while it is empty."""
    from triage_portal.audit.models import ActivityLog, ChainHead

    with transaction.atomic():
        # Holding the head's lock keeps appends out while the newest entry and count are read.
        ChainHead.objects.select_for_update().filter(pk=1).first()
        newest = ActivityLog.objects.order_by("-pk").only("pk", "entry_hash").first()
        if newest is None:
            return None
        entries = ActivityLog.objects.filter(pk__lte=newest.pk).count()
    return sign(
        Checkpoint(
            entries=entries,
            last_id=newest.pk,
            last_hash=newest.entry_hash,
            written_at=datetime.datetime.now(datetime.UTC).isoformat(),
            kid=settings.AUDIT_HMAC_CURRENT_KID,
        )
    )


def _checkpoint_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.glob("*.jsonl"))
    return [path] if path.exists() else []


def read_checkpoints(path: Path) -> tuple[list[Checkpoint], list[str]]:
    """Return the checkpoints in a file, or in every *.jsonl of a folder, and what is wrong with any."""
    checkpoints, problems = [], []
    for file in _checkpoint_files(path):
        for number, text in enumerate(file.read_text().splitlines(), start=1):
            if not text.strip():
                continue
            where = f"line {number} of {file}"
            try:
                fields = json.loads(text)
                fields.pop("format")
                checkpoint = Checkpoint(**fields)
            except (ValueError, TypeError, KeyError):
                problems.append(f"The checkpoint on {where} cannot be read.")
                continue
            key = settings.AUDIT_HMAC_KEYS.get(checkpoint.kid)
            if key is None:
                problems.append(
                    f"The checkpoint on {where} is signed with the key {checkpoint.kid!r}, which "
                    "AUDIT_HMAC_KEYS does not hold."
                )
            elif not hmac.compare_digest(mac(key, checkpoint.signed_body()), checkpoint.mac):
                problems.append(
                    f"The checkpoint on {where} was altered or forged: it does not verify."
                )
            else:
                checkpoints.append(checkpoint)
    return checkpoints, problems


def append_checkpoint(checkpoint: Checkpoint, folder: Path) -> Path:
    """Append the checkpoint as one line to the folder's checkpoint file, opened for appending only."""
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / FILE_NAME
    descriptor = os.open(file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.write(descriptor, (checkpoint.line() + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return file


class CheckpointCheck:
    """Along the chain walk, require each checkpointed entry to be there and unchanged."""

    def __init__(self, checkpoints: list[Checkpoint]):
        self.by_id: dict[int, list[Checkpoint]] = {}
        for checkpoint in checkpoints:
            self.by_id.setdefault(checkpoint.last_id, []).append(checkpoint)
        self.met: set[int] = set()

    def visit(self, entry, walk: ChainWalk) -> None:
        for checkpoint in self.by_id.get(entry.pk, ()):
            self.met.add(entry.pk)
            if not hmac.compare_digest(entry.entry_hash, checkpoint.last_hash):
                walk.tampered(entry, f"it differs from the checkpoint of {checkpoint.when}")
            elif walk.checked != checkpoint.entries:
                walk.problems.append(
                    f"Entries were removed or inserted before entry {entry.pk}: the checkpoint of "
                    f"{checkpoint.when} counted {checkpoint.entries} entries up to it, the log "
                    f"now holds {walk.checked}."
                )

    def finish(self, walk: ChainWalk) -> None:
        for last_id in sorted(set(self.by_id) - self.met):
            checkpoint = self.by_id[last_id][-1]
            walk.problems.append(
                f"The newest entries were removed: the checkpoint of {checkpoint.when} counted "
                f"{checkpoint.entries} entries up to entry {last_id}, which is missing (the log "
                f"now ends at entry {walk.last_id or 'none'})."
            )


def _previous_checkpoint_problem(previous: Checkpoint | None) -> str:
    """Say why the last checkpoint no longer matches the log, or return "" when it does."""
    from triage_portal.audit.models import ActivityLog

    if previous is None:
        return ""
    entry = ActivityLog.objects.filter(pk=previous.last_id).only("entry_hash").first()
    if entry is None:
        return (
            f"entry {previous.last_id}, the newest at the checkpoint of {previous.when}, is missing"
        )
    if entry.entry_hash != previous.last_hash:
        return f"entry {previous.last_id} differs from the checkpoint of {previous.when}"
    return ""


def write_checkpoint(folder: Path | None = None) -> dict:
    """Append a checkpoint and e-mail it, unless nothing was logged since the last one.

    Side effects: one line appended to the checkpoint file; one e-mail queued to
    AUDIT_CHECKPOINT_EMAIL, titled as an alert if the previous checkpoint no longer matches.
    """
    folder = Path(folder or settings.AUDIT_CHECKPOINT_DIR)
    checkpoint = take_checkpoint()
    if checkpoint is None:
        return {"written": False, "entries": 0}
    earlier, _ = read_checkpoints(folder)
    previous = max(earlier, key=lambda c: (c.written_at, c.last_id), default=None)
    if previous and (previous.last_id, previous.last_hash) == (
        checkpoint.last_id,
        checkpoint.last_hash,
    ):
        return {"written": False, "entries": checkpoint.entries}
    file = append_checkpoint(checkpoint, folder)
    queue_email(
        template="audit_checkpoint",
        to=[settings.AUDIT_CHECKPOINT_EMAIL],
        context={
            "checkpoint": checkpoint,
            "line": checkpoint.line(),
            "file": str(file),
            "alert": _previous_checkpoint_problem(previous),
        },
    )
    return {"written": True, "entries": checkpoint.entries}


@task
def write_audit_checkpoint(*, attempt: int = 1) -> dict:
    """Append a signed checkpoint of the activity log's head to the checkpoint file and e-mail it."""
    with retried(write_audit_checkpoint, {}, attempt):
        return write_checkpoint()
