"""Papers rendered one after another keep the thread's fonts, and come out the same."""

import io
import threading

from pypdf import PdfReader

from triage_portal.pdf import font_config, html_to_pdf

HTML = "<h1>Vanilla DNO Certificates</h1><p>Meter triage – an ümlaut, a € and a ✓.</p>"


def text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_thread_keeps_its_font_configuration_and_renders_the_same(monkeypatch):
    from weasyprint import HTML as WeasyHTML

    used = []
    render = WeasyHTML.render
    monkeypatch.setattr(
        WeasyHTML, "render", lambda self, **kw: used.append(kw["font_config"]) or render(self, **kw)
    )

    first, second = html_to_pdf(HTML), html_to_pdf(HTML)

    assert used[0] is used[1] is font_config()
    assert text(first) == text(second)
    assert "Vanilla DNO Certificates" in text(second) and "€" in text(second)


def test_each_thread_has_its_own():
    theirs = []
    worker = threading.Thread(target=lambda: theirs.append(font_config()))
    worker.start()
    worker.join()

    assert theirs[0] is not font_config()
    assert font_config() is font_config()
