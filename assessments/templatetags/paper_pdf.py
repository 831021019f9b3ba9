from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def attachment_placeholders(counts: dict, notes: dict, paper, annex) -> str:
    """Return one empty page per page of an attached PDF, for the PDF to be laid onto.

    An annex left out (refused when prepared, unreadable, not prepared yet) gets its note.
    """
    key = f"{paper.pk}.{annex.position}"
    if key in (notes or {}):
        return format_html('<p class="annex-text annex-missing">{}</p>', notes[key])
    pages = counts.get(key, 0)
    if not pages:
        return format_html(
            '<p class="annex-text">{}</p>',
            "This attachment is not a PDF; it is available in the portal.",
        )
    return format_html_join(
        "",
        '<div class="attachment-page" id="attpage-{}-{}"></div>',
        ((key, n) for n in range(pages)),
    )
