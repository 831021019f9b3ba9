"""Password-reset e-mails sent from a task, so a request takes as long for any address."""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.tasks import task


@task
def send_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    """E-mail a reset link to each active account with this address; nothing for others."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
            from_email=settings.DEFAULT_FROM_EMAIL,
        )
