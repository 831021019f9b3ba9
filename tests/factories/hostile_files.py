"""Hostile PDFs and Office files, made in the test with pikepdf and zipfile."""

import io
import zipfile
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String

ANNEX_TEXT = "HOSTILE ANNEX TEXT"
PHISHING_URL = "https://phish.example/sign-in"
JAVASCRIPT = "app.launchURL('https://phish.example/js', true);"


def _saved(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def _text_page(pdf: pikepdf.Pdf, text: str = ANNEX_TEXT) -> pikepdf.Page:
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[-1]
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode())
    return page


def plain_pdf(pages: int = 1) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        _text_page(pdf)
    return _saved(pdf)


def pdf_with_everything_active() -> bytes:
    """One page of text with a JavaScript link, a phishing link, a form with XFA, an embedded
    file, an open action, page and document actions and a JavaScript name tree."""
    pdf = pikepdf.new()
    page = _text_page(pdf)
    script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String(JAVASCRIPT)))
    phishing = Dictionary(S=Name.URI, URI=String(PHISHING_URL))
    field = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("password"),
            Rect=[72, 500, 300, 530],
            AA=Dictionary(K=script),
        )
    )
    page.obj.Annots = pdf.make_indirect(
        Array(
            [
                Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[72, 700, 400, 740], A=script),
                Dictionary(
                    Type=Name.Annot, Subtype=Name.Link, Rect=[72, 600, 400, 640], A=phishing
                ),
                field,
            ]
        )
    )
    page.obj.AA = Dictionary(O=script)
    pdf.Root.OpenAction = script
    pdf.Root.AA = Dictionary(WC=script)
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]), XFA=pdf.make_stream(b"<xdp:xdp/>"))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("run"), script])))
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 not a program")
    return _saved(pdf)


def active_content(data: bytes) -> list[str]:
    """Name everything in the PDF that acts, links, takes input or carries a file."""
    found = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            _look(obj, found, 0)
        raw = data + b"".join(
            obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
        )
    if PHISHING_URL.encode() in raw or b"launchURL" in raw:
        found.add("the script or the address itself")
    return sorted(found)


def _look(obj, found: set, depth: int) -> None:
    if depth > 20:
        return
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key in ("/JS", "/OpenAction", "/AA", "/AcroForm", "/XFA", "/EF", "/URI", "/Annots"):
            if key in obj:
                found.add(key)
        if obj.get("/S") in (Name.JavaScript, Name.URI, Name.Launch):
            found.add(str(obj.S))
        if obj.get("/Subtype") in (Name.Link, Name.Widget, Name.FileAttachment):
            found.add(str(obj.Subtype))
        if isinstance(obj.get("/Names"), pikepdf.Dictionary):
            found.update(k for k in ("/JavaScript", "/EmbeddedFiles") if k in obj.Names)
        values = list(obj.values())
    elif isinstance(obj, pikepdf.Array):
        values = list(obj)
    else:
        return
    for value in values:
        if isinstance(value, pikepdf.Object) and not value.is_indirect:
            _look(value, found, depth + 1)


def pdf_with_operators(operators: int, light_pages_before: int = 0) -> bytes:
    """A small file whose last page draws `operators` operators (three to a line)."""
    pdf = pikepdf.new()
    for _ in range(light_pages_before):
        _text_page(pdf)
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[-1].obj.Contents = pdf.make_stream(b"0 0 m 100 100 l S\n" * (operators // 3))
    return _saved(pdf, compress_streams=True)


def pdf_inflating_to(megabytes: int) -> bytes:
    """A page whose drawing is a few hundred kilobytes deflated and `megabytes` inflated."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    deflater = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(deflater.compress(chunk) for _ in range(megabytes)) + deflater.flush()
    stream = pikepdf.Stream(pdf, b"")
    stream.write(packed, filter=Name.FlateDecode)
    pdf.pages[0].obj.Contents = stream
    return _saved(pdf)


def pdf_needing_memory(megabytes: int) -> bytes:
    """Like pdf_inflating_to, behind a second filter, so that only decoding it whole tells."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    deflater = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(deflater.compress(chunk) for _ in range(megabytes)) + deflater.flush()
    stream = pikepdf.Stream(pdf, packed.hex().encode() + b">")
    stream.Filter = Array([Name.ASCIIHexDecode, Name.FlateDecode])  # the bytes above, filtered
    pdf.pages[0].obj.Contents = stream
    return _saved(pdf, compress_streams=False)  # as it is: qpdf would decode the outer filter


def pdf_with_password() -> bytes:
    pdf = pikepdf.new()
    _text_page(pdf)
    return _saved(pdf, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret"))


def pdf_with_owner_password_only() -> bytes:
    pdf = pikepdf.new()
    _text_page(pdf)
    return _saved(pdf, encryption=pikepdf.Encryption(owner="owner-secret", user=""))


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/{main}" ContentType="{main_type}"/>{extra}</Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{items}</Relationships>"
)


def office_file(
    kind: str = "docx", *, main_type: str = "", extra_types: str = "", parts: dict | None = None
) -> bytes:
    """A minimal DOCX or XLSX, with any extra parts (name: text or bytes)."""
    main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    main_type = main_type or (DOCX_MAIN if kind == "docx" else XLSX_MAIN)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(main=main, main_type=main_type, extra=extra_types),
        )
        archive.writestr("_rels/.rels", RELS.format(items=""))
        archive.writestr(main, "<document/>")
        for name, content in (parts or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def external_relationship(kind: str, target: str) -> str:
    return RELS.format(
        items=f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}" TargetMode="External"/>'
    )


def office_bomb(megabytes: int) -> bytes:
    """A DOCX holding `megabytes` of zeros, deflated to a small fraction of that."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(main="word/document.xml", main_type=DOCX_MAIN, extra=""),
        )
        archive.writestr("word/document.xml", "<document/>")
        with archive.open("word/media/image1.bin", "w") as part:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
    return buffer.getvalue()
