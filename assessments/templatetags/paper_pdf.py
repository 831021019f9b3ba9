from django import template

register = template.Library()


@register.inclusion_tag("pdf/annex_placeholders.html")
def attachment_placeholders(counts: dict, notes: dict, paper, annex) -> dict:
    """One empty page per page of an attached PDF, for the PDF to be laid onto.

    An annex left out (refused when prepared, unreadable, not prepared yet) gets its note.
    """
    key = f"{paper.pk}.{annex.position}"
    return {
        "key": key,
        "note": (notes or {}).get(key, ""),
        "pages": range(counts.get(key, 0)),
    }


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
