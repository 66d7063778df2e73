"""The evaluation program family: what each program is, never how it is generated.

Every number here is a *target* handed to the generator; the measured base rates land in
each program's ``truth.json``. Five programs are for tuning the detectors, three are held out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Split = Literal["tune", "holdout"]


@dataclass(frozen=True)
class ProgramSpec:
    name: str
    seed: int
    split: Split
    days: int
    partner_count: int
    sku_count: int
    theme: str
    end: date
    conversion: float
    """Click→order conversion of honest partner traffic."""
    returning_share: float
    """Share of orders placed by a customer who ordered before (organic and honest traffic)."""
    code_only_share: float
    """Share of an ordinary honest partner's orders placed with the code and no click."""
    median_hours: float
    """Median click→order delay of honest traffic (log-normal, cut at the 30-day window)."""
    honest_clicks: int
    """Honest partner clicks over the window, before profile effects."""
    organic_orders: int
    """Orders in the window with no partner involved (before fraud credits some of them)."""


PROGRAMS: tuple[ProgramSpec, ...] = (
    ProgramSpec(
        "atlas-outdoor", 1101, "tune", 60, 100, 220, "outdoor", date(2025, 5, 1), 0.030, 0.30, 0.08, 8.0, 38000, 2500
    ),
    ProgramSpec(
        "bramble-beauty", 2203, "tune", 75, 140, 320, "beauty", date(2025, 3, 15), 0.032, 0.40, 0.12, 5.0, 36000, 2600
    ),
    ProgramSpec(
        "cobalt-audio", 3307, "tune", 45, 85, 120, "audio", date(2024, 11, 30), 0.021, 0.22, 0.06, 30.0, 40000, 2200
    ),
    ProgramSpec(
        "dune-coffee", 4409, "tune", 90, 120, 150, "coffee", date(2025, 2, 1), 0.033, 0.44, 0.14, 5.0, 36000, 2700
    ),
    ProgramSpec(
        "ember-fitness", 5501, "tune", 60, 160, 400, "fitness", date(2025, 6, 20), 0.026, 0.27, 0.10, 18.0, 32000, 2500
    ),
    ProgramSpec(
        "fjord-home", 6607, "holdout", 80, 110, 260, "home", date(2025, 4, 10), 0.031, 0.35, 0.11, 12.0, 34000, 2600
    ),
    ProgramSpec(
        "gale-pets", 7703, "holdout", 50, 90, 180, "pets", date(2024, 12, 20), 0.022, 0.25, 0.07, 48.0, 38000, 2300
    ),
    ProgramSpec(
        "harbor-kids", 8803, "holdout", 70, 150, 350, "kids", date(2025, 1, 25), 0.035, 0.38, 0.13, 6.0, 36000, 2600
    ),
)
