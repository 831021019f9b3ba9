"""The SSC process as a picture, generated from the FSM declared on Submission.

Edges come from django-fsm's own list of transitions, so a new transition changes the
picture. Graphviz's dot (Debian package graphviz) lays it out as SVG; without dot a plain
list of the same transitions is returned instead.
"""

import functools
import re
import shutil
import subprocess  # noqa: S404 -- runs Graphviz's dot on text we generate

from django.template.loader import render_to_string

from usecases.enums import TERMINAL_STATES, SubmissionState
from usecases.models import Submission

# Transitions into these states exist from most open states; drawing each would bury the
# picture, so they are drawn once from a single "any open state" node.
FAN_IN = (SubmissionState.ON_HOLD, SubmissionState.WITHDRAWN, SubmissionState.SUPERSEDED)
ANY_OPEN = "ANY_OPEN"


def transition_edges() -> list[tuple[str, str, str]]:
    """Return (source, target, transition name) for every declared transition."""
    edges = []
    field = Submission._meta.get_field("state")
    for transition in field.get_all_transitions(Submission):
        target = transition.target
        targets = getattr(target, "allowed_states", None) or [target]
        sources = list(SubmissionState) if transition.source in ("*", "+") else [transition.source]
        for source in sources:
            for to in targets:
                if to is not None:
                    edges.append((str(source), str(to), transition.name))
    return sorted(set(edges))


def _label(name: str) -> str:
    return name.replace("_", " ")


def to_dot(highlight: str | None = None) -> str:
    """Return the Graphviz description of the process."""
    lines = [
        "digraph process {",
        '  graph [rankdir=TB, fontname="Arial, sans-serif", nodesep=0.35, ranksep=0.45, bgcolor="white"];',
        '  node [shape=box, style="rounded,filled", fillcolor="#f3f2f1", color="#505a5f", fontname="Arial, sans-serif", fontsize=11];',
        '  edge [color="#505a5f", fontname="Arial, sans-serif", fontsize=9];',
    ]
    for state in SubmissionState:
        attrs = [f'label="{state.label}"', f'id="state-{state.value}"']
        if state in TERMINAL_STATES:
            attrs.append("shape=box, peripheries=2")
        if state == highlight:
            attrs.append('fillcolor="#1d70b8", fontcolor="white", penwidth=3')
        lines.append(f"  {state.value} [{', '.join(attrs)}];")
    lines.append(f'  {ANY_OPEN} [label="Any open state", shape=note, fillcolor="white"];')
    fanned = set()
    for source, target, name in transition_edges():
        if target in FAN_IN:
            edge = (ANY_OPEN, target, name)
        elif source == SubmissionState.ON_HOLD:
            edge = (source, ANY_OPEN, f"{name} (to where it was)")
        else:
            lines.append(f'  {source} -> {target} [label="{_label(name)}"];')
            continue
        if edge not in fanned:
            fanned.add(edge)
            lines.append(f'  {edge[0]} -> {edge[1]} [label="{_label(edge[2])}", style=dashed];')
    lines.append("}")
    return "\n".join(lines)


def _inline(svg: str) -> str:
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r'\swidth="[^"]*"\s+height="[^"]*"', ' width="100%"', svg, count=1)
    svg = re.sub(r'\sstyle="[^"]*"', "", svg)
    return svg.replace(
        "<svg",
        '<svg role="img" aria-labelledby="process-diagram-title" class="portal-diagram"',
        1,
    ).replace(
        '<g id="graph0"',
        '<title id="process-diagram-title">The SSC process: states of a proposal and the actions between them</title><g id="graph0"',
        1,
    )


def _fallback() -> str:
    steps = [
        {
            "source": SubmissionState(s).label,
            "target": SubmissionState(t).label,
            "action": _label(n),
        }
        for s, t, n in transition_edges()
    ]
    return render_to_string("usecases/help/process_list.html", {"steps": steps})


@functools.lru_cache(maxsize=32)
def state_diagram_svg(highlight: str | None = None) -> str:
    """Return the process diagram as inline SVG (or a list if dot is missing), highlighting a state."""
    dot = shutil.which("dot")
    if dot is None:
        return _fallback()
    completed = subprocess.run(  # noqa: S603 -- fixed program, our own input
        [dot, "-Tsvg"],
        input=to_dot(highlight),
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    if completed.returncode != 0:
        return _fallback()
    return _inline(completed.stdout)
