"""The calendar feed (no sign-in: the signed address is the key) and making a new address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from assessments import calendar


@require_GET
def calendar_feed(request, token: str):
    person = calendar.person_for(token)
    if person is None:
        raise Http404
    response = HttpResponse(calendar.feed(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ssc-meetings.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_POST
def calendar_new_address(request):
    if not request.user.is_committee:
        raise Http404
    calendar.new_feed_address(request.user)
    messages.success(request, "Your calendar has a new address. The old address no longer works.")
    return redirect("accounts:profile")
