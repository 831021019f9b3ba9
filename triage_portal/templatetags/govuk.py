"""Render Django form fields with GOV.UK Frontend markup (error messages, hints, fieldsets)."""

from django import forms, template
from django.template.loader import render_to_string

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
    context = {
        "field": field,
        "kind": kind,
        "label_size": label_size,
        "heading": heading,
        "describedby": " ".join(describedby),
        "reveal": reveal,
    }
    if kind in CLASSES:  # the rest are fieldsets the template writes option by option
        css = CLASSES[kind]
        if field.errors:
            css += f" {CLASSES[kind]}--error"
        if width and kind == "input":
            css += f" govuk-input--width-{width}"
        attrs = {"class": css}
        if describedby:
            attrs["aria-describedby"] = " ".join(describedby)
        if kind == "textarea":
            attrs["rows"] = field.field.widget.attrs.get("rows", 8)
        context["control"] = field.as_widget(attrs=attrs)
    return render_to_string("includes/field.html", context)


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
