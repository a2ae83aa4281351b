"""Small server-rendered SVG charts (pure: no Django, no JavaScript).

Colours are SVG presentation attributes, not style attributes, so a strict
Content-Security-Policy (no inline styles) leaves them alone. Every chart carries a
<title> (its accessible name) and every bar its own <title> with the exact number; the
dashboard also lists the same numbers as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

DEFAULT_COLOUR = "#0b5cad"
LABEL_WIDTH = 150
ROW_HEIGHT = 24
WIDTH = 480


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str = DEFAULT_COLOUR
    href: str = ""


def _safe_colour(colour: str) -> str:
    ok = len(colour) == 7 and colour.startswith("#")
    return colour if ok and all(c in "0123456789abcdefABCDEF" for c in colour[1:]) else "#6e7781"


def _bar_row(index: int, bar: Bar, scale: float) -> str:
    y = index * ROW_HEIGHT
    width = max(1.0, bar.value * scale) if bar.value else 0.0
    label = escape(bar.label if len(bar.label) <= 22 else bar.label[:21] + "…")
    body = (
        f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end">{label}</text>'
        f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width:.1f}" height="{ROW_HEIGHT - 8}" '
        f'fill="{_safe_colour(bar.colour)}"><title>{escape(bar.label)}: {bar.value}</title></rect>'
        f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 16}">{bar.value}</text>'
    )
    if bar.href:
        return f'<a href="{escape(bar.href)}">{body}</a>'
    return body


def bar_chart(bars: list[Bar], *, title: str) -> str:
    """Horizontal bars, one row per item, scaled to the largest value."""
    height = max(1, len(bars)) * ROW_HEIGHT
    biggest = max((bar.value for bar in bars), default=0)
    scale = (WIDTH - LABEL_WIDTH - 40) / biggest if biggest else 0.0
    rows = "".join(_bar_row(i, bar, scale) for i, bar in enumerate(bars))
    if not bars:
        rows = '<text x="4" y="16">No data yet</text>'
    # A chart whose bars are links is a group of links, not an image (axe: nested-interactive).
    role = "group" if any(bar.href for bar in bars) else "img"
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="{role}" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" font-size="12" fill="#1f2328">'
        f"<title>{escape(title)}</title>{rows}</svg>"
    )


def column_chart(bars: list[Bar], *, title: str, height: int = 140) -> str:
    """Vertical columns in order (for example one per week), labelled under the axis."""
    plot = height - 32
    biggest = max((bar.value for bar in bars), default=0)
    step = WIDTH / max(1, len(bars))
    parts = []
    for i, bar in enumerate(bars):
        h = (bar.value / biggest * plot) if biggest else 0.0
        x = i * step
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{plot - h + 12:.1f}" width="{step - 4:.1f}" '
            f'height="{h:.1f}" fill="{_safe_colour(bar.colour)}">'
            f"<title>{escape(bar.label)}: {bar.value}</title></rect>"
            f'<text x="{x + step / 2:.1f}" y="{plot - h + 9:.1f}" text-anchor="middle">'
            f"{bar.value if bar.value else ''}</text>"
        )
        if i % max(1, len(bars) // 6) == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - 4}" text-anchor="middle">'
                f"{escape(bar.label)}</text>"
            )
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="11" fill="#1f2328">'
        f"<title>{escape(title)}</title>"
        f'<line x1="0" y1="{plot + 12}" x2="{WIDTH}" y2="{plot + 12}" stroke="#d1d9e0"/>'
        f"{''.join(parts)}</svg>"
    )
