"""What WeasyPrint may load while it renders a PDF: data: URLs and the portal's own files only."""

import pytest
from django.conf import settings

from triage_portal.pdf import html_to_pdf, local_fetcher


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "https://example.com/a.png", "ftp://x/y"],
)
def test_network_urls_are_refused(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        local_fetcher().fetch(url)


def test_files_outside_the_portal_are_refused():
    with pytest.raises(ValueError, match="own files only"):
        local_fetcher().fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="own files only"):
        local_fetcher().fetch(f"file://{settings.BASE_DIR}/../../etc/passwd")


def test_the_portals_own_files_and_data_urls_load():
    stylesheet = settings.BASE_DIR / "static" / "print" / "paper.css"

    for url, expected in ((stylesheet.as_uri(), b"@page"), ("data:text/plain,hello", b"hello")):
        response = local_fetcher().fetch(url)
        assert expected in response.read()
        response.close()


def test_a_remote_image_in_a_paper_is_left_out_not_fetched(caplog):
    pdf = html_to_pdf('<p>Before</p><img src="http://192.0.2.1/tracker.png" alt=""><p>After</p>')

    assert pdf.startswith(b"%PDF")
    assert any("disallowed protocol" in record.getMessage() for record in caplog.records)
