"""The home page: a landing page for visitors, the right list for each role."""

from django.shortcuts import redirect, render

from usecases.selectors import proposals_visible_to


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html")
    if request.user.is_committee:
        proposals = (
            proposals_visible_to(request.user)
            .exclude(state="DRAFT")
            .select_related("organisation")
            .order_by("-submitted_at", "-pk")[:50]
        )
        return render(request, "home_committee.html", {"proposals": proposals})
    return redirect("usecases:proposal-list")
