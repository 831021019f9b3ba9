from django.urls import path

from assessments.views import (
    ballots,
    calendar,
    decisions,
    declarations,
    invitations,
    logs,
    meeting_admin,
    meetings,
    minutes,
    other_papers,
    papers,
    pdfs,
    roster,
)

app_name = "assessments"

urlpatterns = [
    path("", meetings.meeting_list, name="meeting-list"),
    path("next/", logs.next_meeting, name="next-meeting"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    path("calendar/new-address/", calendar.calendar_new_address, name="calendar-new-address"),
    path("meetings/new/", meeting_admin.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meeting_admin.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/cancel/", meeting_admin.meeting_cancel, name="meeting-cancel"),
    path(
        "meetings/<int:pk>/attendance/", meeting_admin.meeting_attendance, name="meeting-attendance"
    ),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/move-to-meeting/",
        meeting_admin.item_move_to_meeting,
        name="item-move-meeting",
    ),
    path("meetings/<int:pk>/minutes/", minutes.meeting_minutes, name="meeting-minutes"),
    path(
        "meetings/<int:pk>/minutes/items/<int:item_pk>/",
        minutes.minutes_item,
        name="minutes-item",
    ),
    path("meetings/<int:pk>/items/<int:item_pk>/move/", meetings.move_item, name="item-move"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/invitations/",
        invitations.item_invitations,
        name="item-invitations",
    ),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/declare/",
        declarations.item_declare,
        name="item-declare",
    ),
    path("schedule/<int:submission_pk>/", meetings.schedule_proposal, name="proposal-schedule"),
    path(
        "referrals/<int:referral_pk>/agenda/", meetings.referral_to_agenda, name="referral-agenda"
    ),
    path("meetings/<int:pk>/papers/new/", other_papers.paper_new, name="paper-new"),
    path("papers/<int:pk>/", papers.paper_detail, name="paper-detail"),
    path("papers/<int:pk>/edit/", papers.paper_edit, name="paper-edit"),
    path("papers/<int:pk>/pdf/", pdfs.paper_pdf, name="paper-pdf"),
    path("papers/<int:pk>/read/", pdfs.paper_read, name="paper-read"),
    path("meetings/<int:pk>/pack/", pdfs.pack_request, name="pack-request"),
    path("packs/<int:pk>/", pdfs.pack_status, name="pack-status"),
    path("packs/<int:pk>/status.json", pdfs.pack_status_json, name="pack-status-json"),
    path("meetings/<int:pk>/minutes.pdf", pdfs.minutes_pdf, name="minutes-pdf"),
    path("decisions/<int:pk>/letter.pdf", pdfs.decision_letter, name="decision-letter"),
    path("packs/<int:pk>/download/", pdfs.pack_download, name="pack-download"),
    path("papers/<int:pk>/issue/", papers.paper_issue, name="paper-issue"),
    path("meetings/<int:pk>/send-papers/", papers.meeting_pack_issue, name="pack-issue"),
    path("papers/<int:pk>/approve-late/", papers.paper_approve_late, name="paper-approve-late"),
    path("items/<int:item_pk>/vote/new/", ballots.ballot_open, name="ballot-open"),
    path("items/<int:item_pk>/decision/new/", decisions.decision_record, name="decision-record"),
    path("votes/<int:pk>/", ballots.ballot_detail, name="ballot-detail"),
    path("votes/<int:pk>/cast/", ballots.ballot_vote, name="ballot-vote"),
    path("votes/<int:pk>/declare/", ballots.ballot_declare, name="ballot-declare"),
    path("votes/<int:pk>/close/", ballots.ballot_close, name="ballot-close"),
    path("votes/<int:pk>/to-meeting/", ballots.ballot_to_meeting, name="ballot-to-meeting"),
    path("declarations/<int:pk>/rule/", ballots.declaration_rule, name="declaration-rule"),
    path("cast-votes/<int:pk>/strike/", ballots.vote_strike, name="vote-strike"),
    path("roster/", roster.roster, name="roster"),
    path("roster/seats/<int:seat_pk>/appoint/", roster.appoint, name="roster-appoint"),
    path("roster/memberships/<int:pk>/alternate/", roster.alternate, name="roster-alternate"),
    path("roster/memberships/<int:pk>/renew/", roster.renew, name="roster-renew"),
    path("roster/memberships/<int:pk>/vetting/", roster.vetting, name="roster-vetting"),
    path("decisions/", logs.decision_log, name="decision-log"),
    path("actions/", logs.action_log, name="action-log"),
]
