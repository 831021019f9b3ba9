"""Draw a one-page PDF, made once, onto WeasyPrint's pages where an element stands.

A picture that is the same in every document (the process diagram of the papers) was laid
out and drawn again by WeasyPrint for each one: its labels and shapes were a third of a
paper's render. It is now rendered once, as a PDF page of its own, and each document draws
that page as a Form XObject over the box of an element whose id is `pdfform-NAME-N`. The
element itself stays in the document (sized, and tagged with its alternative text); the
drawing is marked as an artifact, so the structure tree describes the picture once.

The page is read with pypdf once and kept as plain values; each document gets its own pydyf
objects made from them, so renders in several threads share nothing they write to.
"""

import functools
import io
import zlib
from dataclasses import dataclass

ANCHOR_PREFIX = "pdfform-"
# Keys a copied stream's dictionary gets afresh (the data is compressed again once, here).
STREAM_KEYS = ("/Length", "/Filter", "/DecodeParms")
CSS_PX_TO_PT = 0.75


@dataclass(frozen=True)
class Ref:
    """A reference to an indirect object of the source PDF (its value is in `objects`)."""

    number: int


@dataclass(frozen=True)
class StreamValue:
    """A stream of the source PDF: its dictionary (less length and filter), its data deflated."""

    dictionary: dict
    compressed: bytes


@dataclass(frozen=True)
class FormTemplate:
    """A page of a PDF as plain values: its drawing, resources, size and indirect objects."""

    content: bytes
    resources: object
    width: float
    height: float
    objects: dict


@functools.lru_cache(maxsize=8)
def form_template(pdf: bytes) -> FormTemplate:
    """Read the first page of `pdf` into plain values (once for each PDF)."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    objects = {}
    resources = _plain(page.get("/Resources", DictionaryObject()), objects)
    left, bottom, right, top = (float(value) for value in page.mediabox)
    if (left, bottom) != (0.0, 0.0):
        raise ValueError("A form's page must start at the origin")
    content = page.get_contents()
    return FormTemplate(
        zlib.compress(b"" if content is None else content.get_data(), 9),
        resources,
        right,
        top,
        objects,
    )


def _plain(value, objects: dict):
    """Return `value` as plain Python: dicts, lists, bytes for simple values, Refs, streams."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if isinstance(value, IndirectObject):
        number = value.idnum
        if number not in objects:
            objects[number] = None  # a cycle back to it is a reference, not a copy
            objects[number] = _plain(value.get_object(), objects)
        return Ref(number)
    if isinstance(value, StreamObject):
        dictionary = {
            key: _plain(item, objects) for key, item in value.items() if key not in STREAM_KEYS
        }
        return StreamValue(dictionary, zlib.compress(value.get_data(), 9))
    if isinstance(value, DictionaryObject):
        return {key: _plain(item, objects) for key, item in value.items()}
    if isinstance(value, ArrayObject):
        return [_plain(item, objects) for item in value]
    written = io.BytesIO()
    value.write_to_stream(written)
    return written.getvalue()


def add_form(pdf, template: FormTemplate) -> bytes:
    """Add the template to a pydyf PDF as a Form XObject; return its reference."""
    import pydyf

    made = {}

    def build(value):
        if isinstance(value, Ref):
            if value.number not in made:
                made[value.number] = indirect(template.objects[value.number])
            return made[value.number].reference
        if isinstance(value, (StreamValue, dict, list)):
            return fill(empty(value), value)
        return value

    def indirect(value):
        """The object is added before its contents are built, so a cycle finds its number."""
        obj = empty(value) if isinstance(value, (StreamValue, dict, list)) else _raw_class()(value)
        pdf.add_object(obj)
        return fill(obj, value)

    def empty(value):
        if isinstance(value, StreamValue):
            return pydyf.Stream([value.compressed])
        return pydyf.Dictionary() if isinstance(value, dict) else pydyf.Array()

    def fill(obj, value):
        if isinstance(value, StreamValue):
            obj.extra = {key[1:]: build(item) for key, item in value.dictionary.items()}
            obj.extra["Filter"] = "/FlateDecode"
        elif isinstance(value, dict):
            obj.update({key[1:]: build(item) for key, item in value.items()})
        elif isinstance(value, list):
            obj.extend(build(item) for item in value)
        return obj

    form = build(
        StreamValue(
            {
                "/Type": b"/XObject",
                "/Subtype": b"/Form",
                "/BBox": [b"0", b"0", _number(template.width), _number(template.height)],
                "/Resources": template.resources,
            },
            template.content,
        )
    )
    pdf.add_object(form)
    return form.reference


def _number(value: float) -> bytes:
    return f"{value:.4f}".rstrip("0").rstrip(".").encode()


@functools.cache
def _raw_class():
    """A pydyf object written as the bytes it was read as (made lazily: pydyf loads late)."""
    import pydyf

    class Raw(pydyf.Object):
        def __init__(self, data: bytes):
            super().__init__()
            self._data = data

        @property
        def data(self):
            return self._data

    return Raw


def placing(forms: dict[str, bytes]):
    """Return a WeasyPrint finisher that draws each named form over its anchors' boxes.

    Each form is added to the PDF once, however many pages draw it (a pack draws the process
    diagram once for each paper).
    """
    templates = {name: form_template(pdf) for name, pdf in forms.items()}

    def finish(document, pdf):
        added = {}
        for index, page in enumerate(document.pages):
            placements = [
                (name, box)
                for anchor, box in page.anchors.items()
                if (name := form_name(anchor)) in templates
            ]
            if not placements:
                continue
            for name, _ in placements:
                if name not in added:
                    added[name] = (f"PortalForm{len(added)}", add_form(pdf, templates[name]))
            _draw_on_page(pdf, index, page.height * CSS_PX_TO_PT, placements, templates, added)

    return finish


def form_name(anchor: str) -> str | None:
    """`pdfform-process-diagram-12` names the form `process-diagram`."""
    if not anchor.startswith(ANCHOR_PREFIX):
        return None
    return anchor.removeprefix(ANCHOR_PREFIX).rpartition("-")[0]


def _draw_on_page(pdf, index: int, page_height: float, placements, templates, added) -> None:
    page = pdf.objects[pdf.pages["Kids"][3 * index]]
    resources = pdf.objects[_number_of(page["Resources"])]
    stream = pdf.objects[_number_of(page["Contents"])]
    operators = []
    for name, (x1, y1, x2, y2) in placements:
        template, (key, reference) = templates[name], added[name]
        resources["XObject"][key] = reference
        left, top = x1 * CSS_PX_TO_PT, y1 * CSS_PX_TO_PT
        scale_x = (x2 - x1) * CSS_PX_TO_PT / template.width
        scale_y = (y2 - y1) * CSS_PX_TO_PT / template.height
        bottom = page_height - top - template.height * scale_y
        operators.append(
            f"q {scale_x:.6f} 0 0 {scale_y:.6f} {left:.4f} {bottom:.4f} cm "
            f"/Artifact BMC /{key} Do EMC Q".encode()
        )
    # Drawn first, in the page's own coordinates, before WeasyPrint's transformation.
    stream.stream[0:0] = operators


def _number_of(reference: bytes) -> int:
    return int(reference.split()[0])
