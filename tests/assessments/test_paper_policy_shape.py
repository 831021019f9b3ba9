"""The paper policy asks the proposals by their indexes and the support rows first, not by joins."""

import pytest

from assessments.selectors import papers_visible_to

pytestmark = pytest.mark.django_db


def test_a_proposers_own_items_are_a_subquery_on_the_proposals_not_a_join_from_every_paper(
    proposer,
):
    proposer.organisation_verified = True
    sql = str(papers_visible_to(proposer).query)

    assert 'JOIN "usecases_submission"' not in sql
    own = (
        '"assessments_agendaitem"."submission_id" IN (SELECT "U0"."id" AS "pk" FROM '
        '"usecases_submission" "U0" WHERE ("U0"."created_by_id" = {} OR "U0"."organisation_id" = {}))'
    )
    assert own.format(proposer.pk, proposer.organisation_id) in sql


def test_a_supporters_items_are_read_from_the_support_rows_not_by_asking_every_proposal(proposer):
    sql = str(papers_visible_to(proposer).query)

    assert (
        '"V0"."id" IN (SELECT "U0"."submission_id" AS "submission" FROM "usecases_supportingparty"'
    ) in sql
    assert 'EXISTS(SELECT 1 AS "a" FROM "usecases_supportingparty"' not in sql
