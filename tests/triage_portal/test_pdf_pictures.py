"""A one-page PDF made once is drawn at the top left corner of its elements, through pikepdf."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from triage_portal.pdf import form_name, html_to_pdf

# A 60 mm by 30 mm picture: a black box with a word in it.
PICTURE = (
    '<html lang="en"><head><style>@page { size: 60mm 30mm; margin: 0 }'
    " body { margin: 0 } div { width: 60mm; height: 30mm; background: black; color: white }"
    "</style></head><body><div>Pictured</div></body></html>"
)
# Two placeholders of the picture's size, 40 mm from the left and 50 mm from the top of
# their pages (A4, no margins), one on each page.
PAPER = (
    '<html lang="en"><head><style>@page { size: A4; margin: 0 } body { margin: 0 }'
    " .spot { margin: 50mm 0 0 40mm; width: 60mm; height: 30mm }"
    " .next { break-before: page }</style></head><body>"
    '<div class="spot" id="pdfform-box-1"></div>'
    '<div class="spot next" id="pdfform-box-2"></div></body></html>'
)
MM = 72 / 25.4
PLAIN = "print/diagram.css"  # no running headers or page numbers


def test_form_name_is_read_from_the_anchor():
    assert form_name("pdfform-process-diagram-12") == "process-diagram"
    assert form_name("attpage-3-0") is None


def test_a_picture_is_drawn_once_as_an_artifact_at_each_of_its_elements():
    picture = html_to_pdf(PICTURE, stylesheet=PLAIN, tagged=False)

    reader = PdfReader(io.BytesIO(html_to_pdf(PAPER, stylesheet=PLAIN, forms={"box": picture})))

    drawings = [page.get_contents().get_data() for page in reader.pages]
    forms = {page["/Resources"]["/XObject"].raw_get("/PortalForm0").idnum for page in reader.pages}
    assert len(forms) == 1
    for drawing in drawings:
        placed = re.search(
            rb"/Artifact BMC q\s+1 0 0 1 ([\d.]+) ([\d.]+) cm\s+/PortalForm0 Do\s+Q\s+EMC", drawing
        )
        assert placed is not None
        left, bottom = float(placed[1]), float(placed[2])
        assert left == pytest.approx(40 * MM, abs=0.01)
        assert bottom == pytest.approx((297 - 50 - 30) * MM, abs=0.01)
    assert [page.extract_text() for page in reader.pages] == ["Pictured", "Pictured"]


def test_the_picture_covers_its_element_when_printed(tmp_path):
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is installed by scripts/test")
    path = tmp_path / "paper.pdf"
    picture = html_to_pdf(PICTURE, stylesheet=PLAIN, tagged=False)
    path.write_bytes(html_to_pdf(PAPER, stylesheet=PLAIN, forms={"box": picture}))
    subprocess.run(  # noqa: S603, S607 -- fixed tool
        ["pdftoppm", "-r", "25.4", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p")],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")

    # One pixel a millimetre: inside the box black, just outside it white.
    assert page.getpixel((45, 55)) < 60 and page.getpixel((95, 75)) < 60
    assert page.getpixel((37, 65)) > 200 and page.getpixel((103, 65)) > 200
    assert page.getpixel((70, 47)) > 200 and page.getpixel((70, 83)) > 200
