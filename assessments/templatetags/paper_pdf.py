from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def attachment_placeholders(counts: dict, paper, annex) -> str:
    """Return one empty page per page of an attached PDF, for the PDF to be laid onto."""
    key = f"{paper.pk}.{annex.position}"
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
