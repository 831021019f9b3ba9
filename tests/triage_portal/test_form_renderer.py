"""Select boxes written in Python are the markup Django's own templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from triage_portal.accounts.models import Organisation
from triage_portal.form_renderer import PortalFormRenderer
from usecases.workspace_forms import WorkspaceFilterForm

AWKWARD = [("", "Any"), ("a&b", 'Smith & "Sons" <Ltd>'), ("x'y", mark_safe("<b>safe</b>"))]


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=AWKWARD)
    optional = forms.ChoiceField(choices=AWKWARD, required=False, disabled=True)
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("none", "None of these")]
    )
    many = forms.MultipleChoiceField(choices=AWKWARD[1:], required=False)
    numbered = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)


def both_ways(form_class, data, **attrs):
    written = {}
    for renderer in (DjangoTemplates(), PortalFormRenderer()):
        form = form_class(data, renderer=renderer)
        form.is_valid()
        written[type(renderer)] = [
            field.as_widget(attrs={**attrs, "aria-describedby": f"{field.auto_id}-hint"})
            for field in form
        ]
    return written[DjangoTemplates], written[PortalFormRenderer]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": "a&b", "grouped": "pear", "many": ["a&b", "x'y"], "numbered": "2"},
        {"plain": "nope"},
    ],
)
def test_selects_are_written_as_django_writes_them(data):
    django_markup, portal_markup = both_ways(
        Sample, data, **{"class": "govuk-select", "data-x": None}
    )

    assert portal_markup == django_markup
    assert "&amp; &quot;Sons&quot; &lt;Ltd&gt;" in "".join(portal_markup)


@pytest.mark.django_db
def test_the_queue_filter_form_is_written_as_django_writes_it():
    Organisation.objects.create(name="O'Brien & Co <Meters>")

    django_markup, portal_markup = both_ways(
        WorkspaceFilterForm, {"state": "REGISTERED", "q": "<script>"}
    )

    assert portal_markup == django_markup
    assert "O&#x27;Brien &amp; Co &lt;Meters&gt;" in "".join(portal_markup)


def test_an_option_with_a_template_of_its_own_goes_through_the_template():
    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class Own(forms.Form):
        pick = forms.ChoiceField(choices=AWKWARD, widget=OwnOption)

    django_markup, portal_markup = both_ways(Own, None)

    assert portal_markup == django_markup


class Boxes(forms.Form):
    text = forms.CharField(max_length=20, help_text="A hint")
    number = forms.IntegerField(required=False, min_value=0)
    email = forms.EmailField(required=False, disabled=True)
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"data-when": "a&b"}))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    body = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    upload = forms.FileField(required=False, widget=forms.FileInput)
    shown = forms.CharField(
        required=False, initial=mark_safe("<b>safe</b>"), widget=forms.TextInput(attrs={"x": True})
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": '<script>"quoted" & more</script>',
            "number": "-3",
            "date": "31 2 2027",
            "hidden": "a'b",
            "secret": "p&ss",
            "body": "Line one\n<two> & 'three'\n",
        },
        {"text": "", "number": "x", "body": ""},
    ],
)
def test_inputs_and_text_areas_are_written_as_django_writes_them(data):
    django_markup, portal_markup = both_ways(Boxes, data, **{"class": "govuk-input"})

    assert portal_markup == django_markup
    if data and data["body"]:
        assert "&lt;script&gt;&quot;quoted&quot; &amp; more&lt;/script&gt;" in portal_markup[0]
