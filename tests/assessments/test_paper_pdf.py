"""The seed paper TABASC_45_1508_14 comes out of the portal as the same document."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from assessments.models import Paper
from assessments.papers.render import render_paper

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_TABASC_45_1508_14.txt"
ARTIFACTS = Path("test-results/pdf")
# Lines of the seed that are not sentences of the paper: link targets of the original Word
# file, its page furniture, and the real people's contact details (fictional in the portal).
NOT_SENTENCES = re.compile(
    r"^(https?://\S+|\[e-mail link removed\]|.*\[(contact number|e-mail) removed\].*|Page \d of \d"
    r"|This document has a Classification|of White|TABASC_45_1508_14 – Use Case for|Device Refurbishment)$"
)


def normalise(text: str) -> str:
    return " ".join(text.replace("•", " ").split())


def pdf_text(data: bytes) -> str:
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        # A line that ends in a word's own hyphen ("re-" / "use") joins up again.
        text = normalise(page.extract_text().replace("-\n", "-"))
        text = re.sub(
            r"TABASC_45_1508_14 – Use Case for Device Refurbishment This document has a Classification of White WHITE "
            r"TABASC_45_1508_14 · For Decision Page \d+ of \d+ WHITE$",
            "",
            text,
        )
        pages.append(text)
    return normalise(" ".join(pages))


@pytest.fixture
def seed_paper():
    call_command("seed_demo", "--quiet")
    return Paper.objects.get(reference="TABASC_45_1508_14")


def test_every_sentence_of_the_seed_is_in_the_pdf(seed_paper):
    data = render_paper(seed_paper)
    text = pdf_text(data)

    missing = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = normalise(line)
        if line and not NOT_SENTENCES.match(line) and line not in text:
            missing.append(line)
    assert missing == []


def test_markings_and_page_numbers_on_every_page(seed_paper):
    reader = PdfReader(io.BytesIO(render_paper(seed_paper)))
    total = len(reader.pages)

    assert total == 5
    for number, page in enumerate(reader.pages, start=1):
        text = normalise(page.extract_text())
        assert text.endswith(f"TABASC_45_1508_14 · For Decision Page {number} of {total} WHITE")
        assert "This document has a Classification of White WHITE" in text
    assert reader.metadata.title == "TABASC_45_1508_14 – Use Case for Device Refurbishment"
    assert reader.metadata.subject == "TABASC_45_1508_14"
    assert reader.metadata.author == "Gordon Hextall"


def test_contact_details_are_the_fictional_ones(seed_paper):
    text = pdf_text(render_paper(seed_paper))

    assert "david.lyons@example.com" in text and "01632 960 001" in text
    assert "eonenergy.com" not in text and "07970" not in text


def test_same_inputs_give_the_same_text(seed_paper):
    first = pdf_text(render_paper(seed_paper))
    second = pdf_text(render_paper(Paper.objects.get(pk=seed_paper.pk)))

    assert first == second


def test_first_page_is_saved_as_png(seed_paper, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "TABASC_45_1508_14.pdf"
    pdf.write_bytes(render_paper(seed_paper))
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is installed by scripts/test")
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(ARTIFACTS / "page")], check=True)  # noqa: S603, S607 -- fixed tool

    pngs = sorted(ARTIFACTS.glob("page-*.png"))
    assert len(pngs) == 5
    assert pngs[0].stat().st_size > 10_000


def test_the_paper_is_a_tagged_accessible_pdf(seed_paper, tmp_path):
    data = render_paper(seed_paper)
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root  # tagged: headings, paragraphs, lists, tables
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "TABASC_45_1508_14 – Use Case for Device Refurbishment"

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))
    assert "1. Purpose" in bookmarks and "3. Recommendation" in bookmarks
    assert any(title.startswith("Annex 1") for title in bookmarks)
    if shutil.which("pdfinfo"):
        path = tmp_path / "paper.pdf"
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
        assert re.search(r"^PDF version:\s+1\.7$", info.stdout, re.M)


def test_process_diagram_prints_its_states_as_text_on_the_first_page(seed_paper):
    first_page = normalise(PdfReader(io.BytesIO(render_paper(seed_paper))).pages[0].extract_text())

    for label in ("Draft", "Submitted", "Initial consideration", "Awaiting NCSC publication"):
        assert label in first_page
    assert "request clarification" in first_page  # an action on an arrow


def first_page_png(data: bytes, directory: Path, name: str):
    from PIL import Image

    pdf = directory / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(  # noqa: S603, S607 -- fixed tool
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(directory / name)],
        check=True,
    )
    return Image.open(next(directory.glob(f"{name}*.png"))).convert("L")


def test_the_diagram_drawn_once_looks_as_if_laid_out_in_the_paper(
    seed_paper, tmp_path, monkeypatch
):
    from PIL import ImageChops

    from usecases.presentation import diagram_print

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is installed by scripts/test")
    placed = render_paper(seed_paper)
    monkeypatch.setattr(
        "assessments.papers.render.state_diagram_for_print",
        lambda anchor: diagram_print.print_diagram().html,
    )
    monkeypatch.setattr("assessments.papers.render.diagram_forms", dict)
    laid_out = render_paper(seed_paper)

    difference = ImageChops.difference(
        first_page_png(placed, tmp_path, "placed"), first_page_png(laid_out, tmp_path, "laid-out")
    )
    assert sum(difference.point(lambda value: 255 if value > 40 else 0).histogram()[255:]) < 20
    assert re.search(
        rb"/Artifact BMC q\s+1 0 0 1 [\d.]+ [\d.]+ cm\s+/PortalForm0 Do\s+Q\s+EMC",
        PdfReader(io.BytesIO(placed)).pages[0].get_contents().get_data(),
    )


def test_the_placeholder_is_the_figure_with_the_diagrams_description(seed_paper):
    reader = PdfReader(io.BytesIO(render_paper(seed_paper)))

    def elements(node):
        node = node.get_object()
        if isinstance(node, dict):
            yield node
            kids = node.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                yield from elements(kid)

    figures = [
        e for e in elements(reader.trailer["/Root"]["/StructTreeRoot"]) if e.get("/S") == "/Figure"
    ]
    assert [str(figure.get("/Alt")) for figure in figures] == [
        "The SSC process: states of a proposal and the actions between them"
    ]
