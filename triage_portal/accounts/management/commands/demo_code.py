from base64 import b32encode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from triage_portal.accounts.demo_two_factor import current_code, demo_key
from triage_portal.accounts.models import User


class Command(BaseCommand):
    help = "Print the two-factor code a demo account's authenticator shows now (development only)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--key", action="store_true", help="Print the setup key for an authenticator app."
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "demo_code is for development only; it refuses to run in production."
            )
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {options['email']}")
        if options["key"]:
            self.stdout.write(b32encode(demo_key(user.email)).decode())
            return
        try:
            self.stdout.write(current_code(user))
        except LookupError as error:
            raise CommandError(str(error)) from error
