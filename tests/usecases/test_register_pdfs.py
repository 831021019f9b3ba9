"""Public register PDFs: rendered once per content, and rate-limited per client address."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from triage_portal.accounts.models import RateLimitHit

pytestmark = pytest.mark.django_db

URL = "/proposals/registers/sc-documents/?format=pdf"


@pytest.fixture(autouse=True)
def _empty_page_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_a_register_pdf_is_rendered_once_for_the_same_content(client, settings, monkeypatch):
    from usecases.views import registers

    renders = []
    real = registers.html_to_pdf
    monkeypatch.setattr(registers, "html_to_pdf", lambda html: renders.append(html) or real(html))

    first = client.get(URL)
    second = client.get(URL)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.content.startswith(b"%PDF-")
    assert len(renders) == 1


def test_a_changed_register_is_rendered_afresh(client, monkeypatch):
    from usecases.models import SCDocument
    from usecases.views import registers

    renders = []
    real = registers.html_to_pdf
    monkeypatch.setattr(registers, "html_to_pdf", lambda html: renders.append(html) or real(html))
    client.get(URL)
    SCDocument.objects.create(title="CPA Security Characteristic – Test Document", version="9.9")

    client.get(URL)

    assert len(renders) == 2
    assert "Test Document" in renders[1]


def test_register_pdfs_are_rate_limited_per_address(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_pdf": "2/h"}

    answers = [client.get(URL).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    refused = client.get(URL)
    assert "Too many downloads" in refused.text
    assert RateLimitHit.objects.filter(scope="register_pdf").count() == 2
    assert client.get(reverse("usecases:register-sc-documents")).status_code == 200
