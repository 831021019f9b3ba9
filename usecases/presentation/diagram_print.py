"""The process diagram for print: drawn once a process as a PDF page, which papers draw in place.

The page has the shapes as an SVG image and the labels as positioned HTML text (WeasyPrint
lays out SVG text one letter at a time, a Pango layout for each character); its text can be
searched and copied. Laying out those 51 labels and 200 shapes took a third of a paper's
render, the same work for every paper, so a paper now holds a placeholder of the diagram's
size, tagged as a figure with its description, and the page made once is drawn over it as a
Form XObject, an artifact, with pikepdf (`html_to_pdf`'s `forms`). Without Graphviz, papers
print the list of transitions instead.
"""

import base64
import functools
import html
import re
from dataclasses import dataclass

from django.template.loader import render_to_string

from triage_portal.pdf import html_to_pdf
from usecases.presentation.diagram import state_diagram_svg

FORM_NAME = "process-diagram"

LABEL = re.compile(
    r'<text text-anchor="middle" x="(?P<x>[-\d.]+)" y="(?P<y>[-\d.]+)"[^>]*?'
    r'font-size="(?P<size>[\d.]+)"(?: fill="(?P<fill>[^"]+)")?>(?P<text>[^<]*)</text>'
)
VIEW_BOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')
TRANSLATE = re.compile(r'<g id="graph0"[^>]*translate\(([-\d.]+) ([-\d.]+)\)')
TITLE = re.compile(r'<title id="process-diagram-title">([^<]*)</title>')

# Where the first line's baseline sits below the top of a line box of line-height 1, as a
# share of the font size (DejaVu Sans, the papers' font): SVG places text by its baseline.
BASELINE = 0.85
# A label is centred in a box this many diagram units wide; wider than the longest label.
LABEL_BOX = 300


EMPTY_SVG = base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'
).decode()


@dataclass(frozen=True)
class Label:
    """A label of the diagram, placed in millimetres from the diagram's top left."""

    left_mm: float
    top_mm: float
    width_mm: float
    size_mm: float
    colour: str
    text: str


@dataclass(frozen=True)
class PrintDiagram:
    """The diagram laid out for print: its size, description, shapes (base64 SVG) and labels."""

    width_mm: float
    height_mm: float
    description: str
    shapes: str
    labels: tuple[Label, ...]

    @property
    def html(self) -> str:
        """The diagram as laid out in a paper: the shapes with the labels over them."""
        return render_to_string(
            "pdf/diagram/box.html",
            {"diagram": self, "shapes": self.shapes, "labels": self.labels},
        )


@functools.lru_cache(maxsize=4)
def print_diagram(width_mm: float = 170.0) -> PrintDiagram | None:
    """Return the diagram, `width_mm` wide, laid out for WeasyPrint (None if dot is missing)."""
    svg = state_diagram_svg(None)
    view_box, translate = VIEW_BOX.search(svg), TRANSLATE.search(svg)
    if view_box is None or translate is None:
        return None
    left, top, width, height = (float(n) for n in view_box.groups())
    shift_x, shift_y = (float(n) for n in translate.groups())
    scale = width_mm / width
    labels = []
    for match in LABEL.finditer(svg):
        size = float(match["size"])
        x = float(match["x"]) + shift_x - left
        baseline = float(match["y"]) + shift_y - top
        labels.append(
            Label(
                left_mm=(x - LABEL_BOX / 2) * scale,
                top_mm=(baseline - BASELINE * size) * scale,
                width_mm=LABEL_BOX * scale,
                size_mm=size * scale,
                colour=match["fill"] or "",
                text=html.unescape(match["text"]),
            )
        )
    title = TITLE.search(svg)
    return PrintDiagram(
        width_mm,
        height * scale,
        html.unescape(title[1]) if title else "",
        base64.b64encode(LABEL.sub("", svg).encode()).decode(),
        tuple(labels),
    )


@functools.lru_cache(maxsize=4)
def diagram_page(width_mm: float = 170.0) -> bytes | None:
    """Return the labelled diagram as a one-page PDF of its own size (None without Graphviz)."""
    diagram = print_diagram(width_mm)
    if diagram is None:
        return None
    return html_to_pdf(
        render_to_string("pdf/diagram/page.html", {"diagram": diagram}),
        stylesheet="print/diagram.css",
        tagged=False,
    )


def diagram_forms(width_mm: float = 170.0) -> dict[str, bytes]:
    """The forms a paper's placeholder needs, for html_to_pdf (none without Graphviz)."""
    page = diagram_page(width_mm)
    return {FORM_NAME: page} if page else {}


def state_diagram_for_print(anchor: str, width_mm: float = 170.0) -> str:
    """Return the diagram for a paper: the placeholder the page made once is drawn over.

    The placeholder is the figure of the paper's structure, with the diagram's description;
    `anchor` makes its id unique in a pack. Without Graphviz, the list of transitions.
    """
    diagram = print_diagram(width_mm)
    if diagram is None:
        return state_diagram_svg(None)
    return render_to_string(
        "pdf/diagram/box.html",
        {"diagram": diagram, "shapes": EMPTY_SVG, "form_name": FORM_NAME, "anchor": anchor},
    )
