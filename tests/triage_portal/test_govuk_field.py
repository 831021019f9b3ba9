"""govuk_field writes a labelled control in Python: the markup its template wrote before."""

import pytest
from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe


class Sample(forms.Form):
    name = forms.CharField(label="Name & title", help_text="Hint <x>", max_length=20)
    pick = forms.ChoiceField(
        label="Pick", choices=[("", "Any"), ("1", "One & two")], required=False
    )
    body = forms.CharField(
        label=mark_safe("Body <em>text</em>"), widget=forms.Textarea(attrs={"rows": 3})
    )
    upload = forms.FileField(label="File", required=False)
    when = forms.DateField(label="When", required=False)
    agree = forms.ChoiceField(
        label="Agree?", choices=[("Y", "Yes"), ("N", "No")], widget=forms.RadioSelect
    )


# As includes/field.html wrote each of them, character for character.
EXPECTED = [
    '<div class="govuk-form-group govuk-form-group--error">\n\n  <label class="govuk-label govuk-label--s" for="id_name">Name &amp; title</label>\n  <div id="id_name-hint" class="govuk-hint">Hint &lt;x&gt;</div>\n  <p id="id_name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Ensure this value has at most 20 characters (it has 30).</p>\n  <input type="text" name="name" value="&lt;b&gt;too long for this field&lt;/b&gt;" maxlength="20" class="govuk-input govuk-input--error govuk-input--width-20" aria-describedby="id_name-hint id_name-error" required aria-invalid="true" id="id_name">\n\n</div>\n',  # noqa: E501
    '<div class="govuk-form-group">\n\n  <h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--m" for="id_pick">Pick</label></h1>\n  \n  \n  <select name="pick" class="govuk-select" id="id_pick">\n  <option value="">Any</option>\n\n  <option value="1" selected>One &amp; two</option>\n\n</select>\n\n</div>\n',  # noqa: E501
    '<div class="govuk-form-group govuk-form-group--error">\n\n  <label class="govuk-label govuk-label--s" for="id_body">Body <em>text</em></label>\n  \n  <p id="id_body-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> This field is required.</p>\n  <textarea name="body" cols="40" rows="3" class="govuk-textarea govuk-textarea--error" aria-describedby="id_body-error" required aria-invalid="true" id="id_body">\n</textarea>\n\n</div>\n',  # noqa: E501
    '<div class="govuk-form-group">\n\n  <label class="govuk-label govuk-label--s" for="id_upload">File</label>\n  \n  \n  <input type="file" name="upload" class="govuk-file-upload" id="id_upload">\n\n</div>\n',  # noqa: E501
    '<div class="govuk-form-group govuk-form-group--error">\n\n  <label class="govuk-label govuk-label--s" for="id_when">When</label>\n  \n  <p id="id_when-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter a valid date.</p>\n  <input type="text" name="when" value="not a date" class="govuk-input govuk-input--error" aria-describedby="id_when-error" aria-invalid="true" id="id_when">\n\n</div>\n',  # noqa: E501
]


def test_labelled_controls_are_written_as_the_template_wrote_them():
    form = Sample(
        {"name": "<b>too long for this field</b>", "pick": "1", "body": "", "when": "not a date"}
    )
    form.is_valid()
    template = Template(
        "{% load govuk %}"
        '{% govuk_field form.name width="20" %}@@'
        '{% govuk_field form.pick label_size="m" heading=True %}@@'
        "{% govuk_field form.body %}@@{% govuk_field form.upload %}@@{% govuk_field form.when %}"
    )

    assert template.render(Context({"form": form})).split("@@") == EXPECTED


def test_radios_still_come_from_the_template_as_a_fieldset():
    form = Sample({"agree": "N"})
    form.is_valid()

    html = Template("{% load govuk %}{% govuk_field form.agree %}").render(Context({"form": form}))

    assert html.startswith('<div class="govuk-form-group">\n\n  <fieldset class="govuk-fieldset">')
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    assert 'id="id_agree_1" name="agree" type="radio" value="N" checked>' in html


class Several(forms.Form):
    devices = forms.MultipleChoiceField(
        label="Devices",
        choices=[("E", "ESME"), ("P", "PPMID"), ("G", "GSME")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def test_a_multi_answer_field_is_written_as_checkboxes_with_every_answer_ticked():
    form = Several(initial={"devices": ["E", "P"]})

    html = Template("{% load govuk %}{% govuk_field form.devices %}").render(
        Context({"form": form})
    )

    assert (
        '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
        in html
    )
    assert 'type="radio"' not in html
    assert 'id="id_devices_0" name="devices" type="checkbox" value="E" checked>' in html
    assert 'id="id_devices_1" name="devices" type="checkbox" value="P" checked>' in html
    assert 'id="id_devices_2" name="devices" type="checkbox" value="G">' in html


@pytest.mark.parametrize(
    ("widget", "anchor"),
    [
        (forms.CheckboxSelectMultiple, "id_field_0"),
        (forms.RadioSelect, "id_field_0"),
        (forms.SelectMultiple, "id_field"),
        (forms.Select, "id_field"),
        (forms.Textarea, "id_field"),
    ],
)
def test_the_error_summary_links_to_the_first_box_of_a_fieldset(widget, anchor):
    class One(forms.Form):
        field = forms.MultipleChoiceField(choices=[("A", "A"), ("B", "B")], widget=widget)

    html = Template("{% load govuk %}{{ form.field|error_anchor }}").render(
        Context({"form": One()})
    )

    assert html == anchor
