"""Forms for the committee pages. They validate; services write."""

from django import forms
from django.utils import timezone

from assessments.enums import BallotMethod, Choice, Outcome, PaperAction, Verb
from triage_portal.classification import Classification
from usecases.forms.transitions import date_field


class PaperForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the paper's title"}
    )
    author_name = forms.CharField(
        label="Author", max_length=150, error_messages={"required": "Enter the author"}
    )
    author_role = forms.CharField(
        label="Author's role",
        max_length=150,
        error_messages={"required": "Enter the author's role"},
    )
    action = forms.ChoiceField(
        label="Action", choices=PaperAction.choices, widget=forms.RadioSelect
    )
    classification = forms.ChoiceField(
        label="Classification", choices=Classification.choices, widget=forms.RadioSelect
    )
    purpose = forms.CharField(
        label="1. Purpose", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    background = forms.CharField(
        label="2. Background", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    body = forms.CharField(
        label="Body (optional)", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    next_steps = forms.CharField(
        label="Next steps (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    recommendations = forms.CharField(
        label="Recommendations",
        help_text="One per line, each starting with its verb: NOTE, CONFIRM, AGREE, APPROVE, DISCUSS, CONSIDER, PROVIDE or ENDORSE",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_recommendations(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["recommendations"].splitlines(), start=1):
            if not line.strip():
                continue
            verb, _, text = line.strip().partition(" ")
            if verb.upper() not in Verb.values or not text.strip():
                raise forms.ValidationError(
                    f"Start recommendation {number} with one of NOTE, CONFIRM, AGREE, APPROVE, DISCUSS, CONSIDER, PROVIDE or ENDORSE, then its text"
                )
            rows.append((verb.upper(), text.strip()))
        if not rows:
            raise forms.ValidationError("Enter at least one recommendation")
        return rows


def outcome_text_field() -> forms.CharField:
    """Return the field for what a decision carries out: conditions, questions or a reference."""
    return forms.CharField(
        label="Conditions, questions or superseding reference (optional)",
        help_text="Conditions of approval; questions for the proposer (blank line between them); or the reference of the superseding proposal",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


def reasons_field() -> forms.CharField:
    """Return the field for the reasons recorded with a decision (the decision letter's)."""
    return forms.CharField(
        label="Reasons for the decision (optional)",
        help_text="Why the committee decided as it did. The decision letter gives them to the proposer.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ReasonsForm(forms.Form):
    reasons = reasons_field()


class DiscussionForm(forms.Form):
    discussion = forms.CharField(
        label="Discussion",
        help_text="A summary of what was discussed. Decisions and actions are recorded separately.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
    )


class ConsensusDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What did the committee decide?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the committee decided"},
    )
    resolution = forms.CharField(
        label="Resolution, as the minutes will record it",
        help_text="A statement, for example: The SSC AGREED to progress the Use Case to assessment",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the resolution"},
    )
    outcome_text = outcome_text_field()
    reasons = reasons_field()


class BallotForm(forms.Form):
    question = forms.CharField(
        label="Question",
        max_length=2000,
        help_text="For example: Approve the Use Case?",
        error_messages={"required": "Enter the question"},
    )
    outcome_if_passed = forms.ChoiceField(
        label="What happens if it passes",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happens if it passes"},
    )
    outcome_text = outcome_text_field()
    method = forms.ChoiceField(
        label="How is it decided?",
        # A decision by consensus has no vote: it is recorded on its own page.
        choices=[(m.value, m.label) for m in BallotMethod if m != BallotMethod.CONSENSUS],
        widget=forms.RadioSelect,
        initial=BallotMethod.MEETING,
    )
    closes_on = date_field("Closes on (votes by correspondence)", required=False)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("method") == BallotMethod.CORRESPONDENCE
            and not cleaned.get("closes_on")
            and "closes_on" not in self.errors
        ):
            self.add_error("closes_on", "Enter the date the vote by correspondence closes")
        closes = cleaned.get("closes_on")
        if closes and closes <= timezone.localdate():
            self.add_error("closes_on", "Closes on must be in the future")
        return cleaned


class VoteForm(forms.Form):
    """A vote for one seat; seat is set when the voter may vote for more than one."""

    seat = forms.IntegerField(widget=forms.HiddenInput, required=False)
    choice = forms.ChoiceField(
        label="Your vote",
        choices=Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select For, Against or Abstain"},
    )
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclarationForm(forms.Form):
    has_interest = forms.ChoiceField(
        label="Do you have an interest to declare in this item?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you have an interest to declare"},
    )
    nature = forms.CharField(
        label="Nature of the interest (if yes)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_interest") == "yes" and not cleaned.get("nature", "").strip():
            self.add_error("nature", "Describe the interest you are declaring")
        return cleaned


class MoveToMeetingReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why should this be decided in a meeting?",
        help_text="The Chair and the secretariat are told, with your reason.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why this should be decided in a meeting"},
    )


class ItemDeclarationForm(forms.Form):
    nature = forms.CharField(
        label="What is your interest in this item?",
        help_text="For example: my employer supports the proposal. The Chair rules whether you"
        " may take part in the vote.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the interest you are declaring"},
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    owner = forms.CharField(
        label="Owner", max_length=150, error_messages={"required": "Enter the owner"}
    )
    due_on = date_field("Due on (optional)", required=False)


class MinutesForm(forms.Form):
    body = forms.CharField(
        label="Other notes (optional)",
        help_text="Anything the minutes record outside the agenda items.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
