"""The process diagram for print: its shapes as an SVG image, its labels as positioned HTML text.

WeasyPrint lays out SVG text one letter at a time, a Pango layout for each character: the
diagram's 51 labels took a third of the seed paper's render. As HTML, each label is one
layout, drawn where Graphviz put it, and the PDF's text can still be searched and copied.
The shapes go in as an image rather than inline: inline, each of their 250 elements went
through the page's CSS cascade, and a pack parsed the same SVG once for every paper.
"""

import base64
import functools
import re

from usecases.diagram import state_diagram_svg

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


@functools.lru_cache(maxsize=4)
def state_diagram_for_print(width_mm: float = 170.0) -> str:
    """Return the diagram, `width_mm` wide, as HTML for WeasyPrint (the list if dot is missing)."""
    svg = state_diagram_svg(None)
    view_box, translate = VIEW_BOX.search(svg), TRANSLATE.search(svg)
    if view_box is None or translate is None:
        return svg
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
    return (
        f'<div class="print-diagram" style="width: {width_mm:.2f}mm; height: {mm(height)};">'
        f'<img class="print-diagram__shapes" src="data:image/svg+xml;base64,{shapes}" '
        f'alt="{title[1] if title else ""}">{"".join(labels)}</div>'
    )
