"""Clean and prepare one untrusted PDF, in a process of its own with limits (no Django here).

triage_portal.pdf_sandbox runs this file as `python -I pdf_worker.py COMMAND FOLDER OPTIONS`:
it caps its own address space, CPU time and file size before it reads anything, reads
FOLDER/in.pdf, writes FOLDER/out.pdf and prints one JSON line: what it found, or why the file
was refused. Two commands:

- `clean`: rewrite the PDF with qpdf (pikepdf) without actions, JavaScript, links, annotations
  (their appearance is flattened into the page first), form fields, XFA, embedded files and
  encryption; refuse a file that cannot be read, that needs a password, that has no pages or
  too many, or a page whose drawing is larger than the limit.
- `prepare`: clean, then draw each page heavier than the operator limit as a picture
  (pdftoppm at modest resolution), so a paper that lays the file in stays light to open.
"""

import json
import re
import resource
import subprocess
import sys
import time
import zlib
from pathlib import Path

# Document-level entries that run something or carry files or forms.
ROOT_KEYS = ("/OpenAction", "/AA", "/AcroForm", "/URI", "/Collection", "/Perms", "/Threads")
NAME_TREES = ("/JavaScript", "/EmbeddedFiles", "/AlternatePresentations", "/Renditions")
# Keys removed from every dictionary in the file, wherever it is.
ACTIVE_KEYS = ("/AA", "/OpenAction", "/JS", "/EF", "/RichMediaContent")
# An operator: one to three letters (or ' and "), between delimiters; names and numbers are not.
OPERATOR = re.compile(rb"(?:^|(?<=[\s\])>}]))[A-Za-z'\"][A-Za-z0-9*'\"]{0,2}(?=[\s\[\]()<>{}/%]|$)")
# A literal string, with one level of nested brackets; its words are not operators.
STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)", re.S)
DRAWS = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do(?=[\s\[\]()<>{}/%]|$)")
MAX_FORM_DEPTH = 12


class Refused(Exception):
    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code, self.details = code, details


