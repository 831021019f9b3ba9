"""Saving a question page unchanged keeps every answer, exactly as a browser submits it.

Each page is fetched, its form read out of the HTML (ticked checkboxes and radios, chosen
options, text areas and input values) and posted back the way a browser builds the form data
set: one pair per successful control, the pressed button's name and value, text areas without
the newline that follows the tag and with line breaks as CRLF. Nothing is built from the model.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.people import SecPartyFactory
from tests.factories.proposals import device_type
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.models import SCDocument, Submission
from usecases.presentation.journey import SECTIONS
from usecases.workflow.drafting import M2M_ANSWER_FIELDS, SCALAR_ANSWER_FIELDS

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TEXT_INPUTS = ("text", "email", "tel", "url", "search", "number", "password", "date")


@dataclass
class Control:
    tag: str
    kind: str
    name: str
    value: str = ""
    checked: bool = False
    disabled: bool = False
    multiple: bool = False
    options: list = field(default_factory=list)  # (value, selected) of a select


@dataclass
class BrowserForm:
    element_id: str
    action: str
    method: str
    enctype: str
    controls: list = field(default_factory=list)

    def submit_buttons(self) -> list[Control]:
        return [c for c in self.controls if c.kind == "submit" and not c.disabled]

    def default_button(self) -> Control | None:
        """The button a browser presses when Enter is pressed in a text box of the form."""
        buttons = self.submit_buttons()
        return buttons[0] if buttons else None

    def has_text_box(self) -> bool:
        return any(c.tag == "input" and c.kind in TEXT_INPUTS for c in self.controls)

    def data_set(self, submitter: Control | None) -> list[tuple[str, str]]:
        """Return the name-value pairs a browser sends when the submitter is pressed."""
        pairs = []
        for control in self.controls:
            if control.disabled or not control.name:
                continue
            if control.kind == "submit":
                if control is submitter:
                    pairs.append((control.name, control.value))
            elif control.kind in ("checkbox", "radio"):
                if control.checked:
                    pairs.append((control.name, control.value or "on"))
            elif control.kind == "file":
                continue  # an empty file box: Django reads no file from it
            elif control.tag == "select":
                chosen = [value for value, selected in control.options if selected]
                if not chosen and not control.multiple and control.options:
                    chosen = [control.options[0][0]]
                pairs.extend((control.name, value) for value in chosen)
            else:
                pairs.append((control.name, control.value))
        return [(name, value.replace("\r\n", "\n").replace("\n", "\r\n")) for name, value in pairs]


class FormReader(HTMLParser):
    """Read every form of a page, with its controls in tree order, as the browser owns them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[BrowserForm] = []
        self.by_id: dict[str, BrowserForm] = {}
        self.orphans: list[tuple[str, Control]] = []  # controls naming a form still to come
        self.open_form: BrowserForm | None = None
        self.text_of: Control | None = None  # the textarea or option whose text is being read
        self.select: Control | None = None
        self.option: list | None = None

    def _own(self, attrs: dict, control: Control) -> None:
        owner_id = attrs.get("form")
        if owner_id is None:
            if self.open_form is not None:
                self._add(self.open_form, control)
        elif owner_id in self.by_id:
            self._add(self.by_id[owner_id], control)
        else:
            self.orphans.append((owner_id, control))

    @staticmethod
    def _add(form: BrowserForm, control: Control) -> None:
        """Add a control to its form; a ticked radio unticks the others of its group, as a
        browser's parser does (so of several radios written as checked, the last stays)."""
        if control.kind == "radio" and control.checked:
            for other in form.controls:
                if other.kind == "radio" and other.name == control.name:
                    other.checked = False
        form.controls.append(control)

    def handle_starttag(self, tag, attrs):
        a = {name: ("" if value is None else value) for name, value in attrs}
        disabled = "disabled" in a
        if tag == "form":
            self.open_form = BrowserForm(
                element_id=a.get("id", ""),
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self.open_form)
            if self.open_form.element_id:
                self.by_id[self.open_form.element_id] = self.open_form
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "image":
                kind = "submit"
            self._own(
                a,
                Control(
                    tag,
                    kind,
                    a.get("name", ""),
                    a.get("value", ""),
                    checked="checked" in a,
                    disabled=disabled,
                ),
            )
        elif tag == "button":
            kind = a.get("type", "submit").lower()
            self._own(a, Control(tag, kind, a.get("name", ""), a.get("value", ""), False, disabled))
        elif tag == "textarea":
            self.text_of = Control(tag, "textarea", a.get("name", ""), "", disabled=disabled)
            self._own(a, self.text_of)
        elif tag == "select":
            self.select = Control(
                tag, "select", a.get("name", ""), disabled=disabled, multiple="multiple" in a
            )
            self._own(a, self.select)
        elif tag == "option" and self.select is not None:
            self.option = [a.get("value"), "selected" in a, ""]

    def handle_data(self, data):
        if self.text_of is not None:
            self.text_of.value += data
        elif self.option is not None:
            self.option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.open_form = None
        elif tag == "textarea" and self.text_of is not None:
            # A newline straight after <textarea> is not part of its value.
            self.text_of.value = self.text_of.value.removeprefix("\n")
            self.text_of = None
        elif tag == "option" and self.option is not None:
            value, selected, text = self.option
            self.select.options.append((text.strip() if value is None else value, selected))
            self.option = None
        elif tag == "select":
            self.select = None

    def close(self):
        super().close()
        for owner_id, control in self.orphans:
            if owner_id in self.by_id:
                self._add(self.by_id[owner_id], control)


