"""Lay pages of other PDFs onto a rendered PDF: attached annexes, pictures, a reader's watermark.

All are drawn as Form XObjects (qpdf, through pikepdf): the drawing of the page laid in is
copied, never read or interpreted, so the time this takes does not depend on what it draws.
Only the drawing comes across: no annotations, links, actions or form fields. Streams are
written as they are (no decoding).
"""

import io

# Where an attached PDF page is laid: the page's content box (A4 less the margins), in points.
CONTENT_BOX = (20 * 72 / 25.4, 26 * 72 / 25.4, (210 - 40) * 72 / 25.4, (297 - 52) * 72 / 25.4)


def _save(document, *, compress: bool = False) -> bytes:
    """Write the document; `compress` deflates the streams that have no filter, and no others.

    Nothing is decoded: not even a stream qpdf would otherwise decode to compress it afresh.
    """
    import pikepdf

    out = io.BytesIO()
    document.save(
        out,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        compress_streams=compress,
        fix_metadata_version=False,
    )
    return out.getvalue()


def lay_pages(
    pdf: bytes,
    placements: dict[int, str],
    attachments: dict[str, bytes],
    pictures: list[tuple[int, str, float, float]] = (),
    forms: dict[str, bytes] | None = None,
) -> bytes:
    """Draw attached pages in their placeholder pages and pictures at their anchors, in one pass.

    Page N of attachment KEY goes in the content box of each page anchored `attpage-KEY-N`,
    scaled to fit the box, keeping its proportions, from the box's top left corner. Each of
    `pictures`, (page index, form name, x, y from the page's top left in points), draws the
    first page of `forms[name]` at its own size with its top left corner there (see
    `draw_pictures`).
    """
    import pikepdf

    document = pikepdf.open(io.BytesIO(pdf))
    sources = {key: pikepdf.open(io.BytesIO(data)) for key, data in attachments.items()}
    left, bottom, width, height = CONTENT_BOX
    for index, anchor in placements.items():
        key, _, number = anchor.removeprefix("attpage-").rpartition("-")
        form = document.copy_foreign(sources[key].pages[int(number)].as_form_xobject())
        form_width, form_height = _drawn_size(form)
        scale = min(width / form_width, height / form_height)
        top = bottom + height
        box = pikepdf.Rectangle(left, top - form_height * scale, left + form_width * scale, top)
        page = document.pages[index]
        name = page.add_resource(form, pikepdf.Name.XObject, prefix="Annex")
        drawing = page.calc_form_xobject_placement(form, name, box, allow_expand=True)
        _draw_on_top(page, drawing)
    # Kept open until the document is saved: qpdf copies a foreign stream's data when writing.
    drawn = {name: pikepdf.open(io.BytesIO(forms[name])) for _, name, _, _ in pictures}
    draw_pictures(document, pictures, drawn)
    # A picture's drawing comes out of as_form_xobject, and qpdf's object streams, unfiltered.
    return _save(document, compress=bool(pictures))


def draw_pictures(document, pictures, forms: dict) -> None:
    """Draw each picture's form, marked as an artifact, at its own size at its spot, first.

    A form is copied into the document once, however many pages draw it (a pack draws the
    process diagram once for each paper), and named `/PortalForm0`, `/PortalForm1`... on
    the pages that draw it. The element at the spot carries the picture's alternative text
    in the structure tree, so the drawing itself is an artifact. `forms` are open pikepdf
    documents by name, the picture their first page.
    """
    import pikepdf

    copied = {}
    for index, name, x, y in pictures:
        if name not in copied:
            copied[name] = (
                pikepdf.Name(f"/PortalForm{len(copied)}"),
                document.copy_foreign(forms[name].pages[0].as_form_xobject()),
            )
        key, form = copied[name]
        form_width, form_height = _drawn_size(form)
        page = document.pages[index]
        page_top = float(page.mediabox[3])
        box = pikepdf.Rectangle(x, page_top - y - form_height, x + form_width, page_top - y)
        page.add_resource(form, pikepdf.Name.XObject, key)
        drawing = page.calc_form_xobject_placement(form, key, box, allow_expand=True)
        # Drawn first, as before the page's own content: text is read in the order it was drawn.
        page.contents_add(b"/Artifact BMC " + drawing + b" EMC\n", prepend=True)


def _draw_on_top(page, drawing: bytes) -> None:
    """Append a drawing in the page's own coordinates, whatever state its content left behind."""
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"\nQ\n" + drawing + b"\n", prepend=False)


def _drawn_size(form) -> tuple[float, float]:
    """The width and height of a form as drawn: its box through its matrix (rotation)."""
    x1, y1, x2, y2 = (float(value) for value in form.BBox)
    a, b, c, d, _, _ = (float(value) for value in form.get("/Matrix", [1, 0, 0, 1, 0, 0]))
    corners = [(x * a + y * c, x * b + y * d) for x in (x1, x2) for y in (y1, y2)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0


def stamp(pdf: bytes, overlay: bytes) -> bytes:
    """Draw the first page of `overlay` over every page of `pdf`, marked as an artifact.

    For a reader's watermark on a PDF rendered once and kept: the overlay is a page of the
    same size, rendered with the watermark alone.
    """
    import pikepdf

    document = pikepdf.open(io.BytesIO(pdf))
    source = pikepdf.open(io.BytesIO(overlay))
    form = document.copy_foreign(source.pages[0].as_form_xobject())
    for page in document.pages:
        name = page.add_resource(form, pikepdf.Name.XObject, prefix="Watermark")
        box = page.mediabox
        rectangle = pikepdf.Rectangle(*(float(value) for value in box))
        drawing = page.calc_form_xobject_placement(form, name, rectangle, allow_expand=True)
        _draw_on_top(page, b"/Artifact BMC " + drawing + b" EMC")
    return _save(document)
