from django.contrib.auth import views as auth_views
from django.urls import path

from triage_portal.accounts import api_token_views, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("sign-up/", views.sign_up, name="signup"),
    path("sign-up/check-your-email/", views.sign_up_done, name="signup-done"),
    path("confirm-email/<str:token>/", views.confirm_email, name="confirm-email"),
    path("profile/", views.profile, name="profile"),
    path("api-tokens/", api_token_views.token_create, name="api-token-create"),
    path("api-tokens/<int:pk>/revoke/", api_token_views.token_revoke, name="api-token-revoke"),
    path("two-factor/", two_factor_views.verify, name="two-factor-verify"),
    path("two-factor/set-up/", two_factor_views.setup, name="two-factor-setup"),
    path("two-factor/backup-codes/", two_factor_views.backup_codes, name="two-factor-backup-codes"),
    path("two-factor/turn-off/", two_factor_views.turn_off, name="two-factor-turn-off"),
    path(
        "committee-accounts/",
        views.CommitteeAccountCreateView.as_view(),
        name="committee-account-create",
    ),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_done, name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
]
