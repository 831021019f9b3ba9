"""Render Django form fields with GOV.UK Frontend markup (error messages, hints, fieldsets)."""

from django import forms, template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join

register = template.Library()


def _kind(field) -> str:
    widget = field.field.widget
    # Subclasses before their parents: CheckboxSelectMultiple is a RadioSelect, and written as
    # radios a browser would send back only the last of several answers.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


CLASSES = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "select": "govuk-select",
}


def _labelled_control(field, label_size: str, heading: bool, widget_html: str) -> str:
    """A label, hint, errors and the control, as includes/field.html wrote them: in Python,
    as a form of ten boxes took a tenth of the queue page through the template."""
    label = format_html(
        '<label class="govuk-label govuk-label--{}" for="{}">{}</label>',
        label_size,
        field.id_for_label,
        field.label,
    )
    if heading:
        label = format_html('<h1 class="govuk-label-wrapper">{}</h1>', label)
    hint = (
        format_html('<div id="{}-hint" class="govuk-hint">{}</div>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    errors = format_html_join(
        "",
        '<p id="{}-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> {}</p>',
        ((field.auto_id, error) for error in field.errors),
    )
    group = "govuk-form-group govuk-form-group--error" if field.errors else "govuk-form-group"
    return format_html(
        '<div class="{}">\n\n  {}\n  {}\n  {}\n  {}\n\n</div>\n',
        group,
        label,
        hint,
        errors,
        widget_html,
    )


@register.simple_tag
def govuk_field(field, label_size: str = "s", heading: bool = False, width: str = "", reveal=None):
    """Render one bound field: label or legend, hint, error message and control.

    `reveal`, a second bound field, is shown under the radios' "Yes" only while it is chosen
    (the GOV.UK conditional reveal).
    """
    kind = _kind(field)
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}-hint")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
    if kind not in CLASSES:  # radios and checkboxes: a fieldset, written by the template
        return render_to_string(
            "includes/field.html",
            {
                "field": field,
                "kind": kind,
                "label_size": label_size,
                "heading": heading,
                "describedby": " ".join(describedby),
                "reveal": reveal,
            },
        )
    css = CLASSES[kind]
    if field.errors:
        css += f" {CLASSES[kind]}--error"
    if width:
        css += f" govuk-input--width-{width}" if kind == "input" else ""
    attrs = {"class": css}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if kind == "textarea":
        attrs["rows"] = field.field.widget.attrs.get("rows", 8)
    return _labelled_control(field, label_size, heading, field.as_widget(attrs=attrs))


@register.filter
def error_anchor(field) -> str:
    """Return the id the error summary should link to for this field."""
    if _kind(field) in ("radios", "checkboxes"):
        return f"{field.auto_id}_0"
    return field.auto_id


CLASSIFICATION_TAG_COLOURS = {
    "RED": "govuk-tag--red",
    "AMBER": "govuk-tag--orange",
    "GREEN": "govuk-tag--green",
}


@register.inclusion_tag("includes/tags/classification_tag.html")
def classification_tag(level, label) -> dict:
    """The coloured tag of a Panel Information Policy level."""
    return {"colour": CLASSIFICATION_TAG_COLOURS.get(level, "govuk-tag--grey"), "label": label}
