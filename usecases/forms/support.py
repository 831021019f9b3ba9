"""The secretariat's form for an address it has verified for a SEC Party. It validates; the
service writes."""

from django import forms

from triage_portal.accounts.models import Organisation


class VerifiedAddressForm(forms.Form):
    sec_party = forms.ModelChoiceField(
        label="SEC Party",
        queryset=Organisation.objects.filter(is_sec_party=True),
        empty_label="Select a SEC Party",
        error_messages={
            "required": "Select the SEC Party the address belongs to",
            "invalid_choice": "Select a SEC Party from the list",
        },
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="A confirmation of support from a link sent to this address will count as "
        "the SEC Party's",
        error_messages={
            "required": "Enter the e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    note = forms.CharField(
        label="How you verified it",
        help_text="For example: confirmed by phone with the party's SSC member",
        max_length=300,
        error_messages={
            "required": "Say how you verified that the address belongs to the SEC Party",
            "max_length": "How you verified it must be 300 characters or fewer",
        },
    )


class SupportAnswerForm(forms.Form):
    """A supporter's answer given to the secretariat, with how it was given."""

    response = forms.ChoiceField(
        label="What did the supporter answer?",
        choices=[("confirm", "They support the proposal"), ("decline", "They do not support it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the supporter answered"},
    )
    how = forms.CharField(
        label="How they gave it",
        help_text="For example: by phone from the party's SSC member, 3 December",
        max_length=300,
        error_messages={
            "required": "Say how the supporter gave their answer",
            "max_length": "How they gave it must be 300 characters or fewer",
        },
    )
