"""First run: the committees with their rules and seats, and the first secretariat account.

Production starts with an empty database. `manage.py setup_committees` creates what
domain.md describes (SSC, TABASC, SMKI PMA, SEC Panel) or what a JSON file passed to it says,
and, when asked, the first secretariat account. It is idempotent: a committee that exists keeps
its rules unless told to update them, and seats are only ever added, never removed.
The demo (assessments.demo) loads the same committees through here.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.enums import MajorityRule, SeatCategory
from assessments.models import Committee, Seat
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import Organisation, User
from triage_portal.audit.models import log_event

RULES = (
    "name",
    "paper_ref_prefix",
    "quorum_fraction",
    "chair_required",
    "majority_rule",
    "chair_casting_vote",
    "chair_alternate_casting_vote",
    "allow_correspondence",
    "correspondence_threshold",
    "paper_deadline_working_days",
)
DECIMAL_RULES = ("quorum_fraction", "correspondence_threshold")

# domain.md §3.1, §3.4, §4.1 and §6.5. The rules are the portal's defaults ([GK?]: the Terms of
# Reference were not found); pass a file to set others.
_SHARED_RULES = {
    "quorum_fraction": "0.5",
    "chair_required": True,
    "majority_rule": MajorityRule.VOTES_CAST.value,
    "chair_casting_vote": True,
    "chair_alternate_casting_vote": True,
    "allow_correspondence": True,
    "correspondence_threshold": "0.5",
    "paper_deadline_working_days": 5,
}
DEFAULT_COMMITTEES = [
    {
        "code": "SSC",
        "name": "Security Sub-Committee",
        "paper_ref_prefix": "SSC",
        **_SHARED_RULES,
        "seats": {
            "CHAIR": 1,
            "LARGE_SUPPLIER": 6,
            "SMALL_SUPPLIER": 2,
            "ELECTRICITY_NETWORK": 1,
            "GAS_NETWORK": 1,
            "OTHER_USER": 1,
            "SHARED_RESOURCE_PROVIDER": 1,
            "TABASC_REP": 1,
            "OBSERVER_NCSC": 1,
            "OBSERVER_DCC": 1,
            "OBSERVER_DESNZ": 1,
            "OBSERVER_OFGEM": 1,
        },
    },
    {
        "code": "TABASC",
        "name": "Technical Architecture and Business Architecture Sub-Committee",
        "paper_ref_prefix": "TABASC",
        **_SHARED_RULES,
        "seats": {"CHAIR": 1, "MEMBER": 8},
    },
    {
        "code": "PMA",
        "name": "SMKI Policy Management Authority",
        "paper_ref_prefix": "SMKI-PMA",
        **_SHARED_RULES,
        "seats": {},
    },
    {
        "code": "SECP",
        "name": "SEC Panel",
        "paper_ref_prefix": "SECP",
        **_SHARED_RULES,
        "seats": {},
    },
]


class SetupError(Exception):
    """The committees file or an option is wrong; the message says what to change."""


@dataclass
class SetupReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    differing: dict[str, list[str]] = field(default_factory=dict)
    seats_added: dict[str, int] = field(default_factory=dict)


def load_spec(path: str | Path) -> list[dict]:
    """Return the committees described in a JSON file: {"committees": [{"code": ..., ...}]}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise SetupError(f"Cannot read {path}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise SetupError(f"{path} is not valid JSON: {error}") from error
    committees = data.get("committees") if isinstance(data, dict) else None
    if not isinstance(committees, list) or not committees:
        raise SetupError(f'{path} must hold {{"committees": [ ... ]}} with at least one committee')
    return committees


def _rules_of(spec: dict) -> dict:
    code = spec.get("code")
    if not code:
        raise SetupError('Each committee needs a "code", such as "SSC"')
    unknown = set(spec) - {"code", "seats", *RULES}
    if unknown:
        raise SetupError(f"{code}: unknown setting(s) {', '.join(sorted(unknown))}")
    rules = {**_SHARED_RULES, "paper_ref_prefix": code, "name": code}
    rules.update({k: v for k, v in spec.items() if k in RULES})
    for name in DECIMAL_RULES:
        try:
            rules[name] = Decimal(str(rules[name]))
        except InvalidOperation as error:
            raise SetupError(f"{code}: {name} must be a number such as 0.5") from error
    return rules


def _seats_of(spec: dict) -> dict[str, int]:
    seats = spec.get("seats") or {}
    if not isinstance(seats, dict):
        raise SetupError(f'{spec["code"]}: "seats" must map a category to a count')
    for category, count in seats.items():
        if category not in SeatCategory.values:
            raise SetupError(
                f"{spec['code']}: unknown seat category {category}; use one of "
                + ", ".join(SeatCategory.values)
            )
        if not isinstance(count, int) or count < 0:
            raise SetupError(f"{spec['code']}: the number of {category} seats must be 0 or more")
    return seats


def _checked(committee: Committee) -> None:
    try:
        committee.full_clean()
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise SetupError(f"{committee.code}: {problems}") from error


@transaction.atomic
def setup_committees(
    specs: list[dict], *, with_seats: bool = True, update_rules: bool = False
) -> SetupReport:
    """Create each committee described, with its rules and seats; return what was done.

    A committee that exists keeps its rules unless `update_rules`; the rules that differ from
    the description are reported. Seats are numbered 1..count per category and only added.
    """
    report = SetupReport()
    for spec in specs:
        rules = _rules_of(spec)
        seats = _seats_of(spec) if with_seats else {}
        code = spec["code"]
        committee = Committee.objects.select_for_update().filter(code=code).first()
        if committee is None:
            committee = Committee(code=code, **rules)
            _checked(committee)
            committee.save()
            committee.log_action(
                "assessments.committee.created", data={"first_run": True, **_logged(rules)}
            )
            report.created.append(code)
        else:
            differing = [name for name in RULES if getattr(committee, name) != rules[name]]
            if differing and update_rules:
                old = {name: getattr(committee, name) for name in differing}
                for name in differing:
                    setattr(committee, name, rules[name])
                _checked(committee)
                committee.save(update_fields=differing)
                committee.log_action(
                    "assessments.committee.rules_changed",
                    data={
                        name: {"old": str(old[name]), "new": str(rules[name])} for name in differing
                    },
                )
                report.updated.append(code)
            elif differing:
                report.differing[code] = differing
            else:
                report.unchanged.append(code)
        added = _add_seats(committee, seats)
        if added:
            report.seats_added[code] = added
    return report


def _logged(rules: dict) -> dict:
    return {name: str(value) if name in DECIMAL_RULES else value for name, value in rules.items()}


def _add_seats(committee: Committee, seats: dict[str, int]) -> int:
    added = []
    for category, count in seats.items():
        for number in range(1, count + 1):
            _, created = Seat.objects.get_or_create(
                committee=committee, category=category, number=number
            )
            if created:
                added.append(f"{category} {number}")
    if added:
        committee.log_action("assessments.committee.seats_added", data={"seats": added})
    return len(added)


ADMIN_MODELS = {
    "assessments": ("committee", "seat", "membership", "interest"),
    "accounts": ("organisation", "user"),
    "usecases": ("devicetype", "scdocument", "dnoarea", "bankholiday"),
    "notices": ("emailtemplate",),
}


def load_secretariat_group() -> None:
    """Give the secretariat the admin for reference data (not superuser: rules stay in force)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Secretariat")
    perms = Permission.objects.none()
    for app, models in ADMIN_MODELS.items():
        perms |= Permission.objects.filter(
            content_type__app_label=app, content_type__model__in=models
        )
    group.permissions.set(perms)
    for user in User.objects.filter(role=Role.SECRETARIAT):
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])


@transaction.atomic
def create_first_secretariat(
    *, email: str, full_name: str, organisation_name: str = ""
) -> tuple[User, bool]:
    """Create the secretariat account the first sign-in uses (no password: a link sets it).

    Returns (user, created). An existing account with the address is left as it is, and
    refused when it is not a secretariat account. Side effects: the Secretariat group with
    the admin for reference data; accounts.user.first_secretariat_created in the log.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    if not email or "@" not in email:
        raise SetupError("Enter the secretariat's e-mail address, such as secas@example.org")
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.role != Role.SECRETARIAT:
            raise SetupError(
                f"{email} already has an account as {existing.get_role_display()}: "
                "use another address, or change its role in the admin"
            )
        load_secretariat_group()
        return existing, False
    if not full_name.strip():
        raise SetupError("Enter the secretariat's full name (--secretariat-name)")
    organisation = None
    if organisation_name.strip():
        organisation, _ = Organisation.objects.get_or_create(
            name=organisation_name.strip(), defaults={"org_type": "SECRETARIAT"}
        )
    user = User.objects.create_user(
        email=email,
        password=None,
        full_name=full_name.strip(),
        role=Role.SECRETARIAT,
        organisation=organisation,
        organisation_verified=organisation is not None,
        email_confirmed_at=timezone.now(),
    )
    load_secretariat_group()
    log_event(
        "accounts.user.first_secretariat_created",
        data={"user": user.pk, "organisation": organisation.pk if organisation else None},
    )
    return user, True
