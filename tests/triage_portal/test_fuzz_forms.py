"""Generated bad input, posted to every form the portal shows, never breaks it.

Forms are found by requesting every URL of the URLconf (as in the access matrix) as each
signed-in role, plus every question page of a draft and every action page of every proposal,
and reading the <form method="post"> elements out of the HTML. Hypothesis then posts random
unicode, control characters, 1 MB strings, HTML/JS payloads, SQL-like strings, malformed dates,
negative and huge numbers, duplicated and missing fields, and IDs of objects the user may not
see. Whatever it posts:
- no response is a 500;
- a rejected field comes with words: every error message on the page has text;
- an HTML/JS payload never comes back unescaped in a page;
- a post the page rejects never loses a saved answer: at most the fields of that page take the
  values just typed (a question page saves what it can, then lists what is still missing).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.proposals import draft_proposal
from tests.triage_portal.test_access_matrix import urls, world  # noqa: F401 -- fixture
from usecases.models import Submission
from usecases.presentation.journey import SECTIONS
from usecases.presentation.transition_pages import ACTIONS

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('fuzz')</script>"
IMG = '"><img src=x onerror=alert(1)>'
NASTY = [
    SCRIPT,
    IMG,
    "' OR '1'='1' --",
    "1; DROP TABLE usecases_submission; --",
    "2026-02-30",
    "31/13/2026",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[31m\x07\x08",
    "\u202eevil\u202c",
    "𝕊𝕊ℂ 🔐" * 20,
    "999999",
    "-999999",
]
MEGABYTE = "A" * 1_000_000
SKIP_ACTIONS = ("/accounts/sign-out/",)  # signing out would end the fuzzing role's session
DERIVED = {"classification": "proposer_classification"}
FUZZ_ROLES = ("proposer_a", "secretariat", "chair", "member", "observer")


@dataclass
class Form:
    role: str
    action: str
    fields: list[tuple[str, str, list[str]]] = field(default_factory=list)


class FormParser(HTMLParser):
    """Collect each POST form's action and fields (name, kind, options)."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url, self.forms, self.current, self.select = page_url, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.current = {"action": a.get("action") or self.page_url, "fields": {}}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag in ("input", "textarea", "button") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            if kind in ("file",) or a["name"] == "csrfmiddlewaretoken":
                return
            entry = self.current["fields"].setdefault(a["name"], [kind, []])
            if a.get("value") is not None:
                entry[1].append(a["value"])
        elif tag == "select" and a.get("name"):
            self.select = self.current["fields"].setdefault(a["name"], ["select", []])
        elif tag == "option" and self.select is not None and a.get("value") is not None:
            self.select[1].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def forms_on(role: str, url: str, html: str) -> list[Form]:
    parser = FormParser(url)
    parser.feed(html)
    return [
        Form(role, f["action"], [(name, kind, opts) for name, (kind, opts) in f["fields"].items()])
        for f in parser.forms
        if not f["action"].startswith(SKIP_ACTIONS)
    ]


@pytest.fixture
def fuzz_world(world, settings):  # noqa: F811 -- the matrix fixture, extended
    settings.PORTAL_RATE_LIMITS_ENABLED = False
    settings.AXES_ENABLED = False
    people, objects = world
    draft = draft_proposal(people["proposer_a"])
    paths = [path for _, path in urls(objects)]
    paths += [f"/proposals/{draft.pk}/edit/{section.slug}/" for section in SECTIONS]
    paths += [
        f"/proposals/{pk}/act/{action.slug}/" for pk in objects["proposals"] for action in ACTIONS
    ]
    clients, forms, seen = {}, [], set()
    for role in FUZZ_ROLES:
        clients[role] = Client()
        clients[role].force_login(people[role])
        for path in sorted(set(paths)):
            response = clients[role].get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(role, path, response.text):
                key = (role, form.action, tuple(sorted(n for n, _, _ in form.fields)))
                if key not in seen:
                    seen.add(key)
                    forms.append(form)
    return clients, forms, draft


def value_for(kind: str, options: list[str]):
    nasty = st.sampled_from(NASTY)
    unicode_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
    one = st.one_of(nasty, unicode_text, st.just(MEGABYTE).filter(lambda _: True))
    if options:
        one = st.one_of(st.sampled_from(options), one)
    return st.one_of(
        one,
        st.lists(one, min_size=2, max_size=3),  # a duplicated field
        st.just(None),  # a missing field
    )


def draft_answers(draft: Submission) -> dict:
    row = Submission.objects.filter(pk=draft.pk).values().get()
    return {k: v for k, v in row.items() if k not in ("updated_at", "last_saved_at")}


def test_generated_input_never_breaks_a_form(fuzz_world):
    clients, forms, draft = fuzz_world
    assert len(forms) > 40, "the crawl should find the portal's forms"
    print(f"\nFuzzing {len(forms)} forms found on the portal's pages")
    failures = []

    @settings(
        max_examples=600,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def post_something(data):
        form = data.draw(st.sampled_from(forms), label="form")
        payload = {}
        for name, kind, options in form.fields:
            value = data.draw(value_for(kind, options), label=name)
            if value is not None:
                payload[name] = value
        before = draft_answers(draft)
        response = clients[form.role].post(form.action, payload)
        text = response.content.decode("utf-8", errors="replace")
        where = f"{form.role} POST {form.action}"
        if response.status_code >= 500:
            failures.append(f"{where}: {response.status_code} with {sorted(payload)}")
        # A page a browser renders: a download (the person's data as JSON, a CSV) carries what
        # was typed as data, served with nosniff, and is checked by its own tests.
        rendered = "html" in response.get("Content-Type", "")
        if rendered and (SCRIPT in text or IMG in text):
            failures.append(f"{where}: payload came back unescaped")
        for message in error_messages(text):
            if not message.replace("Error:", "").strip():
                failures.append(f"{where}: an error message without words")
        if form.action.startswith(f"/proposals/{draft.pk}/") and response.status_code != 302:
            after = draft_answers(draft)
            for name in (k for k in after if after[k] != before[k]):
                # The stored level follows the proposer's own, raised to it (domain §5): a
                # change of the one typed here, not a lost answer.
                source = DERIVED.get(name, name)
                typed = payload.get(source)
                typed = typed[-1] if isinstance(typed, list) else typed
                from_this_page = source in {n for n, _, _ in form.fields}
                kept_what_was_typed = str(after[name]).strip() in ("", str(typed).strip())
                if not (from_this_page and kept_what_was_typed):
                    failures.append(f"{where}: a rejected post lost the saved answer {name}")

    post_something()
    assert failures == [], "\n".join(sorted(set(failures))[:30])


def error_messages(html: str) -> list[str]:
    import re

    found = re.findall(r'<p[^>]*class="govuk-error-message"[^>]*>(.*?)</p>', html, re.S)
    found += re.findall(r'<div class="govuk-error-summary__body">.*?<li>(.*?)</li>', html, re.S)
    return [re.sub(r"<[^>]+>", "", m) for m in found]
