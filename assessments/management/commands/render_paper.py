from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Paper
from assessments.papers.render import render_paper


class Command(BaseCommand):
    help = "Render a committee paper, with its annexes, to PDF."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The paper reference, e.g. TABASC_45_1508_14")
        parser.add_argument("-o", "--output", required=True, help="Where to write the PDF")

    def handle(self, *args, reference, output, **options):
        paper = (
            Paper.objects.select_related(
                "agenda_item__meeting__committee", "agenda_item__submission"
            )
            .filter(reference=reference)
            .first()
        )
        if paper is None:
            raise CommandError(f"No issued paper has the reference {reference}.")
        data = render_paper(paper)
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data):,} bytes)."))
