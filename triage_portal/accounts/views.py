"""Sign-up, sign-in, profile and committee accounts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import View
from django.views.decorators.http import require_http_methods

from triage_portal import ratelimit
from triage_portal.accounts import services, two_factor
from triage_portal.accounts.forms import CommitteeAccountForm, LoginForm, ProfileForm, SignUpForm
from triage_portal.accounts.models import Organisation, User
from triage_portal.accounts.password_reset import send_password_reset
from triage_portal.accounts.profile_sections import sections_for


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def sign_in_address(request, credentials) -> str:
    """The address django-axes counts failures against: as typed, in any letter case."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(typed).strip().lower()[:254]


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows once an e-mail address is locked out: plain words and a way on."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": minutes, "secretariat_email": settings.SECRETARIAT_EMAIL},
        status=429,
    )


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not ratelimit.allow(
        "signup", ratelimit.client_address(request)
    ):
        form.is_valid()  # keep what was typed, with its own messages, beside the refusal
        form.add_error(None, ratelimit.refusal("signup"))
        return render(request, "accounts/signup.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        services.sign_up_or_notify(**form.cleaned_data)
        request.session["signed_up_email"] = form.cleaned_data["email"]
        return redirect("accounts:signup-done")
    return render(request, "accounts/signup.html", {"form": form})


def signed_out(request):
    return render(request, "accounts/signed_out.html")


def sign_up_done(request):
    return render(
        request, "accounts/signup_done.html", {"email": request.session.get("signed_up_email", "")}
    )


def confirm_email(request, token: str):
    try:
        services.confirm_email(token=token)
    except services.AccountError as error:
        return render(request, "accounts/confirm_failed.html", {"message": str(error)}, status=400)
    messages.success(request, "Your e-mail address is confirmed. Sign in to continue.")
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial={"full_name": user.full_name, "phone": user.phone, "job_title": user.job_title},
    )
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=user, **form.cleaned_data)
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "two_factor_on": two_factor.has_two_factor(user),
            "two_factor_required": two_factor.must_use_two_factor(user),
            "backup_codes_left": two_factor.backup_codes_left(user),
            "sections": sections_for(user),
            "api_tokens": user.api_tokens.filter(revoked_at=None),
        },
    )


class CommitteeAccountCreateView(PermissionRequiredMixin, View):
    permission_required = "accounts.create_committee_account"

    def handle_no_permission(self):
        # Signed-in people without the permission see "not found", never a hint the page exists.
        if self.request.user.is_authenticated:
            raise Http404
        return super().handle_no_permission()

    def get(self, request):
        return self._page(request, CommitteeAccountForm())

    def post(self, request):
        form = CommitteeAccountForm(request.POST)
        if form.is_valid():
            try:
                user = services.create_committee_account(actor=request.user, **form.cleaned_data)
            except services.AccountError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"Account created for {user.full_name}. They have been e-mailed a link to set their password.",
                )
                return redirect("accounts:committee-account-create")
        return self._page(request, form)

    def _page(self, request, form):
        committee = (
            User.objects.exclude(role="PROPOSER")
            .select_related("organisation")
            .order_by("role", "full_name")
        )
        return render(
            request,
            "accounts/committee_accounts.html",
            {"form": form, "committee": committee, "organisations": Organisation.objects.count()},
        )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, limited per address and per e-mail so it cannot be used to spam people."""

    def form_valid(self, form):
        if not ratelimit.allow(
            "password_reset",
            ratelimit.client_address(self.request),
            form.cleaned_data.get("email", ""),
        ):
            form.add_error(None, ratelimit.refusal("password_reset"))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        # The same work for every address, known or not: the look-up and the e-mail happen in
        # the task, so the time taken does not tell who has an account.
        send_password_reset.enqueue(
            email=form.cleaned_data["email"],
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        return redirect(self.get_success_url())


password_reset = PasswordResetView.as_view(
    template_name="registration/password_reset_form.html",
    email_template_name="registration/password_reset_email.txt",
    subject_template_name="registration/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password-reset-done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="registration/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)
