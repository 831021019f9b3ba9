from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from assessments.demo import SSC_MEMBERS, TABASC_MEMBERS, load_committee_demo
from assessments.demo_ageing import age_demo_proposals
from assessments.demo_business import ALTERNATE_EMAIL
from triage_portal.accounts.demo_two_factor import ensure_demo_authenticator
from triage_portal.accounts.enums import COMMITTEE_ROLES
from triage_portal.accounts.models import User
from triage_portal.signing import demo_credentials_file
from usecases.demo.load import DEMO_PASSWORD, load_demo


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
        with override_settings(
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        ):
            with transaction.atomic():
                load_committee_demo()
                age_demo_proposals()
                if settings.PORTAL_DEMO_AUTHENTICATORS:
                    for user in User.objects.filter(role__in=COMMITTEE_ROLES):
                        ensure_demo_authenticator(user)
        # The demo signs what it issues with its own self-signed key (triage_portal.signing).
        configured = settings.PORTAL_SIGNING_KEY or settings.PORTAL_SIGNING_PKCS12
        signing = None if configured else demo_credentials_file()
        if options["quiet"]:
            return
        if signing:
            self.stdout.write(f"Issued PDFs are signed with the demo key in {signing}")
        extra = [("Other SSC members", row[2], DEMO_PASSWORD) for row in SSC_MEMBERS[3:10]]
        extra += [("TABASC member", TABASC_MEMBERS[1][2], DEMO_PASSWORD)]
        alternate = [("SSC alternate", ALTERNATE_EMAIL, DEMO_PASSWORD)]
        self.stdout.write(
            self.style.SUCCESS("Demo data is loaded. Sign in at http://127.0.0.1:8000 with:")
        )
        rows = logins + extra[:1] + alternate + extra[-1:]
        width = max(len(role) for role, _, _ in rows)
        for role, email, password in rows:
            self.stdout.write(f"  {role.ljust(width)}  {email}  /  {password}")
        self.stdout.write(
            f"  (SSC seats are also held by {', '.join(row[2] for row in SSC_MEMBERS[3:10])}, same password.)"
        )
        self.stdout.write(
            "Committee accounts (secretariat, Chair, members, alternate, observer) sign in with a "
            "two-factor code too.\n  Get the code their authenticator would show now with:  "
            ".venv/bin/python manage.py demo_code EMAIL\n  or add the setup key printed by "
            "demo_code --key EMAIL to an authenticator app."
        )
