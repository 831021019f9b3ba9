"""Render Django form fields with GOV.UK Frontend markup (error messages, hints, fieldsets)."""

from django import forms, template
from django.utils.html import format_html

register = template.Library()


def _kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
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


@register.inclusion_tag("includes/field.html")
def govuk_field(field, label_size: str = "s", heading: bool = False, width: str = ""):
    """Render one bound field: label or legend, hint, error message and control."""
    kind = _kind(field)
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}-hint")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
    widget_html = ""
    if kind in CLASSES:
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
        widget_html = field.as_widget(attrs=attrs)
    return {
        "field": field,
        "kind": kind,
        "label_size": label_size,
        "heading": heading,
        "describedby": " ".join(describedby),
        "widget_html": widget_html,
    }


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


@register.simple_tag
def classification_tag(level, label) -> str:
    """The coloured tag of a Panel Information Policy level.

    A tag rather than an included template: long lists draw one on every row.
    """
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        CLASSIFICATION_TAG_COLOURS.get(level, "govuk-tag--grey"),
        str(label).upper(),
    )
