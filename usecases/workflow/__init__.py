"""Services that change proposals. Views call these; nothing else writes a proposal."""

from usecases.workflow.clarifications import answer_clarification, request_clarification
from usecases.workflow.classification import change_classification
from usecases.workflow.committee import (
    approve_proposal,
    defer_proposal,
    progress_proposal,
    reject_proposal,
    send_back_proposal,
    supersede_proposal,
)
from usecases.workflow.drafting import (
    add_attachment,
    add_supporter,
    delete_draft,
    remove_attachment,
    remove_supporter,
    save_answers,
    start_proposal,
)
from usecases.workflow.organisations import file_proposals_under_organisation
from usecases.workflow.publication import (
    publish_use_case,
    record_ncsc_advice,
    record_ncsc_publication,
)
from usecases.workflow.referrals import record_referral_outcome, refer_proposal
from usecases.workflow.support import (
    record_support_answer,
    remove_verified_supporter_address,
    respond_to_support_request,
    verify_supporter_address,
)
from usecases.workflow.transitions import (
    await_views,
    close_consultation,
    ncsc_changes_required,
    open_consultation,
    reconsider_proposal,
    register_proposal,
    resubmit_proposal,
    resume_proposal,
    return_proposal,
    schedule_proposal,
    send_to_ncsc,
    submit_proposal,
    table_proposal,
    views_received,
    withdraw_proposal,
)

__all__ = [
    "add_attachment",
    "add_supporter",
    "answer_clarification",
    "approve_proposal",
    "change_classification",
    "await_views",
    "close_consultation",
    "defer_proposal",
    "delete_draft",
    "file_proposals_under_organisation",
    "ncsc_changes_required",
    "open_consultation",
    "progress_proposal",
    "publish_use_case",
    "reconsider_proposal",
    "record_ncsc_advice",
    "record_ncsc_publication",
    "record_referral_outcome",
    "refer_proposal",
    "register_proposal",
    "reject_proposal",
    "remove_attachment",
    "remove_supporter",
    "remove_verified_supporter_address",
    "request_clarification",
    "record_support_answer",
    "respond_to_support_request",
    "resubmit_proposal",
    "resume_proposal",
    "return_proposal",
    "save_answers",
    "schedule_proposal",
    "send_back_proposal",
    "send_to_ncsc",
    "start_proposal",
    "submit_proposal",
    "supersede_proposal",
    "table_proposal",
    "verify_supporter_address",
    "views_received",
    "withdraw_proposal",
]
