"""The process diagram for print: drawn once a process as a PDF page, which papers draw in place.

The page has the shapes as an SVG image and the labels as positioned HTML text (WeasyPrint
lays out SVG text one letter at a time, a Pango layout for each character); its text can be
searched and copied. Laying out those 51 labels and 200 shapes took a third of a paper's
render, the same work for every paper, so a paper now holds a placeholder of the diagram's
size, tagged as a figure with its description, and the page made once is drawn over it
(`triage_portal.pdf_forms`). Without Graphviz, papers print the list of transitions instead.
"""

import base64
import functools
import re
from dataclasses import dataclass, replace

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
class PrintDiagram:
    """The diagram laid out for print: its size, description, and labelled HTML."""

    width_mm: float
    height_mm: float
    description: str
    html: str

    def box(self, inner: str = "", **attributes: str) -> str:
        extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
        return (
            f'<div class="print-diagram"{extra} '
            f'style="width: {self.width_mm:.2f}mm; height: {self.height_mm:.2f}mm;">{inner}</div>'
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

    def mm(units: float) -> str:
        return f"{units * scale:.2f}mm"

    labels = []
    for match in LABEL.finditer(svg):
        size = float(match["size"])
        x = float(match["x"]) + shift_x - left
        baseline = float(match["y"]) + shift_y - top
        colour = f" color: {match['fill']};" if match["fill"] else ""
        labels.append(
            f'<span class="print-diagram__label" style="left: {mm(x - LABEL_BOX / 2)}; '
            f"top: {mm(baseline - BASELINE * size)}; width: {mm(LABEL_BOX)}; "
            f'font-size: {mm(size)};{colour}">{match["text"]}</span>'
        )
    shapes = base64.b64encode(LABEL.sub("", svg).encode()).decode()
    title = TITLE.search(svg)
    diagram = PrintDiagram(width_mm, height * scale, title[1] if title else "", "")
    return replace(
        diagram,
        html=diagram.box(
            f'<img class="print-diagram__shapes" src="data:image/svg+xml;base64,{shapes}" '
            f'alt="{diagram.description}">{"".join(labels)}'
        ),
    )


@functools.lru_cache(maxsize=4)
def diagram_page(width_mm: float = 170.0) -> bytes | None:
    """Return the labelled diagram as a one-page PDF of its own size (None without Graphviz)."""
    diagram = print_diagram(width_mm)
    if diagram is None:
        return None
    return html_to_pdf(
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><style>'
        f"@page {{ size: {diagram.width_mm:.2f}mm {diagram.height_mm:.2f}mm; margin: 0; }}"
        f"</style></head><body>{diagram.html}</body></html>",
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
    return diagram.box(
        f'<img class="print-diagram__shapes" src="data:image/svg+xml;base64,{EMPTY_SVG}" '
        f'alt="{diagram.description}">',
        id=f"pdfform-{FORM_NAME}-{anchor}",
    )
