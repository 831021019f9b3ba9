"""The proposal API: read what you may see; start, edit and submit drafts; answer questions.

Every queryset comes from the same selectors as the pages, and every write goes through the
same services, with the same permissions, validation, ActivityLog entries and e-mails.
"""

import django_filters
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from usecases import workflow
from usecases.api import serializers as s
from usecases.errors import ActionRefused
from usecases.models import Submission
from usecases.selectors.proposals import (
    LONG_TEXT,
    proposals_visible_to,
    public_proposals,
    published_use_cases,
    with_contact_details,
)

ERRORS = {400: OpenApiResponse(description='Field by field: {"field": ["message"]}')}


class SubmissionFilter(django_filters.FilterSet):
    class Meta:
        model = Submission
        fields = ["state", "kind", "classification"]


def refused(error: ActionRefused):
    """A service's refusal, in the API's error shape."""
    return ValidationError({"detail": [str(error)]})


def run(service, **arguments) -> None:
    """Call a workflow service; its refusal becomes a 400 with the service's own words."""
    try:
        service(**arguments)
    except ActionRefused as error:
        raise refused(error) from error


class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = SubmissionFilter

    def get_queryset(self):
        proposals = proposals_visible_to(self.request.user).order_by("-updated_at", "-pk")
        if self.action == "list":  # a list shows no answers: fifty rows of them took longest
            return proposals.defer(*LONG_TEXT)
        return with_contact_details(
            proposals.select_related("organisation").prefetch_related("device_types"),
            self.request.user,
        )

    def get_serializer_class(self):
        if self.action == "list":
            return s.SubmissionListSerializer
        return s.SubmissionDetailSerializer

    def _detail(self, submission_id: int, code=status.HTTP_200_OK) -> Response:
        submission = self.get_queryset().get(pk=submission_id)
        data = s.SubmissionDetailSerializer(submission, context={"request": self.request}).data
        return Response(data, status=code)

    @extend_schema(
        request=s.StartProposalSerializer,
        responses={201: s.SubmissionDetailSerializer, **ERRORS},
        summary="Start a draft proposal",
    )
    def create(self, request):
        body = s.StartProposalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            try:
                submission = workflow.start_proposal(
                    user=request.user, kind=body.validated_data["kind"]
                )
                if body.validated_data["answers"]:
                    workflow.save_answers(
                        submission_id=submission.pk,
                        user=request.user,
                        answers=body.validated_data["answers"],
                        section="api",
                    )
            except ActionRefused as error:
                raise refused(error) from error
        return self._detail(submission.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.DraftAnswersSerializer,
        responses={200: s.SubmissionDetailSerializer, **ERRORS},
        summary="Save answers to a draft (or a returned proposal)",
    )
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        submission = self.get_object()
        body = s.DraftAnswersSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run(
            workflow.save_answers,
            submission_id=submission.pk,
            user=request.user,
            answers=body.validated_data["answers"],
            section="api",
        )
        return self._detail(submission.pk)

    @extend_schema(
        request=s.SubmitSerializer,
        responses={200: s.SubmissionDetailSerializer, **ERRORS},
        summary="Submit a complete draft to the secretariat",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = self.get_object()
        body = s.SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run(
            workflow.submit_proposal,
            submission_id=submission.pk,
            user=request.user,
            declaration=True,
        )
        return self._detail(submission.pk)

    @extend_schema(
        request=s.ClarificationAnswerSerializer,
        responses={200: s.SubmissionDetailSerializer, **ERRORS},
        summary="Answer the SSC's clarification questions",
    )
    @action(detail=True, methods=["post"])
    def clarification(self, request, pk=None):
        submission = self.get_object()
        body = s.ClarificationAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            answers = {int(k): v for k, v in body.validated_data["answers"].items()}
        except ValueError as error:
            raise ValidationError({"answers": ["Number each answer by its question."]}) from error
        run(
            workflow.answer_clarification,
            submission_id=submission.pk,
            user=request.user,
            answers=answers,
        )
        return self._detail(submission.pk)


def _entry(submission) -> dict:
    return {
        "reference": submission.reference,
        "title": submission.title,
        "kind": submission.get_kind_display(),
        "state": submission.get_state_display(),
        "use_case_number": submission.use_case_number,
        "updated_at": submission.updated_at,
    }


class RegisterViewSet(viewsets.GenericViewSet):
    """The public registers: White items only, readable without signing in."""

    permission_classes = [permissions.AllowAny]
    serializer_class = s.RegisterEntrySerializer
    queryset = Submission.objects.none()

    def _page(self, items):
        page = self.paginate_queryset(items)
        return self.get_paginated_response([_entry(item) for item in page])

    @extend_schema(
        responses=s.RegisterEntrySerializer(many=True), summary="Status of public proposals"
    )
    @action(detail=False, url_path="proposals")
    def proposals(self, request):
        return self._page(public_proposals())

    @extend_schema(responses=s.RegisterEntrySerializer(many=True), summary="Published Use Cases")
    @action(detail=False, url_path="use-cases")
    def use_cases(self, request):
        return self._page(published_use_cases())
