"""Use the portal over HTTP as a browser would: read a page's form, fill it in, send it.

Works on a requests.Session or on Locust's HttpSession (a subclass of it): every call passes
`name=` so Locust groups requests by what they do, not by URL. Used by the load scenario
(bench/locustfile.py), the fault runs and the cluster tests.
"""

import hashlib
import hmac
import re
import struct
import time
from html.parser import HTMLParser
from urllib.parse import urljoin


def totp(key_hex: str, at: float | None = None, step_offset: int = 0) -> str:
    """Return the six-digit code an authenticator app shows for the key (RFC 6238, 30 s)."""
    counter = int((time.time() if at is None else at) // 30) + step_offset
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class _Forms(HTMLParser):
    """Every form on a page: its action, method, fields with their current values, buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": a.get("action") or "",
                    "method": (a.get("method") or "get").lower(),
                    "fields": [],
                    "buttons": [],
                    "enctype": a.get("enctype", ""),
                    "id": a.get("id", ""),
                }
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image"):
                form["buttons"].append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if name and "checked" in a:
                    form["fields"].append((name, a.get("value", "on")))
            elif name and kind != "file":
                form["fields"].append((name, a.get("value", "")))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            form["buttons"].append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            form["fields"].append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None and self.forms:
            self.forms[-1]["fields"].append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class PageError(AssertionError):
    """The portal did not answer as a person using it would expect."""


class Portal:
    """A person's browser session on the portal at base_url."""

    def __init__(self, session, base_url: str, verify: str | bool = False):
        self.http = session
        self.base = base_url.rstrip("/")
        # The cluster's certificate is self-signed: pass its file (CLUSTER_DIR/tls/cert.pem).
        # Given with every request, as the environment's CA bundle would override the session's.
        self.verify = verify
        self.last = None

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base + path

    def get(self, path: str, name: str | None = None, expect: int | None = 200, **kwargs):
        response = self.http.get(self.url(path), name=name or path, verify=self.verify, **kwargs)
        self.last = response
        if expect is not None and response.status_code != expect:
            raise PageError(f"GET {path}: {response.status_code} (wanted {expect})")
        return response

    def post(self, path: str, data, name: str | None = None, files=None, expect=(200, 302)):
        response = self.http.post(
            self.url(path),
            data=data,
            files=files,
            name=name or path,
            headers={"Referer": self.url(path)},
            allow_redirects=True,
            verify=self.verify,
        )
        self.last = response
        codes = {expect} if isinstance(expect, int) else set(expect)
        if response.status_code not in codes and not (
            response.history and response.history[0].status_code in codes
        ):
            raise PageError(f"POST {path}: {response.status_code}")
        return response

    def form(self, response, match: str | None = None) -> dict:
        """The page's form whose action contains `match` (or the main page's first POST form)."""
        for form in forms_of(response.text):
            if form["method"] != "post":
                continue
            if match is None and "sign-out" in form["action"]:
                continue  # the header's sign-out button
            if match is None or match in form["action"] or match == form["id"]:
                form["url"] = urljoin(response.url, form["action"] or response.url)
                return form
        raise PageError(f"No form {match or ''} on {response.url}")

    def submit(
        self,
        path: str,
        values: dict | None = None,
        *,
        match: str | None = None,
        name: str | None = None,
        files=None,
        expect=(200, 302),
    ):
        """Open the page, fill its form with `values` over what the page holds, and send it."""
        page = self.get(path, name=(name or path) + " [form]")
        form = self.form(page, match)
        data: dict[str, list[str]] = {}
        for key, value in form["fields"]:
            data.setdefault(key, []).append(value)
        for key, value in (values or {}).items():
            data[key] = value if isinstance(value, list) else [value]
        path_sent = form["url"].removeprefix(self.base)
        return self.post(path_sent, data, name=name or path, files=files, expect=expect)

    def sign_in(self, email: str, password: str, totp_key: str = "", step_offset: int = 0):
        """Sign in with the password, then the second factor when the account has one."""
        response = self.submit(
            "/accounts/sign-in/",
            {"username": email, "password": password},
            name="sign in",
        )
        if "/accounts/two-factor/" in response.url:
            if not totp_key:
                raise PageError(f"{email} was asked for a second factor it does not have")
            response = self.submit(
                response.url.removeprefix(self.base),
                {"code": totp(totp_key, step_offset=step_offset)},
                name="second factor",
            )
        if "/accounts/sign-in/" in response.url or "/two-factor/" in response.url:
            raise PageError(f"{email} could not sign in: {summary(response.text)}")
        return response


def summary(html: str) -> str:
    """The page's error summary or heading, for a message."""
    found = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S) or re.search(
        r"<h1[^>]*>(.*?)</h1>", html, re.S
    )
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else html[:200]


def plain_session():
    """A requests session that takes (and ignores) Locust's `name=`."""
    import requests
    import urllib3

    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    class Session(requests.Session):
        def request(self, method, url, name=None, **kwargs):
            kwargs.setdefault("timeout", 60)
            return super().request(method, url, **kwargs)

    return Session()
