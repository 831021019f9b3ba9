"""Build proposals through the real services, so audit rows and side effects are real."""

from triage_portal.classification import Classification
from usecases import workflow
from usecases.demo import eon
from usecases.models import DeviceType, Submission

from .people import SecPartyFactory


def device_type(code: str = "ESME") -> DeviceType:
    return DeviceType.objects.get_or_create(code=code, defaults={"name": f"{code} device"})[0]


COMPLETE_ANSWERS = {
    "use_case_title": eon.EON_USE_CASE_TITLE,
    "sc_mod_title": eon.EON_SC_MOD_TITLE,
    **eon.EON_PROPOSER,
    **eon.EON_ANSWERS,
    "q4_affects_existing_sc": "TBD",
    "q5_requires_new_sc": "TBD",
    "q6_urgent": "YES",
    "proposer_classification": Classification.WHITE,
}


def draft_proposal(
    user, *, kind: str = "USE_CASE", complete: bool = True, supporters: int = 1, **answers
) -> Submission:
    submission = workflow.start_proposal(user=user, kind=kind)
    values = dict(COMPLETE_ANSWERS) if complete else {}
    values.update(answers)
    if complete:
        values.setdefault("device_types", [device_type()])
    if values:
        workflow.save_answers(
            submission_id=submission.pk, user=user, answers=values, section="test"
        )
    for n in range(supporters if complete else 0):
        workflow.add_supporter(
            submission_id=submission.pk,
            user=user,
            name=f"Supporter {n}",
            sec_party=SecPartyFactory(),
            phone="01632 960 100",
            email=f"supporter{n}@example.com",
        )
    submission.refresh_from_db()
    return submission


def submitted_proposal(user, **kwargs) -> Submission:
    submission = draft_proposal(user, **kwargs)
    return workflow.submit_proposal(submission_id=submission.pk, user=user, declaration=True)
