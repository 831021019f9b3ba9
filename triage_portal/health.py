"""Liveness and readiness for load balancers and orchestrators.

/healthz says the process answers. /readyz also checks the database, that no migration is
waiting, and that the task backend can take work; any failure gives 503 with the reason.
Neither needs a session, and neither says more than "ok" or what is wrong.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.tasks import task_backends
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return ""


# Once every migration this code ships is applied, it stays applied while the process runs
# (an upgrade restarts it), so the check, which reads every migration file (~100 ms), runs
# until it first passes and not on every probe.
migrations_applied = False


def _migrations() -> str:
    global migrations_applied
    if migrations_applied:
        return ""
    loader = MigrationExecutor(connections[DEFAULT_DB_ALIAS]).loader
    # Every migration on disk must be recorded, not only the newest of each app: a gap left by a
    # half-finished deploy is as unready as a missing leaf.
    waiting = loader.graph.nodes.keys() - loader.applied_migrations.keys()
    migrations_applied = not waiting
    return f"{len(waiting)} migration(s) not applied" if waiting else ""


def _tasks() -> str:
    backend = task_backends["default"]
    if type(backend).__name__ == "DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    return ""


CHECKS = {"database": _database, "migrations": _migrations, "tasks": _tasks}


@never_cache
@require_GET
def readyz(request):
    results, failed = {}, False
    for name, check in CHECKS.items():
        try:
            problem = check()
        except Exception as error:  # noqa: BLE001 -- any failure means "not ready", with its reason
            problem = (
                f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
            )
        results[name] = problem or "ok"
        failed = failed or bool(problem)
    return JsonResponse(
        {"status": "unavailable" if failed else "ok", "checks": results},
        status=503 if failed else 200,
    )
