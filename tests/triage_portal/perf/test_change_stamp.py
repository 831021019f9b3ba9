"""Every write to every watched model's table moves the change stamp, by a database trigger.

The test introspects every model Django knows (apps.get_models, join tables included), makes a
row of each, then updates and deletes it, and checks the stamp moved at each step; a model is left
out only if it is listed in NOT_WATCHED with the reason.
"""

import datetime
import decimal
import itertools
import uuid

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from triage_portal.perf.stamp import read_value as read_stamp
from triage_portal.perf.triggers import NOT_WATCHED, watched_models

pytestmark = pytest.mark.django_db

# Tables that refuse a change or a removal of a row on purpose (an append-only trigger).
APPEND_ONLY = {"audit.ActivityLog"}
# Values a made-up row needs to pass the model's own check constraints.
OVERRIDES = {
    "usecases.SupportingParty": {"verification": "ADDRESS"},
    "assessments.Vote": {"struck_reason": ""},
    "assessments.ConflictDeclaration": {
        "ballot": lambda: make(apps.get_model("assessments.Ballot"))
    },
}
numbers = itertools.count(1)


def _value(field: models.Field):
    n = next(numbers)
    if field.choices:
        return field.flatchoices[0][0]
    if isinstance(field, models.EmailField):
        return f"stamp{n}@example.com"
    if isinstance(field, models.FileField):
        return f"stamp/{n}.txt"
    if isinstance(field, models.GenericIPAddressField):
        return "127.0.0.1"
    if isinstance(field, models.CharField | models.TextField | models.SlugField):
        return f"s{n}"[: field.max_length or 20]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(1)
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date(2030, 1, 1) + datetime.timedelta(days=n)
    if isinstance(field, models.DurationField):
        return datetime.timedelta(seconds=n)
    if isinstance(field, models.TimeField):
        return datetime.time(9, 0)
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.BinaryField):
        return b"x"
    if isinstance(field, models.IntegerField | models.FloatField):
        return n
    raise AssertionError(f"No value for {field!r}: teach the test one")


def make(model: type[models.Model], fresh: bool = False) -> models.Model:
    """Return a saved row of the model (an existing one unless `fresh`), its own values made up."""
    if not fresh:
        existing = model._base_manager.order_by("pk").first()
        if existing is not None:
            return existing
    values = {
        name: value() if callable(value) else value
        for name, value in OVERRIDES.get(model._meta.label, {}).items()
    }
    for field in model._meta.concrete_fields:
        if field.name in values:
            continue
        if field.primary_key and field.auto_created or field.has_default() or field.null:
            continue
        if isinstance(field, models.AutoField | models.BigAutoField):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.is_relation:
            values[field.name] = make(field.related_model)
        else:
            values[field.name] = _value(field)
    row = model(**values)
    model._base_manager.bulk_create([row])  # no save() of its own: the table's write alone
    if row.pk is None:
        row = model._base_manager.order_by("-pk").first()
    return row


def _changeable_field(model) -> str:
    for field in model._meta.concrete_fields:
        if not field.primary_key:
            return field.attname
    raise AssertionError(f"{model._meta.label} has nothing to change")


@pytest.mark.parametrize("model", watched_models(), ids=lambda m: m._meta.label)
def test_a_write_to_the_model_moves_the_stamp(model):
    with transaction.atomic():
        # Rows it points to first: they are writes of their own.
        for field in model._meta.concrete_fields:
            if field.is_relation:
                make(field.related_model)
        before = read_stamp()
        row = make(model, fresh=True)
        assert read_stamp() > before, f"inserting into {model._meta.db_table}"

        if model._meta.label in APPEND_ONLY:
            return
        before = read_stamp()
        name = _changeable_field(model)
        model._base_manager.filter(pk=row.pk).update(**{name: F(name)})
        assert read_stamp() > before, f"updating {model._meta.db_table}"

        before = read_stamp()
        model._base_manager.filter(pk=row.pk).delete()
        assert read_stamp() > before, f"deleting from {model._meta.db_table}"


def test_every_model_is_watched_or_listed_with_a_reason():
    labels = {m._meta.label for m in apps.get_models(include_auto_created=True)}
    watched = {m._meta.label for m in watched_models()}

    assert set(NOT_WATCHED) <= labels, set(NOT_WATCHED) - labels  # no stale entries
    assert labels - watched == set(NOT_WATCHED)
    assert all(reason.strip() for reason in NOT_WATCHED.values())
    # What decides who may see what is watched.
    for label in (
        "accounts.User",
        "assessments.Seat",
        "assessments.Membership",
        "assessments.Committee",
        "usecases.Submission",
        "usecases.SupportingParty",
    ):
        assert label in watched


def test_a_write_that_is_rolled_back_leaves_the_stamp_where_it_was():
    before = read_stamp()
    with pytest.raises(RuntimeError), transaction.atomic():
        make(apps.get_model("usecases", "BankHoliday"), fresh=True)
        assert read_stamp() == before + 1
        raise RuntimeError("roll back")

    assert read_stamp() == before


def test_a_write_in_raw_sql_moves_the_stamp():
    before = read_stamp()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE usecases_bankholiday SET name = name")  # no row: no change
        cursor.execute(
            "INSERT INTO usecases_bankholiday (date, name) VALUES ('2031-12-25', 'Christmas Day')"
        )

    assert read_stamp() > before
