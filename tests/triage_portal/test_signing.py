import datetime
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from triage_portal.pdf import html_to_pdf, stamp_watermark
from triage_portal.signing import (
    DEMO_FILE,
    DEMO_NAME,
    Verdict,
    check_signature,
    credentials,
    make_self_signed,
    outside_an_event_loop,
    sign_pdf,
)


def validated(data: bytes, trust_root):
    """Validate the one signature on `data` with pyHanko, trusting `trust_root` alone."""
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    context = ValidationContext(trust_roots=[trust_root], allow_fetching=False)
    # pyHanko runs asyncio.run(); after the browser tests this thread runs an event loop.
    return signature, outside_an_event_loop(lambda: validate_pdf_signature(signature, context))


@pytest.fixture(scope="module")
def watermarked_pdf():
    page = html_to_pdf('<html lang="en"><body><h1>Paper SSC_352_04</h1></body></html>')
    return stamp_watermark(page, "AMBER – issued to Mo Member")


def test_a_signed_pdf_validates_with_the_portals_certificate_as_trust_root(watermarked_pdf):
    signed = sign_pdf(watermarked_pdf)

    signature, status = validated(signed, credentials().cert)

    assert status.bottom_line is True
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert signature.signer_cert.subject.native["common_name"] == DEMO_NAME
    assert signed.startswith(watermarked_pdf)  # an incremental update: nothing re-rendered
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(signed)).pages)
    assert "issued to Mo Member" in text


def test_a_signature_does_not_validate_against_another_trust_root(watermarked_pdf):
    _, other_pem = make_self_signed("Someone else")
    (other,) = load_certs_from_pemder_data(other_pem)

    _, status = validated(sign_pdf(watermarked_pdf), other)

    assert status.intact is True and status.trusted is False
    assert status.bottom_line is False


@pytest.mark.parametrize(
    ("change", "verdict"),
    [
        ("none", Verdict.VALID),
        ("one byte inside the signed range", Verdict.ALTERED),
        ("an update appended after signing", Verdict.ALTERED),
        ("never signed", Verdict.UNSIGNED),
        ("signed by another key", Verdict.UNSIGNED),
        ("not a PDF", Verdict.UNREADABLE),
    ],
)
def test_check_signature_says_what_happened_to_the_file(watermarked_pdf, change, verdict):
    signed = sign_pdf(watermarked_pdf)
    if change == "one byte inside the signed range":
        changed = bytearray(signed)
        changed[len(watermarked_pdf) // 2] ^= 0x01
        signed = bytes(changed)
    elif change == "an update appended after signing":
        writer = IncrementalPdfFileWriter(io.BytesIO(signed))
        writer.root["/Lang"] = writer.root.get("/Lang")  # any incremental update will do
        writer.update_root()
        out = io.BytesIO()
        writer.write(out)
        signed = out.getvalue()
    elif change == "never signed":
        signed = watermarked_pdf
    elif change == "signed by another key":
        key_pem, cert_pem = make_self_signed("Impostor portal")
        signed = _signed_with(watermarked_pdf, key_pem, cert_pem)
    elif change == "not a PDF":
        signed = b"%PDF-1.7\nnot really a PDF at all"

    assert check_signature(signed).verdict == verdict


def _signed_with(data: bytes, key_pem: bytes, cert_pem: bytes) -> bytes:
    from django.test import override_settings

    with override_settings(
        PORTAL_SIGNING_KEY=key_pem.decode(), PORTAL_SIGNING_CERT=cert_pem.decode()
    ):
        return sign_pdf(data)


def test_the_configured_pem_key_and_certificate_sign(settings, watermarked_pdf, tmp_path):
    key_pem, cert_pem = make_self_signed("SSC Triage Portal production")
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    settings.PORTAL_SIGNING_KEY = key_pem.decode()  # the PEM text itself
    settings.PORTAL_SIGNING_CERT = str(tmp_path / "cert.pem")  # a path

    signature, status = validated(sign_pdf(watermarked_pdf), credentials().cert)

    assert status.bottom_line is True
    assert signature.signer_cert.subject.native["common_name"] == "SSC Triage Portal production"


def test_a_pkcs12_file_and_passphrase_sign(settings, watermarked_pdf, tmp_path):
    key_pem, cert_pem = make_self_signed("SSC Triage Portal PKCS12")
    key = serialization.load_pem_private_key(key_pem, password=None)
    cert = x509.load_pem_x509_certificate(cert_pem)
    bundle = pkcs12.serialize_key_and_certificates(
        b"portal",
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(b"correct horse"),
    )
    (tmp_path / "portal.p12").write_bytes(bundle)
    settings.PORTAL_SIGNING_PKCS12 = str(tmp_path / "portal.p12")
    settings.PORTAL_SIGNING_PKCS12_PASSPHRASE = "correct horse"

    signature, status = validated(sign_pdf(watermarked_pdf), credentials().cert)

    assert status.bottom_line is True
    assert signature.signer_cert.subject.native["common_name"] == "SSC Triage Portal PKCS12"


def test_the_demo_key_is_made_once_and_kept(settings, tmp_path):
    settings.PORTAL_SIGNING_DIR = tmp_path / "signing"

    first = credentials().cert
    again = credentials().cert

    assert (tmp_path / "signing" / DEMO_FILE).stat().st_mode & 0o777 == 0o600
    assert first.dump() == again.dump()
    assert first.not_valid_after > datetime.datetime.now(datetime.UTC)


def test_an_earlier_certificate_kept_as_trusted_still_checks(settings, watermarked_pdf, tmp_path):
    old_key, old_cert = make_self_signed("Last year's portal key")
    signed_last_year = _signed_with(watermarked_pdf, old_key, old_cert)
    assert check_signature(signed_last_year).verdict == Verdict.UNSIGNED

    settings.PORTAL_SIGNING_TRUSTED_CERTS = old_cert.decode()

    assert check_signature(signed_last_year).verdict == Verdict.VALID


def test_a_key_that_does_not_match_its_certificate_stops_the_system_checks(settings):
    from django.core import checks

    key_pem, _ = make_self_signed("The key")
    _, other_cert = make_self_signed("Another key's certificate")
    settings.PORTAL_SIGNING_KEY = key_pem.decode()
    settings.PORTAL_SIGNING_CERT = other_cert.decode()

    found = [
        message
        for message in checks.run_checks(tags=[checks.Tags.security])
        if message.id == "triage_portal.E001"
    ]

    assert [message.msg for message in found] == [
        "The portal's signing key does not match its certificate (PORTAL_SIGNING_CERT)"
    ]


def test_an_unreadable_key_stops_the_system_checks(settings):
    from django.core import checks

    _, cert_pem = make_self_signed("A certificate")
    settings.PORTAL_SIGNING_KEY = (
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"
    )
    settings.PORTAL_SIGNING_CERT = cert_pem.decode()

    found = [
        message
        for message in checks.run_checks(tags=[checks.Tags.security])
        if message.id == "triage_portal.E001"
    ]

    assert [message.msg for message in found] == [
        "The portal's signing key or certificate could not be read: check PORTAL_SIGNING_KEY, "
        "PORTAL_SIGNING_CERT and PORTAL_SIGNING_KEY_PASSPHRASE"
    ]


def test_the_check_reads_the_file_in_a_process_held_to_the_memory_limit(settings, watermarked_pdf):
    signed = sign_pdf(watermarked_pdf)
    settings.ATTACHMENT_PDF_MEMORY_MB = 40  # too little for the checking process to start

    assert check_signature(signed).verdict == Verdict.UNREADABLE
