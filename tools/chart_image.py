"""PNG images of the report's inline SVG bar charts, for channels that cannot show SVG (Slack, most mail clients).

Our report templates draw charts with two SVG elements only, ``<rect x y width height fill>`` and
``<text x y font-size>``; this renders exactly that subset with Pillow (at 2x for sharp text). It is not a
general SVG renderer: anything else in the SVG is ignored.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SCALE = 2


@dataclass(frozen=True)
class ChartImage:
    filename: str
    title: str
    png: bytes


def _number(value: str | None, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def render_svg(svg: str) -> bytes:
    """One SVG (rect + text subset) as PNG bytes on a white background."""
    root = ET.fromstring(svg)
    width, height = _number(root.get("width"), 520), _number(root.get("height"), 200)
    image = Image.new("RGB", (int(width * _SCALE), int(height * _SCALE)), "white")
    draw = ImageDraw.Draw(image)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        x, y = _number(element.get("x")) * _SCALE, _number(element.get("y")) * _SCALE
        if tag == "rect":
            w, h = _number(element.get("width")) * _SCALE, _number(element.get("height")) * _SCALE
            if w > 0 and h > 0:
                draw.rectangle((x, y, x + w, y + h), fill=element.get("fill") or "#4f46e5")
        elif tag == "text" and element.text:
            font = ImageFont.load_default(size=_number(element.get("font-size"), 12) * _SCALE)
            draw.text((x, y), element.text.strip(), fill="#111827", font=font, anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def charts_from_html(html: str) -> list[ChartImage]:
    """Every inline SVG chart of an HTML report as a PNG named after its ``aria-label``; unreadable ones are skipped."""
    images = []
    for number, match in enumerate(_SVG.finditer(html), start=1):
        try:
            root = ET.fromstring(match.group(0))
            title = root.get("aria-label") or f"Chart {number}"
            images.append(ChartImage(filename=f"{_slug(title)}.png", title=title, png=render_svg(match.group(0))))
        except (ET.ParseError, ValueError, OSError):
            continue
    return images
