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


BODY_HEADINGS = {"SCIRS": "Issue", "SECURITY_DOCUMENT": "The document"}


@register.simple_tag
def own_paper_sections(paper) -> dict:
    """Return the numbered sections of a paper not about a proposal, those it has text for.

    {"sections": [(number, heading, text), ...], "recommendation": number of the
    Recommendation section (0 when it has no recommendations)}.
    """
    body_heading = BODY_HEADINGS.get(
        paper.kind, "Discussion" if paper.action == "FOR_DISCUSSION" else "Summary"
    )
    rows = [
        ("Purpose", paper.purpose),
        ("Background", paper.background),
        (body_heading, paper.body),
        ("Next Steps", paper.next_steps),
    ]
    sections = [
        (number, heading, text)
        for number, (heading, text) in enumerate(((h, t) for h, t in rows if t.strip()), start=1)
    ]
    has_recommendations = any(True for _ in paper.recommendations.all())
    return {
        "sections": sections,
        "recommendation": len(sections) + 1 if has_recommendations else 0,
    }
