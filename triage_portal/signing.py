"""Sign the PDFs the portal issues (PAdES, with pyHanko), and check a signature on a PDF.

The key and certificate come from the environment (settings.PORTAL_SIGNING_*): a PEM key and
certificate (each a path, or the PEM text itself), or a PKCS#12 file and its passphrase.
Production refuses to start without one (settings.py). In development and the demo, with
none configured, the portal makes its own self-signed key and certificate once, under
PORTAL_VAR_DIR/signing, and uses it from then on.

pyHanko is imported inside the functions, so that it stays out of start-up.
"""

import asyncio
import base64
import datetime
import functools
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SIGNATURE_FIELD = "PortalSignature"
SIGNATURE_WORKER = Path(__file__).with_name("signature_worker.py")
SIGNATURE_ROOM = 16384  # bytes: the CMS signature and a chain of a few certificates
DEMO_FILE = "demo-signing.pem"
DEMO_NAME = "SSC Triage Portal (demo signing key, not for production)"


@dataclass(frozen=True)
class Credentials:
    """The portal's signing key and certificate (asn1crypto objects), and the chain behind it."""

    key: object
    cert: object
    chain: tuple


def _pem_or_file(value: str) -> bytes:
    """Return the PEM text given, or the bytes of the file it names."""
    if "-----BEGIN" in value:
        return value.encode()
    path = Path(value).expanduser()
    if not path.is_file():
        raise ImproperlyConfigured(f"The signing file {value} does not exist")
    return path.read_bytes()


def make_self_signed(common_name: str = DEMO_NAME) -> tuple[bytes, bytes]:
    """Return a new RSA key and a self-signed certificate for it, both PEM (development only)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SSC Triage Portal"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def demo_credentials_file() -> Path:
    """Return the demo key and certificate's file, making them the first time (never in production)."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Production signs with PORTAL_SIGNING_KEY, never a demo key")
    folder = Path(settings.PORTAL_SIGNING_DIR)
    path = folder / DEMO_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        key_pem, cert_pem = make_self_signed()
        # Written whole then renamed, so a second process never reads half a file.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".signing-")
        with os.fdopen(handle, "wb") as out:
            out.write(key_pem + cert_pem)
        os.chmod(temporary, 0o600)
        if not path.exists():
            os.replace(temporary, path)
        else:
            os.unlink(temporary)
    return path


def _configured() -> tuple[bytes, bytes, bytes | None] | tuple[None, None, None]:
    if settings.PORTAL_SIGNING_KEY and settings.PORTAL_SIGNING_CERT:
        passphrase = settings.PORTAL_SIGNING_KEY_PASSPHRASE
        return (
            _pem_or_file(settings.PORTAL_SIGNING_KEY),
            _pem_or_file(settings.PORTAL_SIGNING_CERT),
            passphrase.encode() if passphrase else None,
        )
    return None, None, None


@functools.cache
def _credentials_for(source: tuple) -> Credentials:
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data

    kind = source[0]
    if kind == "pkcs12":
        from cryptography.hazmat.primitives.serialization import pkcs12
        from pyhanko.keys.internal import (
            translate_pyca_cryptography_cert_to_asn1,
            translate_pyca_cryptography_key_to_asn1,
        )

        _, path, passphrase = source
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(
                _pem_or_file(path), passphrase.encode() if passphrase else None
            )
        except ValueError as error:
            raise ImproperlyConfigured(
                "PORTAL_SIGNING_PKCS12 could not be opened: check the file and "
                "PORTAL_SIGNING_PKCS12_PASSPHRASE"
            ) from error
        return Credentials(
            translate_pyca_cryptography_key_to_asn1(key),
            translate_pyca_cryptography_cert_to_asn1(cert),
            tuple(translate_pyca_cryptography_cert_to_asn1(c) for c in extra or ()),
        )
    _, key_pem, cert_pem, passphrase = source
    try:
        key = load_private_key_from_pemder_data(key_pem, passphrase=passphrase)
        certs = list(load_certs_from_pemder_data(cert_pem))
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "The portal's signing key or certificate could not be read: check PORTAL_SIGNING_KEY, "
            "PORTAL_SIGNING_CERT and PORTAL_SIGNING_KEY_PASSPHRASE"
        ) from error
    if not certs:
        raise ImproperlyConfigured("PORTAL_SIGNING_CERT holds no certificate")
    return Credentials(key, certs[0], tuple(certs[1:]))


def credentials() -> Credentials:
    """Return the portal's signing credentials, from the environment or the demo key."""
    if settings.PORTAL_SIGNING_PKCS12:
        return _credentials_for(
            ("pkcs12", settings.PORTAL_SIGNING_PKCS12, settings.PORTAL_SIGNING_PKCS12_PASSPHRASE)
        )
    key_pem, cert_pem, passphrase = _configured()
    if key_pem is None:
        demo = demo_credentials_file().read_bytes()
        key_pem, cert_pem, passphrase = demo, demo, None
    return _credentials_for(("pem", key_pem, cert_pem, passphrase))


