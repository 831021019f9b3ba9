import base64
import io
import re

import pytest
from django.urls import reverse

from usecases.enums import SubmissionState
from usecases.models import Submission
from usecases.presentation import diagram


@pytest.fixture(autouse=True)
def _fresh_cache():
    diagram.state_diagram_svg.cache_clear()
    yield
    diagram.state_diagram_svg.cache_clear()


def declared_names() -> set[str]:
    field = Submission._meta.get_field("state")
    return {t.name for t in field.get_all_transitions(Submission)}


def test_every_declared_transition_is_an_edge():
    assert {name for _, _, name in diagram.transition_edges()} == declared_names()


def test_return_value_targets_are_expanded():
    edges = diagram.transition_edges()

    assert ("ON_HOLD", "DECISION_PENDING", "resume") in edges
    assert ("CLARIFICATION_REQUESTED", "UNDER_ASSESSMENT", "answer_clarification") in edges


def test_svg_has_every_state_and_highlights_one():
    svg = diagram.state_diagram_svg("REGISTERED")

    for state in SubmissionState:
        assert f">{state.label}<" in svg
    assert svg.count('fill="#1d70b8"') == 1
    assert 'role="img"' in svg and '<title id="process-diagram-title">' in svg
    assert "style=" not in svg


def test_without_dot_a_list_is_shown(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)

    fallback = diagram.state_diagram_svg(None)

    assert fallback.startswith("<ol")
    assert "Submitted → Registered: register" in fallback


@pytest.mark.django_db
def test_help_page_is_public(client):
    response = client.get(reverse("usecases:help-process"))

    assert response.status_code == 200
    assert "<svg" in response.text
    assert "Information can be shared with the public" in response.text


def test_print_diagram_has_its_labels_as_text_over_an_image_of_the_shapes():
    from usecases.presentation.diagram_print import print_diagram

    print_diagram.cache_clear()
    printed = print_diagram(170.0).html

    image = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', printed)
    shapes = base64.b64decode(image[1]).decode()
    assert "<path" in shapes and "<text" not in shapes
    labels = re.findall(
        r'style="left: ([-\d.]+)mm; top: ([-\d.]+)mm; width: ([\d.]+)mm[^"]*">([^<]+)<', printed
    )
    assert {text for *_, text in labels} >= {state.label for state in SubmissionState}
    height = float(re.search(r'height: ([\d.]+)mm;">', printed)[1])
    for left, top, width, _ in labels:
        centre = float(left) + float(width) / 2
        assert 0 < centre < 170 and 0 <= float(top) < height
    assert 'alt="The SSC process: states of a proposal' in printed


def test_a_paper_holds_a_placeholder_of_the_diagram_drawn_once_as_a_page_of_its_size():
    from pypdf import PdfReader

    from usecases.presentation.diagram_print import (
        diagram_forms,
        print_diagram,
        state_diagram_for_print,
    )

    placeholder = state_diagram_for_print("7")
    page = PdfReader(io.BytesIO(diagram_forms()["process-diagram"])).pages

    diagram = print_diagram()
    assert 'id="pdfform-process-diagram-7"' in placeholder
    assert f"width: 170.00mm; height: {diagram.height_mm:.2f}mm;" in placeholder
    assert 'alt="The SSC process: states of a proposal' in placeholder
    assert "print-diagram__label" not in placeholder
    assert len(page) == 1
    assert float(page[0].mediabox.width) == pytest.approx(170 * 72 / 25.4, abs=0.1)
    assert float(page[0].mediabox.height) == pytest.approx(diagram.height_mm * 72 / 25.4, abs=0.1)
    text = page[0].extract_text()
    assert all(state.label in text for state in SubmissionState)
    assert "request clarification" in text


def test_print_diagram_without_dot_is_the_list(monkeypatch):
    from usecases.presentation.diagram_print import (
        diagram_forms,
        diagram_page,
        print_diagram,
        state_diagram_for_print,
    )

    monkeypatch.setattr("shutil.which", lambda name: None)
    print_diagram.cache_clear()
    diagram_page.cache_clear()

    assert state_diagram_for_print("1").startswith("<ol")
    assert diagram_forms() == {}
    print_diagram.cache_clear()
    diagram_page.cache_clear()
