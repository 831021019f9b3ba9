from django.urls import path

from usecases.views import (
    actions,
    help,
    journey,
    portability,
    proposals,
    registers,
    support,
    workspace,
)

app_name = "usecases"

urlpatterns = [
    path("", proposals.proposal_list, name="proposal-list"),
    path("new/", journey.start, name="proposal-start"),
    path("<int:pk>/", proposals.proposal_detail, name="proposal-detail"),
    path("<int:pk>/edit/<slug:slug>/", journey.section, name="proposal-section"),
    path("<int:pk>/tasks/", journey.task_list, name="proposal-tasks"),
    path("<int:pk>/check/", journey.check_answers, name="proposal-check"),
    path("<int:pk>/submitted/", journey.submitted, name="proposal-submitted"),
    path("<int:pk>/act/<slug:slug>/", actions.proposal_action, name="proposal-action"),
    path("<int:pk>/clarification/", actions.clarification_answer, name="clarification-answer"),
    path("<int:pk>/referrals/new/", actions.referral_create, name="referral-create"),
    path(
        "<int:pk>/referrals/<int:referral_id>/outcome/",
        actions.referral_outcome,
        name="referral-outcome",
    ),
    path("<int:pk>/ncsc-advice/", actions.ncsc_advice, name="ncsc-advice"),
    path("<int:pk>/classification/", actions.classification_change, name="classification-change"),
    path("<int:pk>/delete/", proposals.draft_delete, name="proposal-delete"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        proposals.attachment_download,
        name="attachment-download",
    ),
    path(
        "support/verified-addresses/",
        support.verified_addresses,
        name="supporter-addresses",
    ),
    path(
        "<int:pk>/supporters/<int:supporter_pk>/answer/",
        support.record_support_answer,
        name="supporter-answer",
    ),
    path("support/<str:token>/", support.support_respond, name="support-respond"),
    path(
        "support/<str:token>/attachments/<int:attachment_id>/",
        support.support_attachment,
        name="support-attachment",
    ),
    path("help/process/", help.process_help, name="help-process"),
    path("my-data.<str:fmt>", portability.my_data, name="my-data"),
    path("registers/use-cases/", registers.use_case_register, name="register-use-cases"),
    path("registers/sc-documents/", registers.sc_document_register, name="register-sc-documents"),
    path("registers/proposals/", registers.proposal_register, name="register-proposals"),
    path("workspace/", workspace.workspace, name="workspace"),
    path("workspace/export.csv", workspace.workspace_csv, name="workspace-csv"),
    path("workspace/register.csv", workspace.register_csv, name="register-csv"),
]
