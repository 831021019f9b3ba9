"""The public help page: the process, the roles and the classification levels."""

from django.shortcuts import render

from triage_portal.classification import MEANINGS, Classification


def process_help(request):
    levels = [
        (level, MEANINGS[level])
        for level in (
            Classification.RED,
            Classification.AMBER,
            Classification.GREEN,
            Classification.WHITE,
        )
    ]
    return render(request, "usecases/help/process.html", {"levels": levels})
