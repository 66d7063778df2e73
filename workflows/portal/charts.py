"""Inline SVG charts: no JavaScript, no images to serve, readable by screen readers through their title."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT, PAD = 640, 180, 28


def _path(values: Sequence[int], top: int) -> str:
    if not values:
        return ""
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    scale = (HEIGHT - 2 * PAD) / max(top, 1)
    points = [f"{PAD + i * step:.1f},{HEIGHT - PAD - v * scale:.1f}" for i, v in enumerate(values)]
    return "M" + " L".join(points)


def trend_svg(*, title: str, days: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]]) -> str:
    """A line chart of daily ``series`` (label, colour, values); each series is scaled to its own maximum.

    Separate scales keep a series of a few cents visible next to one of thousands of clicks; the legend
    prints each series' peak so the reader can still compare magnitudes.
    """
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" class="trend"><title>{escape(title)}</title>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#c8ccd4"/>',
    ]
    for index, (label, colour, values) in enumerate(series):
        top = max(values, default=0)
        parts.append(f'<path d="{_path(values, top)}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(
            f'<text x="{PAD + index * 220}" y="16" font-size="12" fill="{colour}">{escape(label)} (peak {top})</text>'
        )
    if days:
        parts.append(f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="11" fill="#6b7385">{escape(days[0])}</text>')
        parts.append(
            f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" font-size="11" fill="#6b7385" '
            f'text-anchor="end">{escape(days[-1])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
