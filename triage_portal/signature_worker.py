"""Check the portal's signature on one untrusted PDF, in a process of its own with limits.

triage_portal.signing runs this file as `python -I signature_worker.py FOLDER OPTIONS` for the
public "Check a document" page, whose uploads come from anyone: it caps its own address space
and CPU time before it reads FOLDER/in.pdf, and prints one JSON line, {"verdict": ...,
"signed_at": ...}. No Django here; the trusted certificates come in OPTIONS (base64 DER).

- valid: a signature by a trusted certificate, intact, covering the whole file;
- altered: a signature by a trusted certificate's key that does not verify, or does not cover
  the whole file (something was appended after signing);
- unsigned: no signature by a trusted certificate's key;
- unreadable: not a PDF pyHanko can read.
"""

import base64
import io
import json
import resource
import sys
from pathlib import Path


def limit_self(memory_mb: int, cpu_seconds: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no file


def verdict_of(data: bytes, trusted_der: list[bytes]) -> dict:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    trusted = [x509.Certificate.load(der) for der in trusted_der]
    keys = {cert.public_key.dump() for cert in trusted}
    try:
        signatures = list(PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures)
    except Exception:  # noqa: BLE001 -- any failure to read a hostile file is "unreadable"
        return {"verdict": "unreadable"}
    ours = []
    for signature in signatures:
        try:
            if signature.signer_cert.public_key.dump() in keys:
                ours.append(signature)
        except Exception:  # noqa: BLE001, S112 -- a signature we cannot read is not ours
            continue
    if not ours:
        return {"verdict": "unsigned"}
    context = ValidationContext(
        trust_roots=trusted, allow_fetching=False, revocation_mode="soft-fail"
    )
    for signature in ours:
        try:
            status = validate_pdf_signature(signature, context, skip_diff=True)
        except Exception:  # noqa: BLE001 -- a signature that cannot be validated is not intact
            return {"verdict": "altered"}
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        if not (status.intact and status.valid and status.trusted and whole):
            return {"verdict": "altered"}
    signed_at = ours[-1].self_reported_timestamp
    return {"verdict": "valid", "signed_at": signed_at.isoformat() if signed_at else None}


def main(argv: list[str]) -> int:
    folder, options = Path(argv[1]), json.loads(argv[2])
    limit_self(options["memory_mb"], options["seconds"])
    trusted = [base64.b64decode(text) for text in options["trusted"]]
    try:
        report = verdict_of((folder / "in.pdf").read_bytes(), trusted)
    except (MemoryError, RecursionError):
        report = {"verdict": "unreadable"}
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
