"""A new SSC member sets up two-factor sign-in with an authenticator app, then uses it."""

from playwright.sync_api import expect

from tests.e2e.conftest import authenticator_code
from tests.factories.people import PASSWORD, UserFactory
from triage_portal.accounts.enums import Role


def test_member_sets_up_an_authenticator_then_signs_in_with_a_code(portal, page, db):
    member = UserFactory(role=Role.SSC_MEMBER, full_name="Mo Member", email="mo@example.com")

    portal.go("/accounts/sign-in/")
    page.fill("#id_username", member.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Sign in')")
    expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
    expect(page.locator("main svg")).to_be_visible()
    portal.shot("set-up")

    page.fill("#id_code", "000000")
    page.click("main button:has-text('Turn on two-factor sign-in')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the 6-digit code")
    page.wait_for_timeout(1200)  # a wrong code makes the next one wait a second
    page.fill("#id_code", authenticator_code(member.email))
    page.click("main button:has-text('Turn on two-factor sign-in')")
    expect(page.locator("h1")).to_have_text("Save your backup codes")
    expect(page.locator(".portal-backup-codes li")).to_have_count(10)
    portal.shot("backup-codes")
    page.click("main a:has-text('I have saved my backup codes')")
    portal.sign_out()

    portal.go("/accounts/sign-in/")
    page.fill("#id_username", member.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Sign in')")
    expect(page.locator("h1")).to_have_text("Enter your security code")
    portal.shot("code")
    page.fill("#id_code", authenticator_code(member.email))
    page.click("main button:has-text('Continue')")
    expect(page.locator("header")).to_contain_text("Sign out")
    portal.go("/accounts/profile/")
    expect(page.locator("#two-factor + p")).to_contain_text("10 unused backup codes")
    portal.shot("profile")
