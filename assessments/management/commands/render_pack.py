from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Meeting, Paper
from assessments.papers.pack import pack_papers, render_pack


class Command(BaseCommand):
    help = "Render a meeting's full pack (every issued paper, as the secretariat sees it) to PDF."

    def add_arguments(self, parser):
        parser.add_argument("committee", help="Committee code, e.g. SSC")
        parser.add_argument("number", type=int, help="Meeting number")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, committee, number, output, **options):
        meeting = (
            Meeting.objects.select_related("committee")
            .filter(committee__code=committee, number=number)
            .first()
        )
        if meeting is None:
            raise CommandError(f"There is no {committee} meeting {number}.")
        data = render_pack(meeting, pack_papers(meeting, Paper.objects.all()))
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data):,} bytes)."))
