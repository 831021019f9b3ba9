"""The offline advisory check of the lock file (scripts/advisories.py)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "advisories.py"
spec = importlib.util.spec_from_file_location("advisories", SCRIPT)
advisories = importlib.util.module_from_spec(spec)
spec.loader.exec_module(advisories)

CLEAN = {"audited": True, "source": "osv", "advisories": []}


def test_a_locked_version_with_a_known_advisory_fails():
    snapshot = {
        "packages": {
            "django": {
                "version": "6.1.3",
                "audited": True,
                "source": "osv",
                "advisories": [{"id": "PYSEC-2026-1", "aliases": [], "fixed_in": ["6.1.4"]}],
            }
        }
    }

    failures, unaudited = advisories.problems({"django": "6.1.3"}, snapshot)

    assert failures == ["django==6.1.3 has known advisories: PYSEC-2026-1"]
    assert unaudited == []


def test_a_package_upgraded_since_the_snapshot_fails_until_it_is_updated():
    snapshot = {"packages": {"django": {"version": "6.1.2", **CLEAN}}}

    failures, _ = advisories.problems({"django": "6.1.3", "pikepdf": "10.0"}, snapshot)

    assert failures == [
        "django==6.1.3 is not in the snapshot (has 6.1.2): run 'python scripts/advisories.py update'",
        "pikepdf==10.0 is not in the snapshot (has nothing): run 'python scripts/advisories.py update'",
    ]


def test_a_package_the_source_could_not_audit_is_listed_not_passed_silently():
    snapshot = {
        "packages": {
            "certifi": {
                "version": "1",
                "audited": False,
                "source": "pypi-project",
                "latest": "2",
                "advisories": [],
            },
            "django": {"version": "6.1.3", **CLEAN},
        }
    }

    failures, unaudited = advisories.problems({"certifi": "1", "django": "6.1.3"}, snapshot)

    assert failures == []
    assert unaudited == ["certifi==1: not audited (the source only covers the latest release, 2)"]


def test_the_pins_are_read_from_the_lock_file(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "Django==6.1.3 \\\n    --hash=sha256:00\n    # via x\n"
        "typing_extensions==4.16.0 ; python_version < '3.13' \\\n    --hash=sha256:11\n"
    )

    assert advisories.locked(lock) == {"django": "6.1.3", "typing-extensions": "4.16.0"}


def test_the_repository_snapshot_covers_the_lock_file():
    import json

    failures, _ = advisories.problems(
        advisories.locked(), json.loads(advisories.SNAPSHOT.read_text())
    )

    assert failures == []
