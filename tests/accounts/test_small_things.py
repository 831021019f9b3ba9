"""Signing out says so; sign-up offers only organisations that sign up; a password is never
sent back; a TABASC member is named as one."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.accounts.test_sign_up import SIGN_UP

pytestmark = pytest.mark.django_db


def test_signing_out_says_you_have_signed_out(client, proposer):
    client.force_login(proposer)

    response = client.post(reverse("accounts:logout"), follow=True)

    assert response.redirect_chain == [(reverse("accounts:signed-out"), 302)]
    assert '<h1 class="govuk-panel__title">You have signed out</h1>' in response.text
    assert "<title>You have signed out" in response.text


def test_sign_up_does_not_offer_the_secretariat_or_ncsc(client):
    page = client.get(reverse("accounts:signup")).text

    assert 'value="MANUFACTURER"' in page
    assert 'value="SECRETARIAT"' not in page
    assert 'value="NCSC"' not in page
    refused = client.post(reverse("accounts:signup"), {**SIGN_UP, "org_type": "SECRETARIAT"})
    assert "Select a valid choice. SECRETARIAT is not one of the available choices." in refused.text


def test_the_password_is_not_filled_in_again_after_an_error(client):
    response = client.post(reverse("accounts:signup"), {**SIGN_UP, "email": "not-an-address"})

    assert "Enter an e-mail address in the correct format" in response.text
    assert SIGN_UP["password"] not in response.text
    assert 'value="Pat Proposer"' in response.text


def test_a_member_who_sits_only_on_tabasc_is_named_a_tabasc_member():
    from django.core.management import call_command

    from triage_portal.accounts.models import User

    call_command("seed_demo", "--quiet")
    label = Template("{% load roles %}{{ person|role_label }}")

    def shown(email):
        return label.render(Context({"person": User.objects.get(email=email)}))

    assert shown("tabasc@demo.example.com") == "TABASC member"
    assert shown("member@demo.example.com") == "SSC member"
    assert shown("secretariat@demo.example.com") == "Secretariat"
