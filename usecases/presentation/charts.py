"""Server-drawn SVG bar charts with a text alternative and the same data as a table.

No chart library and nothing inline that the CSP forbids: the SVG uses presentation
attributes (fill, x, y), and each chart names itself with <title> and <desc>.
"""

from dataclasses import dataclass, field

# The SVG has no viewBox, so it is never scaled: text keeps its real size at any width or zoom
# (WCAG 1.4.4 and 1.4.10). Heights are in CSS pixels; bar lengths are percentages of the width,
# with each label on its own line above its bar so that nothing collides on a narrow screen.
LABEL_HEIGHT = 21
BAR_HEIGHT = 18
ROW_GAP = 10
BAR_SPACE_PERCENT = 85  # the rest holds the figure after the longest bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""
    colour: str = "#1d70b8"
    # Filled in by the chart: where the bar sits.
    y: int = 0
    width: float = 0  # percent of the chart's width

    @property
    def label_y(self) -> int:
        return self.y - 6

    @property
    def value_x(self) -> float:
        return round(self.width + 1.5, 1)

    @property
    def value_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart; `describe` says in words what the bars show."""

    slug: str
    title: str
    unit: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)

    @property
    def laid_out(self) -> list[Bar]:
        largest = max((bar.value for bar in self.bars), default=0) or 1
        row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
        return [
            Bar(
                label=bar.label,
                value=bar.value,
                href=bar.href,
                colour=bar.colour,
                y=LABEL_HEIGHT + index * row,
                width=round(BAR_SPACE_PERCENT * bar.value / largest, 1) if bar.value else 0,
            )
            for index, bar in enumerate(self.bars)
        ]

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def describe(self) -> str:
        if not self.bars or not self.total:
            return f"{self.title}: none."
        parts = [f"{bar.label} {bar.value}" for bar in self.bars if bar.value]
        return f"{self.title}, {self.total} {self.unit} in all: " + "; ".join(parts) + "."
