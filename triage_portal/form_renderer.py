"""The form renderer: Django's own, with select boxes, inputs and text areas written in Python.

Django renders a select through a template that includes another template for each option;
the queue's filter form (about 130 options) took 13 ms of a 60 ms page that way, and each text
or date box is a template that includes two more. The markup written here is the same,
character for character (tests/triage_portal/test_form_renderer.py compares the two).
"""

from django.forms.renderers import DjangoTemplates

from triage_portal.fast_html import escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# The widgets whose template is django/forms/widgets/input.html and nothing else.
INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "date",
        "datetime",
        "time",
        "email",
        "number",
        "password",
        "tel",
        "url",
        "search",
        "hidden",
        "color",
        "file",
    )
}


def _as_string(value) -> str:
    """As the stringformat:'s' filter: a tuple as its repr; safe text stays safe ("%s" % text is
    the text itself)."""
    return str(value) if isinstance(value, tuple) else "%s" % value  # noqa: UP031 -- as the filter


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True gives a bare name, False leaves it out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(_as_string(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{escape(_as_string(option["value"]))}"{_attrs(option["attrs"])}>'
        f"{escape(option['label'])}</option>\n"
    )


def select_html(widget: dict) -> str | None:
    """The select as Django's template writes it; None if an option has a template of its own."""
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if any(option["template_name"] != OPTION for option in options):
            return None
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def input_html(widget: dict) -> str:
    """The input as django/forms/widgets/input.html writes it."""
    value = widget["value"]
    shown = "" if value is None else f' value="{escape(_as_string(value))}"'
    return (
        f'<input type="{escape(widget["type"])}" '
        f'name="{escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def textarea_html(widget: dict) -> str:
    """The text area as django/forms/widgets/textarea.html writes it."""
    value = escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return input_html(context["widget"])
        if template_name == TEXTAREA:
            return textarea_html(context["widget"])
        if template_name == SELECT:
            written = select_html(context["widget"])
            if written is not None:
                return written
        return super().render(template_name, context, request)
