"""Decisions as the minutes state them, and the tally given once."""

import pytest

from assessments.statements import decision_statement, motion_clause, tally_line

SUBJECT = "UCR-2026-002 ‘Re-use of triaged ESME’"


@pytest.mark.parametrize(
    ("outcome", "passed", "expected"),
    [
        ("PROGRESS", True, f"The SSC AGREED to progress {SUBJECT} to assessment."),
        ("PROGRESS", False, f"The SSC did not agree to progress {SUBJECT} to assessment."),
        ("APPROVE", True, f"The SSC APPROVED {SUBJECT}."),
        ("APPROVE", False, f"The SSC did not agree to approve {SUBJECT}."),
        ("APPROVE_WITH_CONDITIONS", True, f"The SSC APPROVED {SUBJECT}, subject to conditions."),
        ("REJECT", True, f"The SSC REJECTED {SUBJECT}."),
        ("CLARIFY", True, f"The SSC AGREED to ask the proposer of {SUBJECT} for clarification."),
        ("SEND_BACK", True, f"The SSC AGREED to send {SUBJECT} back for further assessment."),
        ("NOTED", True, f"The SSC NOTED {SUBJECT}."),
    ],
)
def test_decision_statement_on_a_proposal(outcome, passed, expected):
    statement = decision_statement(
        code="SSC",
        outcome=outcome,
        passed=passed,
        subject=SUBJECT,
        question="Progress the Use Case?",
        proposal=True,
    )

    assert statement == expected


def test_decision_statement_of_a_motion_with_no_proposal_is_its_question_as_a_clause():
    def stated(question, passed=True):
        return decision_statement(
            code="TABASC",
            outcome="NOTED",
            passed=passed,
            subject="‘Annual audits’",
            question=question,
        )

    assert stated("Ask SECAS to commission annual audits?") == (
        "The TABASC AGREED to ask SECAS to commission annual audits."
    )
    assert stated("SECAS to commission audits?", passed=False) == (
        "The TABASC did not agree: SECAS to commission audits."
    )
    assert stated("Should SECAS commission audits?") == "The TABASC NOTED ‘Annual audits’."
    assert stated("Should SECAS commission audits?", passed=False) == (
        "The TABASC did not agree the motion on ‘Annual audits’."
    )


def test_motion_clause_keeps_an_acronym_and_refuses_a_question_that_asks():
    assert motion_clause("NCSC to advise?") == "NCSC to advise"
    assert motion_clause("Note the report.") == "note the report"
    assert motion_clause("Is the checklist adequate?") == ""


def test_tally_line_gives_the_count_once_with_recusals_and_the_casting_vote():
    snapshot = {
        "for_count": 2,
        "against_count": 2,
        "abstain_count": 1,
        "passed": True,
        "recused_ids": [7],
        "casting_vote_used": True,
        "reason": "Passed: For 2, Against 2, Abstain 1; tied, so the Chair's casting vote (For) decided",
    }

    assert tally_line(snapshot) == (
        "For 2, Against 2, Abstain 1 (passed); 1 member recused, having declared an interest;"
        " tied, so the Chair's casting vote (For) decided."
    )
    assert tally_line({"method": "consensus"}) == ""
    assert tally_line({**snapshot, "reason": "Not quorate: 1 of 5 present"}) == (
        "Not quorate: 1 of 5 present."
    )
