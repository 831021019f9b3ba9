"""Server-drawn SVG bar charts with a text alternative and the same data as a table.

No chart library and nothing inline that the CSP forbids: the SVG uses presentation
attributes (fill, x, y), and each chart names itself with <title> and <desc>.
"""

from dataclasses import dataclass, field

BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 250
BAR_SPACE = 380
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""
    colour: str = "#1d70b8"
    # Filled in by the chart: where the bar sits.
    y: int = 0
    width: int = 0


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
        return max(1, len(self.bars)) * (BAR_HEIGHT + GAP) + GAP

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_SPACE + VALUE_WIDTH

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def laid_out(self) -> list[Bar]:
        largest = max((bar.value for bar in self.bars), default=0) or 1
        return [
            Bar(
                label=bar.label,
                value=bar.value,
                href=bar.href,
                colour=bar.colour,
                y=GAP + index * (BAR_HEIGHT + GAP),
                width=round(BAR_SPACE * bar.value / largest) if bar.value else 0,
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
