"""Pages of long lists, with the count of the whole list kept until the next change.

A paged list counts what the reader may see before it shows a page of it. For a member the API's
papers run the whole visibility policy over every paper of ten years to count them (30 ms at
the benchmark's default scale), and the count only moves when something is written, which moves
the change stamp; so it is kept, as the queue's is, until the stamp moves (triage_portal/perf).
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from triage_portal.perf.stamp import kept_count


class KeptCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return Paginator.count.func(self)
        return kept_count("list_count", rows)


class KeptCountPagination(PageNumberPagination):
    django_paginator_class = KeptCountPaginator