def limit_self(memory_mb: int, cpu_seconds: int) -> None:
    """Cap this process (and pdftoppm, which inherits the limits) before the file is read."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (memory, memory))


def open_pdf(path: Path):
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise Refused("password") from None
    except (pikepdf.PdfError, ValueError, OSError):
        raise Refused("unreadable") from None
    try:
        pages = len(pdf.pages)
        for _ in pdf.objects:  # every object read now, so damage shows now
            pass
    except pikepdf.PdfError:
        raise Refused("unreadable") from None
    # qpdf repairs a damaged file as it can (a cut-off drawing becomes an empty page): a file
    # that needed repair is refused, as saving it again from its program mends it.
    if pages == 0 or pdf.get_warnings():
        raise Refused("unreadable")
    return pdf


def clean(pdf) -> None:
    """Remove everything that acts, links, carries files or takes input; keep what is drawn."""
    import pikepdf

    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in NAME_TREES:
            if key in names:
                del names[key]
    _outline_without_actions(root.get("/Outlines"))
    # Comments and filled-in fields stay visible as drawing; the annotations themselves go.
    pdf.flatten_annotations("all")
    for key in ROOT_KEYS:
        if key in root:
            del root[key]
    for page in pdf.pages:
        for key in ("/Annots", "/AA"):
            if key in page.obj:
                del page.obj[key]
    for obj in pdf.objects:
        _strip_active(obj, depth=0)


def _outline_without_actions(outlines) -> None:
    """Keep bookmarks: a go-to action becomes a plain destination, any other action goes."""
    import pikepdf

    seen = set()
    stack = [outlines.get("/First")] if isinstance(outlines, pikepdf.Dictionary) else []
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        action = item.get("/A")
        if isinstance(action, pikepdf.Dictionary):
            if action.get("/S") == pikepdf.Name.GoTo and "/D" in action:
                item.Dest = action.D
            del item["/A"]
        stack.extend([item.get("/First"), item.get("/Next")])


def _strip_active(obj, depth: int) -> None:
    import pikepdf

    if depth > 32:
        return
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key in ACTIVE_KEYS:
            if key in obj:
                del obj[key]
        action = obj.get("/A")
        if isinstance(action, pikepdf.Dictionary) and "/S" in action:
            del obj["/A"]  # an action (structure attributes, also /A, have no /S)
        items = obj.items()
    elif isinstance(obj, pikepdf.Array):
        items = enumerate(obj)
    else:
        return
    for _, value in items:
        if isinstance(value, pikepdf.Object) and not value.is_indirect:  # visited on their own
            _strip_active(value, depth + 1)


def weigh_pages(pdf, max_content_bytes: int) -> list[int]:
    """Return each page's drawing operators, Form XObjects counted each time they are drawn.

    Refuse a page whose drawing (its own and its forms') is larger than max_content_bytes.
    """
    weights = []
    for number, page in enumerate(pdf.pages, start=1):
        budget = {"bytes": 0, "limit": max_content_bytes}
        resources = _inherited(page.obj, "/Resources")
        operators = _weigh(page.obj.get("/Contents"), resources, budget, {}, 0)
        if budget["bytes"] > max_content_bytes:
            raise Refused("too_much_content", page=number, limit=max_content_bytes)
        weights.append(operators)
    return weights


def _inherited(page, key: str):
    node = page
    for _ in range(64):
        if key in node:
            return node[key]
        node = node.get("/Parent")
        if node is None:
            break
    return None


def _weigh(contents, resources, budget: dict, forms: dict, depth: int) -> int:
    import pikepdf

    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    parts = []
    for stream in streams:
        if isinstance(stream, pikepdf.Stream):
            parts.append(_decoded(stream, budget["limit"] - budget["bytes"]))
            budget["bytes"] += len(parts[-1])
            if budget["bytes"] > budget["limit"]:
                return 0  # refused by the caller: the size is what counts
    data = b"\n".join(parts)
    text = STRING.sub(b" ", data)
    operators = len(OPERATOR.findall(text))
    if depth >= MAX_FORM_DEPTH or not isinstance(resources, pikepdf.Dictionary):
        return operators
    xobjects = resources.get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return operators
    for name in DRAWS.findall(text):
        form = xobjects.get("/" + name.decode("latin-1"))
        if not isinstance(form, pikepdf.Stream) or form.get("/Subtype") != pikepdf.Name.Form:
            continue
        if form.objgen not in forms:
            forms[form.objgen] = 0  # a form that draws itself counts as nothing more
            forms[form.objgen] = _weigh(
                form, form.get("/Resources", resources), budget, forms, depth + 1
            )
        operators += forms[form.objgen]
    return operators


def _decoded(stream, most: int) -> bytes:
    """The stream's data, decoded; a plain Flate stream no further than `most` bytes and one.

    A few hundred kilobytes can inflate to gigabytes: the common case is stopped at the limit;
    anything else is decoded whole, within the process's memory limit.
    """
    import pikepdf

    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array) and len(filters) == 1:
        filters = filters[0]
    if filters == pikepdf.Name.FlateDecode and "/DecodeParms" not in stream:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(stream.read_raw_bytes(), max(most, 0) + 1)
        except zlib.error:
            raise Refused("unreadable") from None
        if not inflater.eof and not inflater.unconsumed_tail:
            raise Refused("unreadable")  # cut short: the file is damaged
        return data
    try:
        return stream.read_bytes()
    except pikepdf.PdfError as error:
        raise Refused("too_big" if "bad_alloc" in str(error) else "unreadable") from None


def rasterise(pdf, folder: Path, numbers: list[int], dpi: int, deadline: float) -> None:
    """Replace the given pages (numbered from 1) by a picture of each, drawn by pdftoppm."""
    import pikepdf
    from PIL import Image

    source = folder / "drawn.pdf"
    pdf.save(source, fix_metadata_version=False)
    for number in numbers:
        prefix = folder / f"page-{number}"
        left = deadline - time.monotonic()
        if left <= 0:
            raise Refused("too_slow")
        command = ["pdftoppm", "-r", str(dpi), "-jpeg", "-jpegopt", "quality=80"]
        command += ["-f", str(number), "-l", str(number), "-singlefile", str(source), str(prefix)]
        try:
            # A fixed tool on PATH, a file of ours; it inherits this process's limits.
            subprocess.run(command, check=True, capture_output=True, timeout=left)  # noqa: S603
        except subprocess.TimeoutExpired:
            raise Refused("too_slow") from None
        except (subprocess.CalledProcessError, OSError):
            raise Refused("unreadable") from None
        jpeg = prefix.with_suffix(".jpg").read_bytes()
        with Image.open(prefix.with_suffix(".jpg")) as picture:
            width, height = picture.size
            gray = picture.mode == "L"
        _draw_picture(pikepdf, pdf, pdf.pages[number - 1].obj, jpeg, width, height, gray, dpi)


def _draw_picture(pikepdf, pdf, page, jpeg: bytes, width: int, height: int, gray, dpi) -> None:
    name = pikepdf.Name
    image = pikepdf.Stream(pdf, jpeg)
    image.Type, image.Subtype, image.Filter = name.XObject, name.Image, name.DCTDecode
    image.Width, image.Height, image.BitsPerComponent = width, height, 8
    image.ColorSpace = name.DeviceGray if gray else name.DeviceRGB
    box_width, box_height = width * 72 / dpi, height * 72 / dpi
    box = pikepdf.Array([0, 0, box_width, box_height])
    for key in ("/Rotate", "/UserUnit", "/BleedBox", "/TrimBox", "/ArtBox", "/Group"):
        if key in page:
            del page[key]
    page.MediaBox, page.CropBox, page.Rotate = box, box, 0  # nothing inherited from the tree
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Picture=image))
    drawing = f"q {box_width:.4f} 0 0 {box_height:.4f} 0 0 cm /Picture Do Q".encode()
    page.Contents = pikepdf.Stream(pdf, drawing)


def run(command: str, folder: Path, options: dict) -> dict:
    import pikepdf

    started = time.monotonic()
    pdf = open_pdf(folder / "in.pdf")
    pages = len(pdf.pages)
    if pages > options["max_pages"]:
        raise Refused("too_many_pages", pages=pages, limit=options["max_pages"])
    try:
        clean(pdf)
        weights = weigh_pages(pdf, options["max_content_bytes"])
        heavy = [
            n for n, weight in enumerate(weights, start=1) if weight > options["max_operators"]
        ]
        rasterised = heavy if command == "prepare" else []
        if rasterised:
            rasterise(pdf, folder, rasterised, options["dpi"], started + options["seconds"])
        pdf.save(
            folder / "out.pdf",
            fix_metadata_version=False,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    except (pikepdf.PdfError, pikepdf.ForeignObjectError, ValueError, KeyError, TypeError):
        raise Refused("unreadable") from None
    return {"pages": pages, "operators": max(weights), "heavy": heavy, "rasterised": rasterised}


def main(argv: list[str]) -> int:
    command, folder, options = argv[1], Path(argv[2]), json.loads(argv[3])
    limit_self(options["memory_mb"], options["seconds"])
    try:
        report = run(command, folder, options)
    except Refused as refusal:
        report = {"refused": refusal.code, **refusal.details}
    except MemoryError:
        report = {"refused": "too_big"}
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