def page_forms(html: str) -> list[BrowserForm]:
    reader = FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms


def question_form(html: str, url: str) -> BrowserForm:
    """Return the page's form with the "Save and continue" button."""
    forms = [
        f
        for f in page_forms(html)
        if f.method == "post" and any(b.value == "continue" for b in f.submit_buttons())
    ]
    assert len(forms) == 1, f"{url} has {len(forms)} forms with a Save and continue button"
    assert forms[0].action in ("", url)
    return forms[0]


def submit(client, url: str, form: BrowserForm, submitter: Control | None):
    pairs = form.data_set(submitter)
    target = form.action or url
    if form.enctype == "multipart/form-data":
        data: dict[str, list[str]] = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        return client.post(target, data)
    return client.post(target, urlencode(pairs), content_type="application/x-www-form-urlencoded")


def stored(submission_id: int) -> dict:
    """Every answer a proposal holds, and what surrounds them."""
    s = Submission.objects.get(pk=submission_id)
    answers = {name: getattr(s, name) for name in SCALAR_ANSWER_FIELDS}
    answers.update(
        {name: sorted(getattr(s, name).values_list("pk", flat=True)) for name in M2M_ANSWER_FIELDS}
    )
    answers["kind"], answers["state"], answers["classification"] = (
        s.kind,
        s.state,
        s.classification,
    )
    answers["supporters"] = list(
        s.supporters.order_by("pk").values_list("name", "sec_party_id", "phone", "email")
    )
    answers["attachments"] = list(
        s.attachments.order_by("pk").values_list("original_name", "sha256")
    )
    return answers


def proposal_log(submission_id: int):
    return ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Submission), object_id=str(submission_id)
    )


def log_rows(submission_id: int) -> list[str]:
    return list(proposal_log(submission_id).order_by("pk").values_list("action", flat=True))


def full_answers() -> dict:
    """An answer in every field, none of them a default, multi-answer fields with two or more."""
    esme, ppmid, _gsme = device_type("ESME"), device_type("PPMID"), device_type("GSME")
    docs = [
        SCDocument.objects.create(title=title, version=version)
        for title, version in (
            ("GBCS Security Characteristic", "1.2"),
            ("ESME Security Characteristic", "3.0"),
            ("PPMID Security Characteristic", ""),
        )
    ]
    return {
        "sc_mod_title": "Replace DNO certificates on SMETS2 meters & IHDs",
        "use_case_title": "Use Case 002 – “Meter Triage” <phase 2>",
        "proposer_name": "Zoë O’Neill",
        "proposer_organisation_name": "Ørsted & Co <Energy>",
        "proposer_phone": "+44 (0)1632 960 999",
        "proposer_email": "zoe.oneill@example.com",
        "q1_issue": "First paragraph with <b>markup</b> & “quotes”.\n\n  An indented line  \nEnd.",
        "q2_why_needed": "\nStarts after a blank line.\n\tA tab, and 'single' quotes.",
        "q3_solution": "A solution 🔐 over\nthree\nlines",
        "q4_affects_existing_sc": "YES",
        "q4_explanation": "The GBCS and ESME SCs, section 4.",
        "q4_sc_documents": docs[:2],
        "q5_requires_new_sc": "TBD",
        "q5_explanation": "Possibly a new PPMID SC.",
        "q5_sc_documents": docs,
        "q6_urgent": "YES",
        "q6_justification": "Certificates expire in March.",
        "device_types": [esme, ppmid],
        "proposer_classification": "GREEN",
    }


