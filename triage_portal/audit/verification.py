"""Everything `verify_audit` checks, in one place: the chain, the checkpoints and the records."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from triage_portal.audit.chain import walk_chain
from triage_portal.audit.checkpoints import CheckpointCheck, read_checkpoints
from triage_portal.audit.models import ActivityLog, ChainHead
from triage_portal.audit.record_checks import records_differing_from_log


@dataclass(frozen=True)
class Verification:
    checked: int
    checkpoints: int
    problems: list[str]
    differing: list[str]

    @property
    def intact(self) -> bool:
        return not self.problems and not self.differing


def verify_audit_log(checkpoints_path: Path | None = None) -> Verification:
    """Walk the chain against its keys and checkpoints, then replay the log against the records."""
    path = Path(checkpoints_path or settings.AUDIT_CHECKPOINT_DIR)
    checkpoints, problems = read_checkpoints(path)
    head = ChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    entries = ActivityLog.objects.order_by("pk").iterator(chunk_size=2000)
    walk = walk_chain(
        entries, head, settings.AUDIT_HMAC_KEYS, observers=[CheckpointCheck(checkpoints)]
    )
    return Verification(
        checked=walk.checked,
        checkpoints=len(checkpoints),
        problems=problems + walk.problems,
        differing=records_differing_from_log(),
    )
