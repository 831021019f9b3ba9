import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from assessments.enums import MajorityRule
from assessments.models import Committee, Seat
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User
from triage_portal.audit.models import ActivityLog

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("setup_committees", *args, stdout=out)
    return out.getvalue()


def test_first_run_creates_the_committees_with_their_rules_and_seats():
    output = run()
    assert list(Committee.objects.values_list("code", "paper_ref_prefix")) == [
        ("PMA", "SMKI-PMA"),
        ("SECP", "SECP"),
        ("SSC", "SSC"),
        ("TABASC", "TABASC"),
    ]
    ssc = Committee.objects.get(code="SSC")
    assert ssc.quorum_fraction == Decimal("0.5")
    assert ssc.chair_required is True
    assert ssc.chair_casting_vote is True
    assert ssc.paper_deadline_working_days == 5
    assert ssc.seats.count() == 18
    assert ssc.seats.filter(category="LARGE_SUPPLIER").count() == 6
    assert Seat.objects.filter(committee__code="TABASC").count() == 9
    assert "Created SSC." in output
    assert "Added 18 seat(s) to SSC." in output
    assert ActivityLog.objects.filter(action="assessments.committee.created").count() == 4


def test_running_it_again_changes_nothing_and_keeps_rules_changed_since():
    run()
    Committee.objects.filter(code="SSC").update(paper_deadline_working_days=7)
    entries = ActivityLog.objects.count()
    output = run()
    assert Committee.objects.get(code="SSC").paper_deadline_working_days == 7
    assert Seat.objects.count() == 27
    assert ActivityLog.objects.count() == entries
    assert (
        "SSC exists already and was left as it is; its paper_deadline_working_days differ."
        in output
    )
    assert "TABASC exists already, with these rules." in output


def test_rules_and_seats_from_a_file_and_update_rules(tmp_path):
    config = tmp_path / "committees.json"
    config.write_text(
        json.dumps(
            {
                "committees": [
                    {
                        "code": "SSC",
                        "name": "Security Sub-Committee",
                        "quorum_fraction": "0.6",
                        "chair_casting_vote": False,
                        "majority_rule": "all_voting_members",
                        "correspondence_threshold": 0.66,
                        "paper_deadline_working_days": 3,
                        "seats": {"CHAIR": 1, "MEMBER": 4},
                    }
                ]
            }
        )
    )
    run("--config", str(config))
    ssc = Committee.objects.get(code="SSC")
    assert (ssc.quorum_fraction, ssc.chair_casting_vote, ssc.majority_rule) == (
        Decimal("0.6"),
        False,
        MajorityRule.ALL_VOTING_MEMBERS,
    )
    assert ssc.correspondence_threshold == Decimal("0.66")
    assert ssc.paper_deadline_working_days == 3
    assert ssc.seats.count() == 5
    assert list(Committee.objects.values_list("code", flat=True)) == ["SSC"]
    output = run("--update-rules")  # back to the built-in rules
    ssc.refresh_from_db()
    assert ssc.paper_deadline_working_days == 5
    assert ssc.chair_casting_vote is True
    assert "Updated the rules of SSC." in output
    entry = ActivityLog.objects.get(action="assessments.committee.rules_changed")
    assert entry.data["paper_deadline_working_days"] == {"old": "3", "new": "5"}


@pytest.mark.parametrize(
    ("committee", "message"),
    [
        ({"code": "SSC", "quorum_fraction": "1.5"}, "SSC: quorum_fraction: Ensure this value"),
        ({"code": "SSC", "seats": {"BOARD": 2}}, "SSC: unknown seat category BOARD"),
        ({"code": "SSC", "quorom": "0.5"}, "SSC: unknown setting(s) quorom"),
        ({"code": "S_C"}, "S_C: code: Enter a code of letters and digits"),
    ],
)
def test_a_wrong_file_is_refused_with_what_to_change(tmp_path, committee, message):
    config = tmp_path / "committees.json"
    config.write_text(json.dumps({"committees": [committee]}))
    with pytest.raises(CommandError) as error:
        run("--config", str(config))
    assert str(error.value).startswith(message)
    assert Committee.objects.count() == 0


def test_the_first_secretariat_account_is_created_once_and_e_mailed_a_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        output = run(
            "--secretariat-email",
            "Sam@SECAS.example.org",
            "--secretariat-name",
            "Sam Secretary",
            "--secretariat-organisation",
            "SECAS",
        )
    user = User.objects.get(email="sam@secas.example.org")
    assert (user.role, user.is_staff, user.has_usable_password()) == (
        Role.SECRETARIAT,
        True,
        False,
    )
    assert user.groups.filter(name="Secretariat").exists()
    assert user.organisation.name == "SECAS"
    assert "Created the secretariat account sam@secas.example.org" in output
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@secas.example.org"]
    assert "/accounts/password-reset/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--secretariat-email", "sam@secas.example.org")
    assert len(mail.outbox) == 1
    assert "The secretariat account sam@secas.example.org exists already." in output
    assert ActivityLog.objects.filter(action="accounts.user.first_secretariat_created").count() == 1


def test_an_address_held_by_a_proposer_is_refused(proposer):
    with pytest.raises(CommandError) as error:
        run("--secretariat-email", proposer.email, "--secretariat-name", "X")
    assert str(error.value) == (
        "ann@example.com already has an account as Proposer: use another address, "
        "or change its role in the admin"
    )
    proposer.refresh_from_db()
    assert proposer.role == Role.PROPOSER
    assert Committee.objects.count() == 0


def test_print_defaults_is_a_file_setup_committees_takes(tmp_path):
    config = tmp_path / "committees.json"
    config.write_text(run("--print-defaults"))
    run("--config", str(config))
    assert Committee.objects.count() == 4
