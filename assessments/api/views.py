"""Meetings, papers (metadata and a PDF link) and decisions, through the committee selectors."""

from rest_framework import viewsets

from assessments.api import serializers as s
from assessments.selectors import decisions_visible_to, meetings_visible_to, papers_visible_to


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.MeetingSerializer
    filterset_fields = ["status", "committee__code"]

    def get_queryset(self):
        return (
            meetings_visible_to(self.request.user)
            .select_related("committee")
            .order_by("-date", "-pk")
        )


class PaperViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PaperSerializer
    filterset_fields = ["classification", "agenda_item__meeting"]

    def get_queryset(self):
        return papers_visible_to(self.request.user).select_related("agenda_item").order_by("-pk")


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Decisions the caller may read in full. A decision on RED business the caller is not named
    on is left out, not redacted: its outcome could otherwise be read through the filters."""

    serializer_class = s.DecisionSerializer
    filterset_fields = ["committee__code", "passed", "outcome"]

    def get_queryset(self):
        return (
            decisions_visible_to(self.request.user)
            .select_related("committee")
            .order_by("-decided_at", "-pk")
        )
