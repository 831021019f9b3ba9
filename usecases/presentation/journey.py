"""The proposer's question pages, in order."""

from dataclasses import dataclass

from django import forms

from usecases.forms import questions as journey_forms


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    form_class: type[forms.Form] | None
    intro: str = ""


SECTIONS = (
    Section(
        "titles", "Titles", journey_forms.TitlesForm, "Give your proposal a short, specific title."
    ),
    Section(
        "proposer",
        "Proposer details",
        journey_forms.ProposerForm,
        "Who should the SSC contact about this proposal?",
    ),
    Section(
        "supporters",
        "SEC Party support",
        None,
        "Any party can raise a proposal, but it must have the support of at least one SEC Party.",
    ),
    Section("issue", "The issue", journey_forms.IssueForm),
    Section("solution", "Proposed solution", journey_forms.SolutionForm),
    Section("existing-sc", "Effect on existing SCs", journey_forms.ExistingScForm),
    Section("new-sc", "Need for a new SC", journey_forms.NewScForm),
    Section("urgency", "Urgency", journey_forms.UrgencyForm),
    Section("scope", "Device types and classification", journey_forms.ScopeForm),
    Section(
        "attachments",
        "Supporting documents",
        None,
        "Attach any documents that support your proposal (optional).",
    ),
)
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}


def next_section(slug: str) -> Section | None:
    slugs = [section.slug for section in SECTIONS]
    index = slugs.index(slug)
    return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None


def previous_section(slug: str) -> Section | None:
    slugs = [section.slug for section in SECTIONS]
    index = slugs.index(slug)
    return SECTIONS[index - 1] if index > 0 else None


def initial_answers(submission, form_class) -> dict:
    """Return the stored answers for a form's fields."""
    initial = {}
    for name in form_class.base_fields:
        value = getattr(submission, name)
        initial[name] = list(value.all()) if hasattr(value, "all") else value
    return initial
