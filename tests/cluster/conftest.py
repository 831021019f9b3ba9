"""The two-server cluster (scripts/cluster) for the tests in this folder.

They run only when asked: SSC_CLUSTER_TESTS=1 starts a cluster of their own in a temporary
folder (and stops it after), or CLUSTER_DIR names one already running (`scripts/cluster start`),
which they use and leave running. Otherwise every test here is skipped.
"""

import json
import os
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.cluster_load import cluster_env
from bench.portal_client import Portal, plain_session

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.cluster)


@dataclass
class Cluster:
    folder: Path
    env: dict

    @property
    def url(self) -> str:
        return self.env["CLUSTER_URL"]

    def server(self, n: int) -> str:
        """The URL that reaches app server n (1 or 2) only."""
        return f"https://127.0.0.1:{int(self.env['CLUSTER_PORT']) + n}"

    def portal(self, n: int | None = None, session=None) -> Portal:
        """A browser on server n, or on the load balancer; pass `session` to share cookies."""
        return Portal(
            session or plain_session(),
            self.server(n) if n else self.url,
            verify=str(self.folder / "tls" / "cert.pem"),
        )

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def sql(self, query: str, *params):
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as db:
            cursor = db.execute(query, params)
            return cursor.fetchall() if cursor.description else cursor.rowcount

    def seed(self, **counts) -> dict:
        """New people and business of their own (bench/cluster_seed.py)."""
        args = [f"--label=t{uuid.uuid4().hex[:8]}"]
        args += [f"--{key.replace('_', '-')}={value}" for key, value in counts.items()]
        out = subprocess.run(
            [sys.executable, "-m", "bench.cluster_seed", *args],
            cwd=ROOT,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out)


@pytest.fixture(scope="session")
def cluster():
    given = os.environ.get("CLUSTER_DIR")
    if given and (Path(given) / "cluster.env").exists():
        yield Cluster(Path(given), cluster_env(Path(given)))
        return
    if os.environ.get("SSC_CLUSTER_TESTS") != "1":
        pytest.skip("the cluster tests run with SSC_CLUSTER_TESTS=1 (or CLUSTER_DIR set)")
    folder = Path(tempfile.mkdtemp(prefix="ssc-cluster-test."))
    env = {**os.environ, "CLUSTER_DIR": str(folder)}
    started = subprocess.run(["bash", "scripts/cluster", "start"], cwd=ROOT, env=env)
    try:
        assert started.returncode == 0, "scripts/cluster start failed"
        yield Cluster(folder, cluster_env(folder))
    finally:
        subprocess.run(["bash", "scripts/cluster", "stop"], cwd=ROOT, env=env)
