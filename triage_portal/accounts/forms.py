"""Account forms: they validate, then a view hands the data to one service."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from triage_portal.accounts.enums import COMMITTEE_ROLES, OrganisationType
from triage_portal.accounts.models import Organisation, User
from triage_portal.accounts.services import resend_email_confirmation


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password",
        "inactive": "This account has been deactivated. Contact the SSC secretariat",
        "unconfirmed": (
            "Confirm your e-mail address first: use the link we sent you (we send a new one "
            "a few times an hour at most)"
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.email_confirmed_at is None:
            resend_email_confirmation(user)
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter your full name"}
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="We will send a link to this address to confirm it",
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    phone = forms.CharField(label="Contact number (optional)", max_length=40, required=False)
    organisation_name = forms.CharField(
        label="Organisation",
        max_length=200,
        error_messages={"required": "Enter the name of your organisation"},
    )
    org_type = forms.ChoiceField(
        label="What kind of organisation is it?",
        # The secretariat and NCSC are not organisations a proposer signs up for; their
        # people's accounts are made by the secretariat.
        choices=[
            (value, label)
            for value, label in OrganisationType.choices
            if value not in (OrganisationType.SECRETARIAT, OrganisationType.NCSC)
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of organisation it is"},
    )
    password = forms.CharField(
        label="Create a password",
        strip=False,
        # Never sent back to the browser: after an error the password is typed again.
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. Avoid common words and passwords you use elsewhere",
        error_messages={"required": "Enter a password"},
    )

    def clean_email(self):
        # Whether an account already uses the address is not said here: that would tell anyone
        # who has an account. The service e-mails the address's owner instead.
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class CommitteeAccountForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter their full name"}
    )
    email = forms.EmailField(
        label="E-mail address",
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[(role.value, role.label) for role in COMMITTEE_ROLES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="None",
    )
    phone = forms.CharField(label="Contact number (optional)", max_length=40, required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account already uses this e-mail address")
        return email


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter your full name"}
    )
    phone = forms.CharField(label="Contact number", max_length=40, required=False)
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