def configuration_problems() -> list[str]:
    """Return what is wrong with the configured signing key, in words (none when all is well).

    Run as a system check (triage_portal.apps), so that `manage.py migrate` (the first step of
    scripts/serve) stops at a key that cannot be read or does not match its certificate,
    rather than the first download failing. Without a configured key there is nothing to check.
    """
    if not (
        settings.PORTAL_SIGNING_PKCS12
        or (settings.PORTAL_SIGNING_KEY and settings.PORTAL_SIGNING_CERT)
    ):
        return []
    from cryptography.hazmat.primitives import serialization

    try:
        found = credentials()
    except ImproperlyConfigured as error:
        return [str(error)]
    public = (
        _kept_key(found.key.dump())
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    if public != found.cert.public_key.dump():
        return ["The portal's signing key does not match its certificate (PORTAL_SIGNING_CERT)"]
    return []


def trusted_certificates() -> list:
    """Return the certificates a portal signature may chain to: the portal's, its chain, and
    earlier signing certificates kept in PORTAL_SIGNING_TRUSTED_CERTS (after a key change)."""
    from pyhanko.keys import load_certs_from_pemder_data

    found = credentials()
    certs = [found.cert, *found.chain]
    if settings.PORTAL_SIGNING_TRUSTED_CERTS:
        certs.extend(
            load_certs_from_pemder_data(_pem_or_file(settings.PORTAL_SIGNING_TRUSTED_CERTS))
        )
    return certs


def sign_pdf(data: bytes, *, reason: str = "Issued by the SSC Triage Portal") -> bytes:
    """Return `data` with the portal's PAdES signature over the whole file (an incremental update).

    Only the end of the file is read and written: a kept rendering is signed without being
    rendered again.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    found = credentials()
    signer = _signer_class()(
        signing_cert=found.cert,
        signing_key=found.key,
        cert_registry=SimpleCertificateStore.from_certs([found.cert, *found.chain]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name="SSC Triage Portal",
    )

    def sign() -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        out = io.BytesIO()
        # Room for the signature given up front: otherwise pyHanko signs once more to measure it.
        signers.sign_pdf(writer, meta, signer=signer, output=out, bytes_reserved=SIGNATURE_ROOM)
        return out.getvalue()

    return outside_an_event_loop(sign)


def outside_an_event_loop(work):
    """Return work(), run in a thread of its own when this thread runs an event loop.

    pyHanko's synchronous functions start an event loop of their own (asyncio.run), which
    fails inside a running one: an async server's thread, or a test driving a browser.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


@functools.cache
def _kept_key(der: bytes):
    from cryptography.hazmat.primitives import serialization

    return serialization.load_der_private_key(der, password=None)


@functools.cache
def _signer_class():
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from pyhanko.sign.general import get_pyca_cryptography_hash
    from pyhanko.sign.signers import SimpleSigner

    class KeptKeySigner(SimpleSigner):
        """pyHanko's signer, with the key loaded once for the process.

        pyHanko loads (and checks) the key for every signature: for an RSA key that was two
        thirds of the time taken to sign a paper. Keys other than plain RSA and ECDSA keys are
        left to pyHanko.
        """

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            key = _kept_key(self.signing_key.dump())
            algorithm = get_pyca_cryptography_hash(digest_algorithm)
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            name = mechanism["algorithm"].native
            if isinstance(key, rsa.RSAPrivateKey) and name.startswith("sha") and "rsa" in name:
                return key.sign(data, padding.PKCS1v15(), algorithm)
            if isinstance(key, ec.EllipticCurvePrivateKey) and "ecdsa" in name:
                return key.sign(data, ec.ECDSA(algorithm))
            return super().sign_raw(data, digest_algorithm)

    return KeptKeySigner


class Verdict(StrEnum):
    """What a signature check found."""

    VALID = "valid"  # signed by the portal's key, nothing changed since
    ALTERED = "altered"  # carries a portal signature, but the file changed after signing
    UNSIGNED = "unsigned"  # no signature by the portal
    UNREADABLE = "unreadable"  # not a PDF that can be read


@dataclass(frozen=True)
class SignatureCheck:
    verdict: Verdict
    signed_at: datetime.datetime | None = None


def check_signature(data: bytes) -> SignatureCheck:
    """Check the portal's signature on an untrusted PDF, with the portal's certificates as the
    only trust roots (pyHanko's validator, nothing fetched).

    VALID needs a signature that is intact, chains to a portal certificate and covers the
    whole file: anything appended after signing (another incremental update) is ALTERED. The
    file is read in a process of its own with memory, CPU and time limits
    (signature_worker.py): anyone may upload one on the check page. A file that breaks the
    limits is UNREADABLE.
    """
    options = {
        "trusted": [base64.b64encode(cert.dump()).decode() for cert in trusted_certificates()],
        "memory_mb": settings.ATTACHMENT_PDF_MEMORY_MB,
        "seconds": settings.PORTAL_DOCUMENT_CHECK_SECONDS,
    }
    with tempfile.TemporaryDirectory(prefix="signature-") as folder:
        (Path(folder) / "in.pdf").write_bytes(data)
        report = _run_worker(folder, options)
    signed_at = report.get("signed_at")
    return SignatureCheck(
        Verdict(report.get("verdict", Verdict.UNREADABLE)),
        datetime.datetime.fromisoformat(signed_at) if signed_at else None,
    )


def _run_worker(folder: str, options: dict) -> dict:
    process = subprocess.Popen(  # noqa: S603 -- our own script, arguments we made
        [sys.executable, "-I", str(SIGNATURE_WORKER), folder, json.dumps(options)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
    )
    try:
        output, _ = process.communicate(timeout=options["seconds"] + 2)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return {"verdict": Verdict.UNREADABLE}
    try:
        report = json.loads(output.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"verdict": Verdict.UNREADABLE}
    return report if report.get("verdict") in set(Verdict) else {"verdict": Verdict.UNREADABLE}
