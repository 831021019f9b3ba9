from django.urls import reverse
from rest_framework import serializers

from assessments.models import Decision, Meeting, Paper


class MeetingSerializer(serializers.ModelSerializer):
    committee = serializers.CharField(source="committee.code", read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "committee", "number", "date", "location", "status", "page"]

    def get_page(self, meeting) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("assessments:meeting-detail", args=[meeting.pk])
        )


class PaperSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="agenda_item.meeting_id", read_only=True)
    item = serializers.IntegerField(source="agenda_item.number", read_only=True)
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = [
            "id",
            "reference",
            "title",
            "classification",
            "meeting",
            "item",
            "issued_at",
            "pdf",
        ]

    def get_pdf(self, paper) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("assessments:paper-pdf", args=[paper.pk])
        )


class DecisionSerializer(serializers.ModelSerializer):
    committee = serializers.CharField(source="committee.code", read_only=True)
    votes_for = serializers.IntegerField(source="snapshot.for_count", read_only=True, default=None)
    votes_against = serializers.IntegerField(
        source="snapshot.against_count", read_only=True, default=None
    )
    abstentions = serializers.IntegerField(
        source="snapshot.abstain_count", read_only=True, default=None
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "reference",
            "committee",
            "decided_at",
            "method",
            "outcome",
            "passed",
            "resolution",
            "votes_for",
            "votes_against",
            "abstentions",
        ]
