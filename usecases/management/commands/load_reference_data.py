from django.core.management.base import BaseCommand

from usecases.demo.load import load_reference_data


class Command(BaseCommand):
    help = "Create or update device types, SC documents, DNO areas and SEC Party organisations."

    def handle(self, *args, **options):
        load_reference_data()
        self.stdout.write(self.style.SUCCESS("Reference data is loaded."))
