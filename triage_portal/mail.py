"""Send e-mail through Django's backend, queued on Django's tasks framework.

Messages are rendered when they are queued, so the task carries only plain strings, and a
broken mail server fails the task, never the action that queued it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string


@task
def deliver_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text e-mail; return the number sent."""
    return EmailMessage(
        subject=subject, body=body, to=to, from_email=settings.DEFAULT_FROM_EMAIL
    ).send()


def queue_email(*, template: str, to: list[str], context: dict) -> None:
    """Render templates/email/<template>.txt (first line is the subject) and queue it."""
    text = render_to_string(
        f"email/{template}.txt", {"base_url": settings.PORTAL_BASE_URL, **context}
    )
    subject, _, body = text.strip().partition("\n")
    deliver_email.enqueue(subject=subject.strip(), body=body.strip() + "\n", to=to)
