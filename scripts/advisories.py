"""Known-vulnerability check of requirements.lock that runs without the network.

    python scripts/advisories.py check     # offline: the lock against scripts/advisories.json
    python scripts/advisories.py update    # online: rebuild the snapshot (PyPI, or OSV with --osv)

pip-audit asks PyPI for the advisories of each locked release; a registry mirror that does not
serve per-release JSON leaves every package unaudited. So CI checks the lock against a snapshot
kept in the repository, and `update` rebuilds it where the network allows:

- from OSV (`--osv`, api.osv.dev): the advisories of exactly the locked version;
- else from PyPI's per-release JSON (`/pypi/NAME/VERSION/json`, the source pip-audit uses);
- else from PyPI's project JSON, whose advisories are those of the latest release only: they
  are taken for a package only when the locked version is the latest one, and otherwise the
  package is recorded as not audited.

`check` fails when a locked version has a known advisory, or when the snapshot does not cover
the lock (a package added or upgraded since the last `update`); it lists what is not audited
and says how old the snapshot is.
"""

import argparse
import datetime
import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
SNAPSHOT = Path(__file__).resolve().parent / "advisories.json"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", re.MULTILINE)
STALE_AFTER_DAYS = 31


def locked(lock: Path = LOCK) -> dict[str, str]:
    """Return {normalised name: version} for every pin in the lock file."""
    return {normalise(name): version for name, version in PIN.findall(lock.read_text())}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _get_json(url: str, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs only
        url, data=data, headers={"Content-Type": "application/json", "User-Agent": "ssc-portal"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read().decode())


def _advisories(items) -> list[dict]:
    return [
        {
            "id": item.get("id", ""),
            "aliases": sorted(item.get("aliases") or []),
            "fixed_in": sorted(item.get("fixed_in") or []),
            "summary": (item.get("summary") or item.get("details") or "")[:200],
        }
        for item in items
    ]


def _from_osv(name: str, version: str) -> dict:
    found = _get_json(
        "https://api.osv.dev/v1/query",
        {"package": {"name": name, "ecosystem": "PyPI"}, "version": version},
    )
    return {"audited": True, "source": "osv", "advisories": _advisories(found.get("vulns", []))}


def _from_pypi(name: str, version: str) -> dict:
    try:
        release = _get_json(f"https://pypi.org/pypi/{name}/{version}/json")
        return {
            "audited": True,
            "source": "pypi-release",
            "advisories": _advisories(release.get("vulnerabilities", [])),
        }
    except (urllib.error.URLError, ValueError):
        pass
    project = _get_json(f"https://pypi.org/pypi/{name}/json")
    latest = project["info"]["version"]
    if latest != version:
        return {"audited": False, "source": "pypi-project", "latest": latest, "advisories": []}
    return {
        "audited": True,
        "source": "pypi-project",
        "latest": latest,
        "advisories": _advisories(project.get("vulnerabilities", [])),
    }


def update(use_osv: bool) -> int:
    packages = {}
    for name, version in sorted(locked().items()):
        try:
            entry = _from_osv(name, version) if use_osv else _from_pypi(name, version)
        except (urllib.error.URLError, ValueError, KeyError) as error:
            entry = {"audited": False, "source": "unreachable", "error": str(error)[:200]}
            entry["advisories"] = []
        packages[name] = {"version": version, **entry}
        print(f"{name}=={version}: {_describe(packages[name])}")
    snapshot = {"updated": datetime.date.today().isoformat(), "packages": packages}
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
    print(f"Wrote {SNAPSHOT.relative_to(ROOT)}")
    return 0


def _describe(entry: dict) -> str:
    if entry["advisories"]:
        return "VULNERABLE: " + ", ".join(a["id"] for a in entry["advisories"])
    if entry["audited"]:
        return f"no known advisory ({entry['source']})"
    if entry.get("latest"):
        return f"not audited (the source only covers the latest release, {entry['latest']})"
    return f"not audited ({entry['source']})"


def problems(pins: dict[str, str], snapshot: dict) -> tuple[list[str], list[str]]:
    """Return (failures, packages not audited) for the lock against the snapshot."""
    failures, unaudited = [], []
    recorded = snapshot.get("packages", {})
    for name, version in sorted(pins.items()):
        entry = recorded.get(name)
        if entry is None or entry.get("version") != version:
            failures.append(
                f"{name}=={version} is not in the snapshot "
                f"(has {entry.get('version') if entry else 'nothing'}): run 'python scripts/advisories.py update'"
            )
        elif entry["advisories"]:
            ids = ", ".join(a["id"] for a in entry["advisories"])
            failures.append(f"{name}=={version} has known advisories: {ids}")
        elif not entry["audited"]:
            unaudited.append(f"{name}=={version}: {_describe(entry)}")
    return failures, unaudited


def check(today: datetime.date | None = None) -> int:
    snapshot = json.loads(SNAPSHOT.read_text())
    failures, unaudited = problems(locked(), snapshot)
    pins = len(locked())
    age = ((today or datetime.date.today()) - datetime.date.fromisoformat(snapshot["updated"])).days
    print(
        f"Advisory snapshot of {snapshot['updated']} ({age} days old): {pins} locked packages, "
        f"{pins - len(unaudited) - len(failures)} audited with no known advisory, "
        f"{len(unaudited)} not audited."
    )
    for line in unaudited:
        print(f"  not audited: {line}")
    if age > STALE_AFTER_DAYS:
        print(f"  warning: the snapshot is over {STALE_AFTER_DAYS} days old; run update")
    for line in failures:
        print(f"FAIL: {line}", file=sys.stderr)
    return 1 if failures else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "update"])
    parser.add_argument("--osv", action="store_true", help="update from api.osv.dev")
    arguments = parser.parse_args(argv)
    return check() if arguments.command == "check" else update(arguments.osv)


if __name__ == "__main__":
    sys.exit(main())
