from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from usecases.demo.load import load_demo


class Command(BaseCommand):
    help = "Load reference data and demo data (idempotent), and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo creates accounts with known passwords; it refuses to run in production."
            )
        logins = load_demo()
        if options["quiet"]:
            return
        self.stdout.write(
            self.style.SUCCESS("Demo data is loaded. Sign in at http://127.0.0.1:8000 with:")
        )
        width = max(len(role) for role, _, _ in logins)
        for role, email, password in logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}  /  {password}")
