"""What the API shows of a proposal, and how a draft's answers are checked (as on the pages)."""

from django import forms as django_forms
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from usecases.forms import questions as journey_forms
from usecases.models import Submission

ANSWER_FORMS = (
    journey_forms.TitlesForm,
    journey_forms.ProposerForm,
    journey_forms.IssueForm,
    journey_forms.SolutionForm,
    journey_forms.ExistingScForm,
    journey_forms.NewScForm,
    journey_forms.UrgencyForm,
    journey_forms.ScopeForm,
)
# Every answer the question pages take, with the same field (and so the same validation).
ANSWER_FIELDS: dict[str, django_forms.Field] = {
    name: field for form in ANSWER_FORMS for name, field in form.base_fields.items()
}
ANSWER_NAMES = tuple(name for name in ANSWER_FIELDS if name != "device_types")


class SubmissionListSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "url",
            "reference",
            "kind",
            "state",
            "classification",
            "title",
            "proposer_organisation_name",
            "submitted_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, submission) -> str:
        # As HyperlinkedIdentityField would.
        return self.context["request"].build_absolute_uri(
            reverse("api:submission-detail", args=[submission.pk])
        )


class SubmissionDetailSerializer(SubmissionListSerializer):
    device_types = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    # As the selector shows them to the reader: blank unless they may see contact details.
    proposer_phone = serializers.CharField(
        source="shown_proposer_phone",
        read_only=True,
        help_text="Blank unless you may see contact details (docs/security.md).",
    )
    proposer_email = serializers.CharField(
        source="shown_proposer_email",
        read_only=True,
        help_text="Blank unless you may see contact details (docs/security.md).",
    )

    class Meta(SubmissionListSerializer.Meta):
        fields = [
            *SubmissionListSerializer.Meta.fields,
            *ANSWER_NAMES,
            "device_types",
            "registered_at",
            "state_changed_at",
        ]


class DraftAnswersSerializer(serializers.Serializer):
    """Answers to save on a draft: any of the question pages' fields, checked by the same rules."""

    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text='Field name to value, e.g. {"use_case_title": "…", "q6_urgent": "NO"}. '
        f"Names: {', '.join(ANSWER_FIELDS)}.",
    )

    def validate_answers(self, answers: dict) -> dict:
        return clean_answers(answers)


def clean_answers(answers: dict) -> dict:
    """Check each answer with the question page's own field; raise with a message per field."""
    cleaned, errors = {}, {}
    for name, value in answers.items():
        field = ANSWER_FIELDS.get(name)
        if field is None:
            errors[name] = ["This is not a question of the form."]
            continue
        if name == "device_types" and not isinstance(value, list):
            errors[name] = ["Give a list of device type ids."]
            continue
        if name != "device_types" and not isinstance(value, (str, int, float, bool)):
            errors[name] = ["Give a text value."]
            continue
        try:
            cleaned[name] = field.clean(value if name == "device_types" else str(value))
        except django_forms.ValidationError as error:
            errors[name] = list(error.messages)
    if errors:
        raise serializers.ValidationError(errors)
    return cleaned


class StartProposalSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Submission._meta.get_field("kind").choices)
    answers = serializers.DictField(child=serializers.JSONField(), required=False, default=dict)

    def validate_answers(self, answers: dict) -> dict:
        return clean_answers(answers)


class SubmitSerializer(serializers.Serializer):
    declaration = serializers.BooleanField(
        help_text="True: the information is accurate and the proposer may share it with the SSC."
    )

    def validate_declaration(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError("Confirm the declaration to submit the proposal.")
        return value


class ClarificationAnswerSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(max_length=20000, allow_blank=False),
        help_text="Question number (as text) to answer, for every open question.",
    )


class RegisterEntrySerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    state = serializers.CharField()
    use_case_number = serializers.IntegerField(allow_null=True)
    updated_at = serializers.DateTimeField()