def fully_answered(client, user, kind: str) -> Submission:
    submission = workflow.start_proposal(user=user, kind=kind)
    answers = full_answers()
    workflow.save_answers(submission_id=submission.pk, user=user, answers=answers, section="all")
    for n in range(2):
        workflow.add_supporter(
            submission_id=submission.pk,
            user=user,
            name=f"Supporter {n}",
            sec_party=SecPartyFactory(),
            phone=f"01632 960 10{n}",
            email=f"supporter{n}@example.com",
        )
    client.force_login(user)
    url = reverse("usecases:proposal-section", args=[submission.pk, "attachments"])
    response = client.post(
        url,
        {"action": "upload", "file": SimpleUploadedFile("plan.png", PNG, "image/png")},
    )
    assert response.status_code == 302
    assert stored(submission.pk)["device_types"] == sorted(d.pk for d in answers["device_types"])
    return submission


def walk_every_page(client, submission_id: int) -> set[str]:
    """Save every question page unchanged, with each way a browser can send it; return the
    names of the fields the pages posted."""
    before, posted_names = stored(submission_id), set()
    for section in SECTIONS:
        url = reverse("usecases:proposal-section", args=[submission_id, section.slug])
        page = client.get(url)
        assert page.status_code == 200, url
        form = question_form(page.text, url)
        buttons = {b.value: b for b in form.submit_buttons() if b.name == "action"}
        ways = [("Save and continue", buttons["continue"]), ("Save and come back", buttons["save"])]
        if form.has_text_box():
            ways.append(("Enter in a text box", form.default_button()))
        for way, button in ways:
            rows = log_rows(submission_id)
            response = submit(client, url, form, button)
            where = f"{section.slug} page, {way}"
            # Enter on the supporters page presses "Add supporter": with nothing typed, the
            # page asks for the supporter's name and saves nothing.
            expected = 200 if button.value == "add" else 302
            assert response.status_code == expected, f"{where}: {response.status_code}"
            assert stored(submission_id) == before, where
            assert log_rows(submission_id) == rows, f"{where} wrote to the proposal"
            posted_names |= {name for name, _ in form.data_set(button)}
    return posted_names


@pytest.mark.parametrize("kind", ["SC_MODIFICATION", "USE_CASE"])
def test_proposer_saving_every_page_unchanged_keeps_every_answer(client, proposer, kind):
    submission = fully_answered(client, proposer, kind)

    posted = walk_every_page(client, submission.pk)

    assert set(SCALAR_ANSWER_FIELDS) | set(M2M_ANSWER_FIELDS) <= posted


@pytest.mark.parametrize("kind", ["SC_MODIFICATION", "USE_CASE"])
def test_secretariat_saving_every_page_unchanged_keeps_every_answer(
    client, proposer, secretariat, kind
):
    submission = fully_answered(client, proposer, kind)
    workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    client.force_login(secretariat)

    posted = walk_every_page(client, submission.pk)

    assert set(SCALAR_ANSWER_FIELDS) | set(M2M_ANSWER_FIELDS) <= posted
    assert stored(submission.pk)["state"] == "SUBMITTED"


@pytest.mark.parametrize(
    ("slug", "name"),
    [("existing-sc", "q4_sc_documents"), ("new-sc", "q5_sc_documents"), ("scope", "device_types")],
)
def test_unticking_every_box_of_a_multi_answer_question_clears_it(client, proposer, slug, name):
    submission = fully_answered(client, proposer, "USE_CASE")
    url = reverse("usecases:proposal-section", args=[submission.pk, slug])
    form = question_form(client.get(url).text, url)
    boxes = [c for c in form.controls if c.name == name]
    assert len(boxes) >= 3
    assert {c.kind for c in boxes} == {"checkbox"}, "only a checkbox can be unticked"

    for box in boxes:
        box.checked = False
    save = next(b for b in form.submit_buttons() if b.value == "save")
    response = submit(client, url, form, save)

    assert response.status_code == 302
    assert stored(submission.pk)[name] == []
    changed = proposal_log(submission.pk).filter(action="usecases.proposal.draft_saved").last()
    assert changed.data == {"section": slug, "fields": [name]}
