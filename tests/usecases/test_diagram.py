import pytest
from django.urls import reverse

from usecases import diagram
from usecases.enums import SubmissionState
from usecases.models import Submission


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
