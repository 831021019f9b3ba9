import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.first_run import (
    DEFAULT_COMMITTEES,
    SetupError,
    create_first_secretariat,
    load_spec,
    setup_committees,
)
from triage_portal.accounts.services import send_password_setup


class Command(BaseCommand):
    help = (
        "First run: create the committees (SSC, TABASC, SMKI PMA and SEC Panel, or those in "
        "--config) with their rules and seats, and optionally the first secretariat account, "
        "which is e-mailed a link to set its password. Safe to run again: what exists is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--config",
            help="A JSON file describing the committees (print the defaults with --print-defaults)",
        )
        parser.add_argument(
            "--print-defaults",
            action="store_true",
            help="Print the built-in committees as JSON, to edit and pass back with --config",
        )
        parser.add_argument(
            "--no-seats", action="store_true", help="Create the committees without seats"
        )
        parser.add_argument(
            "--update-rules",
            action="store_true",
            help="Change an existing committee's rules to those described (logged)",
        )
        parser.add_argument("--secretariat-email", help="Create the first secretariat account")
        parser.add_argument("--secretariat-name", default="", help="Its owner's full name")
        parser.add_argument(
            "--secretariat-organisation", default="", help="Its organisation, e.g. SECAS"
        )

    def handle(self, *args, **options):
        if options["print_defaults"]:
            self.stdout.write(json.dumps({"committees": DEFAULT_COMMITTEES}, indent=2))
            return
        try:
            specs = load_spec(options["config"]) if options["config"] else DEFAULT_COMMITTEES
            with transaction.atomic():
                report = setup_committees(
                    specs, with_seats=not options["no_seats"], update_rules=options["update_rules"]
                )
                user, created = None, False
                if options["secretariat_email"]:
                    user, created = create_first_secretariat(
                        email=options["secretariat_email"],
                        full_name=options["secretariat_name"],
                        organisation_name=options["secretariat_organisation"],
                    )
                    if created:
                        transaction.on_commit(lambda: send_password_setup(user))
        except SetupError as error:
            raise CommandError(str(error)) from error
        for code in report.created:
            self.stdout.write(self.style.SUCCESS(f"Created {code}."))
        for code in report.updated:
            self.stdout.write(self.style.SUCCESS(f"Updated the rules of {code}."))
        for code in report.unchanged:
            self.stdout.write(f"{code} exists already, with these rules.")
        for code, names in report.differing.items():
            self.stdout.write(
                self.style.WARNING(
                    f"{code} exists already and was left as it is; its {', '.join(names)} "
                    "differ. Run again with --update-rules to change them."
                )
            )
        for code, count in report.seats_added.items():
            self.stdout.write(f"Added {count} seat(s) to {code}.")
        if user is not None and created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the secretariat account {user.email}: a link to set its password "
                    "has been e-mailed. Its owner sets up two-factor sign-in on first sign-in, "
                    "then fills the seats on the roster page (/committees/roster/)."
                )
            )
        elif user is not None:
            self.stdout.write(f"The secretariat account {user.email} exists already.")
