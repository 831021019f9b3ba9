"""The one query that tells whether a stored page may still be shown, for perf.page_cache.

It reads, in a single round trip:
- the change stamp, which every write to a watched table moves (triggers.py);
- the browser's session row, only while it is unexpired and its idle expiry is not yet due for
  renewal (a request that would renew it goes the whole way through the middleware);
- the signed-in user's password hash, only while the user is active;
- the second-factor device the session was verified with, only while it is still confirmed and
  still the user's.
A missing row comes back as NULL, and a stored page is shown only when every value is what it
was when the page was rendered.
"""

import datetime
import functools
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from triage_portal.perf.models import ChangeStamp
from triage_portal.sessions import RENEW_AFTER


@dataclass(frozen=True)
class Viewer:
    session_key: str
    user_id: int
    device: tuple[str, int] | None  # (model label, pk) of the verified second factor


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _subquery(expression: str, model, where: str) -> str:
    """One lookup: the names in it come from the models, and every value is a parameter."""
    return f"(SELECT {expression} FROM {_table(model)} WHERE {where})"  # noqa: S608  # nosec B608


@functools.cache
def _sql(vendor: str, device: str | None, viewer: bool) -> str:
    """The query's text for one shape of page and viewer (built once per process).

    `vendor` is only part of the cache's key: names are quoted the way that database quotes them.
    """
    columns = []
    if viewer:
        user = get_user_model()
        columns += [
            _subquery(
                _q("session_data"),
                Session,
                f"{_q('session_key')} = %s AND {_q('expire_date')} > %s",
            ),
            _subquery(
                _q("password"), user, f"{_q(user._meta.pk.column)} = %s AND {_q('is_active')}"
            ),
        ]
    if device:
        model = apps.get_model(device)
        owner = _q(model._meta.get_field("user").column)
        where = f"{_q(model._meta.pk.column)} = %s AND {owner} = %s AND {_q('confirmed')}"
        columns.append(_subquery("1", model, where))
    select = ", ".join([_q("epoch"), _q("value"), *columns])
    return f"SELECT {select} FROM {_table(ChangeStamp)} WHERE {_q('id')} = 1"  # noqa: S608  # nosec B608


def _params(viewer: Viewer | None) -> list:
    params = []
    if viewer is not None:
        renew_by = (
            timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE) - RENEW_AFTER
        )
        params += [
            viewer.session_key,
            connection.ops.adapt_datetimefield_value(renew_by),
            viewer.user_id,
        ]
        if viewer.device:
            params += [viewer.device[1], viewer.user_id]
    return params


def read(viewer: Viewer | None = None) -> tuple | None:
    """Return (epoch, change stamp[, session data, password[, device]]), or None."""
    sql = _sql(
        connection.vendor,
        viewer.device[0] if viewer and viewer.device else None,
        viewer is not None,
    )
    params = _params(viewer)
    if viewer is not None and connection.vendor == "postgresql":
        return _read_prepared(sql, params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _read_prepared(sql: str, params: list) -> tuple | None:
    """Run the check as a statement prepared once per connection, before anything else.

    Planning the five lookups costs more than running them, and Django's cursors bind
    parameters on the client, so cannot prepare. The check is the request's first use of the
    connection, and doubles as its health check: if the connection has gone, it is closed and
    the request goes the whole way through, where Django connects afresh.
    """
    import psycopg

    connection.ensure_connection()
    try:
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()
    except (psycopg.OperationalError, psycopg.InterfaceError):
        connection.close()
        return None
