"""The home page: a landing page for visitors and a page of their own for each role."""

from django.shortcuts import redirect, render

from assessments.dashboards import member_home, upcoming_meetings
from triage_portal.accounts.enums import Role
from usecases.selectors.dashboard import age_chart, attention, pipeline_chart
from usecases.selectors.proposals import proposals_visible_to


def home(request):
    user = request.user
    if not user.is_authenticated:
        return render(request, "home.html")
    if user.role == Role.SECRETARIAT:
        return render(
            request,
            "home_secretariat.html",
            {
                "pipeline": pipeline_chart(user),
                "ages": age_chart(user),
                "attention": attention(user),
                "meetings": upcoming_meetings(user),
            },
        )
    if user.is_committee:
        recent = (
            proposals_visible_to(user)
            .exclude(state="DRAFT")
            .select_related("organisation")
            .order_by("-submitted_at", "-pk")[:10]
        )
        return render(request, "home_committee.html", {**member_home(user), "proposals": recent})
    return redirect("usecases:proposal-list")
