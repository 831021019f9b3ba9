"""What each person receives from the portal: pages, CSV, API JSON, PDF text and e-mails.

Every proposal and vote the stateful test creates carries markers (qzx07tit, qzx07ans,
qzx07con, qzx03vot) in its title, answers, contact details and question. Looking means: ask
for the pages as each person, find the markers in what comes back, and compare them with what
the reference says that person may read.

To keep a step cheap, a URL that shows the same object to everyone who may see it is first
read as the secretariat, who may read everything; a person entitled to every marker found
there cannot be shown more, and is not asked. Lists whose rows depend on who asks (a
proposer's own proposals) are asked of each person in full. RULES_FULL_SCAN=1 asks everyone
everything.
"""

import io
import os
import re

from django.core import mail
from django.test import Client
from pypdf import PdfReader

MARKER = re.compile(r"qzx(\d{2})(tit|ans|con|vot)", re.IGNORECASE)
LINK = re.compile(r"https?://testserver(/proposals/support/[^\s/]+/)")
FULL_SCAN = os.environ.get("RULES_FULL_SCAN") == "1"


class Leak(AssertionError):
    """Someone received a marker above their entitlement."""


class PageLeak(Leak):
    pass


class CsvLeak(Leak):
    pass


class ApiLeak(Leak):
    pass


class PdfLeak(Leak):
    pass


class MailLeak(Leak):
    pass


class LinkLeak(Leak):
    pass


class ServerError(AssertionError):
    """A page failed (5xx) for someone."""


KIND_ERRORS = {
    "page": PageLeak,
    "csv": CsvLeak,
    "api": ApiLeak,
    "pdf": PdfLeak,
    "mail": MailLeak,
    "link": LinkLeak,
}
_LEAKS: dict[tuple, type] = {}


def leak(kind: str, world, found) -> type:
    """The exception class for a leak: one per output and per sort of marker leaked.

    Hypothesis reports and shrinks each exception class (and place) as a separate failure, so
    a draft's title on a page and a RED vote's question in a CSV are told apart.
    """
    sort = sorted(sort_of(world, m) for m in found)[0]
    key = (kind, sort)
    if key not in _LEAKS:
        base = KIND_ERRORS[kind]
        _LEAKS[key] = type(f"{base.__name__}Of{sort}", (base,), {})
    return _LEAKS[key]


def sort_of(world, marker) -> str:
    """Name the marker's sort: what it is, and the stage and level of its proposal."""
    kind, n = marker
    p = world.proposals[world.ballots[n].proposal if kind == "vot" else n]
    stage = "Draft" if p.state == "DRAFT" else ("Registered" if p.registered else "Unregistered")
    what = {"tit": "Words", "ans": "Words", "con": "Contact", "vot": "Question"}[kind]
    return f"{what}{stage}{'Red' if p.level == 'RED' else ''}"


def server_error(url: str) -> type:
    """One exception class per sort of page that failed (its path without the numbers)."""
    name = "".join(part.title() for part in re.split(r"[^a-z]+", url) if part)
    if name not in _LEAKS:
        _LEAKS[name] = type(f"ServerErrorOn{name}", (ServerError,), {})
    return _LEAKS[name]


def markers(text: str) -> set[tuple[str, int]]:
    return {(kind.lower(), int(n)) for n, kind in MARKER.findall(text)}


def text_of(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8", errors="replace")


def describe(found) -> str:
    return ", ".join(f"qzx{n:02d}{kind}" for kind, n in sorted(found, key=lambda m: (m[1], m[0])))


class Observer:
    """Clients for each person, and the checks run after every step."""

    def __init__(self, users: dict):
        self.clients = {}
        for role, user in users.items():
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            self.clients[role] = client
        self.mails_seen = 0
        self.pdfs: dict[str, tuple[str, set]] = {}
        self.links: dict[str, str] = {}  # support link path: contact role it was sent to

    def get(self, role: str, url: str):
        response = self.clients[role].get(url)
        if response.status_code >= 500:
            raise server_error(url)(f"GET {url} as {role} answered {response.status_code}")
        return response

    def read(self, role: str, url: str) -> set:
        response = self.get(role, url)
        return markers(text_of(response)) if response.status_code == 200 else set()

    def read_all(self, url: str, fingerprint: str | None) -> set:
        """Read the URL as the secretariat, who may read everything; a PDF whose makings have
        not changed since it was last read is not rendered again."""
        if fingerprint is not None and self.pdfs.get(url, (None,))[0] == fingerprint:
            return self.pdfs[url][1]
        found = self.read("secretariat", url)
        if fingerprint is not None:
            self.pdfs[url] = (fingerprint, found)
        return found

    def check_urls(self, world, shared: list, own: dict, roles, fingerprint) -> None:
        """shared: (kind, url) showing the same object to all; own: role -> [(kind, url)]."""
        self.world = world
        seen = {url: self.read_all(url, fingerprint(url)) for _, url in shared}
        for role in roles:
            if role == "secretariat":
                continue
            allowed = lambda m, role=role: world.may_read(role, m[0], m[1])  # noqa: E731
            for kind, url in shared:
                if not FULL_SCAN and all(allowed(m) for m in seen[url]):
                    continue
                self._compare(kind, role, url, self.read(role, url), allowed)
            for kind, url in own.get(role, []):
                self._compare(kind, role, url, self.read(role, url), allowed)

    def _compare(self, kind, role, url, found, allowed) -> None:
        extra = {m for m in found if not allowed(m)}
        if extra:
            raise leak(kind, self.world, extra)(f"{role} received {describe(extra)} from {url}")

    def check_mail(self, world, recipient_of) -> None:
        """Check e-mails sent since the last look; remember the support links they carry."""
        for message in mail.outbox[self.mails_seen :]:
            found = markers(f"{message.subject}\n{message.body}")
            for address in message.to:
                role = recipient_of(address)
                extra = {m for m in found if not world.may_email(role, m[0], m[1])}
                if extra:
                    raise leak("mail", world, extra)(
                        f"e-mail {message.subject!r} to {role} carried {describe(extra)}"
                    )
                for path in LINK.findall(message.body):
                    self.links[path] = role
        self.mails_seen = len(mail.outbox)

    def check_links(self, world) -> None:
        """Follow every support link sent, without signing in, as its recipient could."""
        for path, contact in self.links.items():
            response = Client(raise_request_exception=False).get(path)
            if response.status_code >= 500:
                raise server_error("/support-link/")(
                    f"GET {path} (support link) answered {response.status_code}"
                )
            if response.status_code != 200:
                continue
            extra = {
                m for m in markers(text_of(response)) if not world.may_read_by_link(contact, *m)
            }
            if extra:
                raise leak("link", world, extra)(
                    f"the support link sent to {contact} showed {describe(extra)}"
                )
