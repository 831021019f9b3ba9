import re

import pytest
from django.core import mail
from django.urls import reverse

from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_secretariat_creates_committee_account_and_owner_sets_password(
    client, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:committee-account-create"),
            {"full_name": "Mel Member", "email": "mel@example.com", "role": Role.SSC_MEMBER},
        )

    assert response.status_code == 302
    member = User.objects.get(email="mel@example.com")
    assert member.role == Role.SSC_MEMBER
    assert not member.has_usable_password()
    link = re.search(
        r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[-1].body
    ).group(1)
    client.logout()
    form = client.get(link, follow=True)
    set_url = form.redirect_chain[-1][0]
    client.post(
        set_url,
        {"new_password1": "committee-strong-pass-1", "new_password2": "committee-strong-pass-1"},
    )
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": "mel@example.com", "password": "committee-strong-pass-1"},
    )
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.parametrize("role", ["proposer", "member"])
def test_only_secretariat_may_create_committee_accounts(client, proposer, member, role):
    client.force_login({"proposer": proposer, "member": member}[role])

    response = client.post(
        reverse("accounts:committee-account-create"),
        {"full_name": "Sneaky", "email": "sneaky@example.com", "role": Role.SECRETARIAT},
    )

    assert response.status_code == 404
    assert not User.objects.filter(email="sneaky@example.com").exists()


def test_committee_account_form_errors(client, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("accounts:committee-account-create"), {"full_name": "", "email": "bad"}
    )

    assert "Enter their full name" in response.text
    assert "Enter an e-mail address in the correct format" in response.text
    assert "Select their role" in response.text
