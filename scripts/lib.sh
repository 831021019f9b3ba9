# Shared shell helpers for scripts/run, scripts/test and .ci/run. Source it; do not run it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Print the path of a Python interpreter >= 3.12. The pyenv shims on this kind of machine
# can point at an interpreter that fails, so every candidate is asked for its own version.
find_python() {
    local candidates=() root
    [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
    if command -v pyenv >/dev/null 2>&1; then
        root=$(pyenv root 2>/dev/null || true)
        [ -n "$root" ] && candidates+=("$root"/versions/3.1[2-9]*/bin/python3)
    fi
    candidates+=(/usr/bin/python3.13 /usr/bin/python3.12 /usr/local/bin/python3.13 /usr/local/bin/python3.12 python3.13 python3.12 python3)
    local c
    for c in "${candidates[@]}"; do
        [ -e "$c" ] || command -v "$c" >/dev/null 2>&1 || continue
        if "$c" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
            command -v "$c" 2>/dev/null || echo "$c"
            return 0
        fi
    done
    echo "No Python >= 3.12 found. Install one (e.g. 'pyenv install 3.12') or set PYTHON=/path/to/python3.12." >&2
    return 1
}

# Create .venv and install the locked dependencies, only when the lock file changed.
# A throwaway self-signed signing key and certificate in DIR (key.pem, cert.pem), for scripts
# that run the production settings without a real key (the CI smoke test, scripts/cluster).
make_signing_key() {
    (cd "$ROOT" && "$VENV/bin/python" - "$1" <<'PY'
import sys
from pathlib import Path
from triage_portal.signing import make_self_signed
key, cert = make_self_signed("SSC Triage Portal (throwaway)")
folder = Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
(folder / "key.pem").write_bytes(key)
(folder / "key.pem").chmod(0o600)
(folder / "cert.pem").write_bytes(cert)
PY
    )
}

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        local py
        py=$(find_python)
        log "Creating virtualenv with $py"
        rm -rf "$VENV"
        "$py" -m venv "$VENV"
    fi
    local stamp="$VENV/.lock-sha256" want
    want=$(sha256sum "$ROOT/requirements.lock" | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
        log "Installing locked Python dependencies"
        # Some machines list package folders that do not exist; pip's warnings about them are noise.
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip \
            2> >(grep -v "is ignored: it is neither" >&2)
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$ROOT/requirements.lock" \
            2> >(grep -v "is ignored: it is neither" >&2)
        echo "$want" > "$stamp"
    fi
}

# Install the npm packages (GOV.UK Frontend, Sass) from the lock file and build static/build.
ensure_assets() {
    command -v npm >/dev/null 2>&1 || { echo "npm is needed to build the front-end assets (apt-get install nodejs npm)." >&2; return 1; }
    local stamp="$ROOT/node_modules/.lock-sha256" want
    want=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
        log "Installing front-end packages"
        (cd "$ROOT" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
        echo "$want" > "$stamp"
    fi
    (cd "$ROOT" && node scripts/build-assets.mjs >/dev/null)
}

# Install Debian packages that are missing (needs root, or sudo).
ensure_debs() {
    local missing=() p
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
