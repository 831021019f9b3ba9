"""Where a page's time goes: the template engine, SQL, and the rest of Python.

The bench's settings (bench/settings.py) name `TimedTemplates` as the template backend: Django's
own backend, whose templates note how long their outermost render took. SQL is timed by a
database execute wrapper (`connection.execute_wrapper`). SQL run while a template renders (a
queryset evaluated in a loop) counts as SQL, not as template time.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.template.backends.django import DjangoTemplates, Template


@dataclass
class Clock:
    """Seconds spent in templates (outermost renders only) and in SQL since the last reset."""

    template: float = 0.0
    sql: float = 0.0
    sql_in_template: float = 0.0
    queries: int = 0
    depth: int = 0

    def reset(self) -> None:
        self.template = self.sql = self.sql_in_template = 0.0
        self.queries = self.depth = 0

    def __call__(self, execute, sql, params, many, context):
        """Time one statement (a database execute wrapper)."""
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - start
            self.queries += 1
            self.sql += spent
            if self.depth:
                self.sql_in_template += spent

    @contextmanager
    def rendering(self):
        self.depth += 1
        start = time.perf_counter()
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth:
                self.template += time.perf_counter() - start

    @contextmanager
    def request(self):
        """Reset, then time the SQL of what runs inside."""
        self.reset()
        with connection.execute_wrapper(self):
            yield


CLOCK = Clock()


class TimedTemplate(Template):
    """Django's template, its render timed on the bench's clock."""

    def render(self, context=None, request=None):
        with CLOCK.rendering():
            return super().render(context, request)


class TimedTemplates(DjangoTemplates):
    """Django's template backend, handing out timed templates."""

    def from_string(self, template_code):
        return TimedTemplate(super().from_string(template_code).template, self)

    def get_template(self, template_name):
        return TimedTemplate(super().get_template(template_name).template, self)
