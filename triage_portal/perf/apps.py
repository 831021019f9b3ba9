from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PerfConfig(AppConfig):
    name = "triage_portal.perf"
    label = "perf"
    verbose_name = "Speed: the change stamp and what is kept against it"

    def ready(self):
        from triage_portal.perf.triggers import install_after_migrate

        # After every migrate (and flush): a table rebuilt by a migration (SQLite rebuilds a
        # table to alter it, dropping its triggers) or a new model's table gets its triggers.
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="perf_triggers")
