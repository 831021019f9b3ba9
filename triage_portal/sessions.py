"""Database sessions that renew their idle expiry at most once a minute.

Sessions end after SESSION_COOKIE_AGE without a request, so every request renews the expiry
(SESSION_SAVE_EVERY_REQUEST). Django's database store does that with a write on every page
view: a transaction and a disk flush per request, which serialises concurrent readers on
SQLite and costs a commit on PostgreSQL. This store skips the write while the stored expiry is
less than RENEW_AFTER old and nothing in the session changed, so the idle timeout is kept to
within a minute and a page view that changes nothing writes nothing.
"""

import datetime

from django.contrib.sessions.backends import db

RENEW_AFTER = datetime.timedelta(seconds=60)


class SessionStore(db.SessionStore):
    stored_expiry: datetime.datetime | None = None
    stored_data: str | None = None  # as read from the row (the page cache compares it)

    def load(self):
        session = self._get_session_from_db()
        self.stored_expiry = session.expire_date if session else None
        self.stored_data = session.session_data if session else None
        return self.decode(session.session_data) if session else {}

    def create_model_instance(self, data):
        row = super().create_model_instance(data)
        self.stored_data = row.session_data
        return row

    def save(self, must_create=False):
        """Write the session unless only its expiry would move, and by less than a minute."""
        if (
            not must_create
            and not self.modified
            and self.stored_expiry is not None
            and self.get_expiry_date() - self.stored_expiry < RENEW_AFTER
        ):
            return
        super().save(must_create=must_create)
        self.stored_expiry = self.get_expiry_date()
