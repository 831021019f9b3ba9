"""Browser tests in Debian's Chromium (never a downloaded browser), against Django's live server."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "test-results/screenshots"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


def authenticator_code(email: str) -> str:
    """What the user's authenticator app shows now, never a code already used."""
    import time

    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__email=email).order_by("-pk").first()
    now = int((time.time() - device.t0) // device.step)
    target = max(now, (device.last_t or -1) + 1)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, target - now):06d}"


@pytest.fixture
def portal(live_server, settings, page, request):
    """Point e-mailed links at the live server and give the test a screenshot helper."""
    settings.PORTAL_BASE_URL = live_server.url
    settings.PORTAL_REQUIRE_2FA = True  # committee roles go through set-up or a code, as for real
    folder = SCREENSHOTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    class Portal:
        url = live_server.url

        def go(self, path: str):
            page.goto(live_server.url + path)

        def shot(self, name: str):
            counter["n"] += 1
            page.screenshot(path=str(folder / f"{counter['n']:02d}-{name}.png"), full_page=True)

        def sign_in(self, email: str, password: str):
            """Sign in, completing two-factor set-up or a code from the "phone" when asked."""
            page.goto(live_server.url + "/accounts/sign-in/")
            page.fill("#id_username", email)
            page.fill("#id_password", password)
            page.click("main button:has-text('Sign in')")
            page.wait_for_load_state()
            if "/accounts/two-factor/set-up/" in page.url:
                page.fill("#id_code", authenticator_code(email))
                page.click("main button:has-text('Turn on two-factor sign-in')")
                page.click("main a:has-text('I have saved my backup codes')")
            elif "/accounts/two-factor/" in page.url:
                page.fill("#id_code", authenticator_code(email))
                page.click("main button:has-text('Continue')")
            page.wait_for_load_state()

        def sign_out(self):
            if not page.locator("header button:has-text('Sign out')").count():
                page.goto(live_server.url + "/")  # e.g. from the admin, which has its own header
            page.click("header button:has-text('Sign out')")

        def link_in_last_email(self, pattern: str) -> str:
            text = mail.outbox[-1].body
            return re.search(pattern, text).group(0)

    return Portal()
