"""The keys that seal the activity log, read from the environment (never from the database).

AUDIT_HMAC_KEYS lists them oldest first as "key id:base64 key" pairs separated by commas, e.g.
"2026a:3q2+7w...,2027a:yv66vg...". New entries are sealed with AUDIT_HMAC_CURRENT_KID (the
newest by default); older keys stay listed so that the entries they sealed still verify. This
module is imported by the settings, so it needs nothing from Django but its exception.
"""

import base64
import binascii
import re

from django.core.exceptions import ImproperlyConfigured

MIN_KEY_BYTES = 32
KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
# Development and tests only: production refuses to start while this key is configured.
DEVELOPMENT_KEY = b"development-only-audit-key-do-not-use-in-production"
DEVELOPMENT_AUDIT_HMAC_KEYS = "dev:" + base64.b64encode(DEVELOPMENT_KEY).decode()
GENERATE = (
    "python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())'"
)


def _decode(kid: str, text: str) -> bytes:
    standard = text.strip().translate(str.maketrans("-_", "+/"))  # URL-safe base64 too
    try:
        return base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ImproperlyConfigured(
            f"AUDIT_HMAC_KEYS: the key {kid!r} is not base64. Generate one with {GENERATE}"
        ) from error


def parse_audit_keys(text: str, *, production: bool) -> dict[str, bytes]:
    """Return {key id: key} from AUDIT_HMAC_KEYS, oldest first; refuse anything unsafe."""
    keys: dict[str, bytes] = {}
    for pair in (part.strip() for part in text.split(",")):
        if not pair:
            continue
        kid, sep, encoded = pair.partition(":")
        kid = kid.strip()
        if not sep or not KEY_ID.match(kid):
            raise ImproperlyConfigured(
                "AUDIT_HMAC_KEYS must be 'key id:base64 key' pairs separated by commas; a key "
                "id is 1 to 32 letters, digits, '.', '_' or '-'"
            )
        if kid in keys:
            raise ImproperlyConfigured(f"AUDIT_HMAC_KEYS names the key id {kid!r} twice")
        keys[kid] = _decode(kid, encoded)
    if production:
        if not keys:
            raise ImproperlyConfigured(
                "Production mode needs AUDIT_HMAC_KEYS, the key that seals the activity log "
                f"(kept out of the database), e.g. AUDIT_HMAC_KEYS=2026a:KEY with KEY from {GENERATE}"
            )
        for kid, key in keys.items():
            if key == DEVELOPMENT_KEY:
                raise ImproperlyConfigured(
                    f"AUDIT_HMAC_KEYS: {kid!r} is the development key; production needs its own"
                )
            if len(key) < MIN_KEY_BYTES or len(set(key)) < 8:
                raise ImproperlyConfigured(
                    f"AUDIT_HMAC_KEYS: the key {kid!r} must be at least {MIN_KEY_BYTES} random "
                    f"bytes. Generate one with {GENERATE}"
                )
    return keys


def current_key_id(keys: dict[str, bytes], chosen: str) -> str:
    """Return the key id new entries are sealed with: the chosen one, or the newest listed."""
    kid = chosen.strip() or (list(keys)[-1] if keys else "")
    if kid not in keys:
        raise ImproperlyConfigured(
            f"AUDIT_HMAC_CURRENT_KID {kid!r} is not one of the key ids in AUDIT_HMAC_KEYS"
        )
    return kid
