"""Statistics of a commission experiment: per-variant estimates, differences to control, and a verdict.

The randomisation unit is the partner, so every interval treats partners as the independent draws:
ratio metrics (conversion rate = orders / clicks, margin per click, ROI = margin / commission) use the
delta-method standard error of a ratio of per-partner sums; per-partner means use the ordinary one.
Intervals are two-sided 95% with Student's t (partners are few), differences with the conservative
Welch degrees of freedom ``min(n_a, n_b) - 1``. ``bench/experiments.py`` checks the coverage on
programs with a planted effect. Computed in ``Decimal``: money never passes through floats.

The verdict compares margin contribution per click (what a rate change is for: more margin, not more
commission): ``not_enough_data`` until every variant has ``MIN_PARTNERS`` partners with clicks and
``MIN_ORDERS`` orders, and — while the experiment runs — until some difference is significant;
``winner`` when one variant beats every other significantly; otherwise ``inconclusive``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

MIN_PARTNERS = 5
MIN_ORDERS = 30
_T975 = [
    "12.706",
    "4.303",
    "3.182",
    "2.776",
    "2.571",
    "2.447",
    "2.365",
    "2.306",
    "2.262",
    "2.228",
    "2.201",
    "2.179",
    "2.160",
    "2.145",
    "2.131",
    "2.120",
    "2.110",
    "2.101",
    "2.093",
    "2.086",
    "2.080",
    "2.074",
    "2.069",
    "2.064",
    "2.060",
    "2.056",
    "2.052",
    "2.048",
    "2.045",
    "2.042",
]


def t_critical(df: int) -> Decimal:
    """The 97.5% quantile of Student's t (table to 30 degrees of freedom, then 1.96 + 2.5/df: within 0.002)."""
    if df < 1:
        raise ValueError("t needs at least one degree of freedom")
    return Decimal(_T975[df - 1]) if df <= len(_T975) else Decimal("1.96") + Decimal("2.5") / df


@dataclass(frozen=True, slots=True)
class PartnerOutcome:
    """One partner's totals over the experiment window (money in cents, revenue net of refunds)."""

    partner_id: str
    variant: str
    clicks: int
    orders: int
    revenue_cents: int
    commission_cents: int
    margin_cents: int


@dataclass(frozen=True, slots=True)
class Estimate:
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None

    @property
    def excludes_zero(self) -> bool:
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


NONE = Estimate(None, None, None)


@dataclass(frozen=True, slots=True)
class _Spread:
    value: Decimal
    se: Decimal
    n: int


def _ratio(pairs: Sequence[tuple[int, int]]) -> _Spread | None:
    """sum(y) / sum(x) with the delta-method standard error over units (x, y)."""
    n = len(pairs)
    total_x = sum(x for x, _ in pairs)
    if n < 2 or total_x <= 0:
        return None
    ratio = Decimal(sum(y for _, y in pairs)) / total_x
    mean_x = Decimal(total_x) / n
    residual = sum(((Decimal(y) - ratio * x) ** 2 for x, y in pairs), Decimal(0))
    return _Spread(ratio, (residual / (n * (n - 1))).sqrt() / mean_x, n)


def _mean(values: Sequence[int]) -> _Spread | None:
    n = len(values)
    if n < 2:
        return None
    mean = Decimal(sum(values)) / n
    variance = sum(((Decimal(v) - mean) ** 2 for v in values), Decimal(0)) / (n - 1)
    return _Spread(mean, (variance / n).sqrt(), n)


def _interval(spread: _Spread | None) -> Estimate:
    """No bounds when the sample shows no spread (every partner alike, e.g. no sales yet): a zero-width
    interval would claim a certainty the data does not have."""
    if spread is None:
        return NONE
    if spread.se == 0:
        return Estimate(spread.value, None, None)
    half = t_critical(spread.n - 1) * spread.se
    return Estimate(spread.value, spread.value - half, spread.value + half)


def _difference(a: _Spread | None, b: _Spread | None) -> Estimate:
    """b - a, independent groups."""
    if a is None or b is None:
        return NONE
    value = b.value - a.value
    if a.se == 0 and b.se == 0:
        return Estimate(value, None, None)
    half = t_critical(min(a.n, b.n) - 1) * (a.se**2 + b.se**2).sqrt()
    return Estimate(value, value - half, value + half)


METRICS = (
    "conversion_rate",
    "margin_per_click",
    "roi",
    "revenue_per_partner",
    "commission_per_partner",
    "margin_per_partner",
)


def _spreads(outcomes: Sequence[PartnerOutcome]) -> dict[str, _Spread | None]:
    return {
        "conversion_rate": _ratio([(o.clicks, o.orders) for o in outcomes]),
        "margin_per_click": _ratio([(o.clicks, o.margin_cents) for o in outcomes]),
        "roi": _ratio([(o.commission_cents, o.margin_cents) for o in outcomes]),
        "revenue_per_partner": _mean([o.revenue_cents for o in outcomes]),
        "commission_per_partner": _mean([o.commission_cents for o in outcomes]),
        "margin_per_partner": _mean([o.margin_cents for o in outcomes]),
    }


@dataclass(frozen=True)
class VariantSummary:
    variant: str
    partners: int
    active_partners: int
    clicks: int
    orders: int
    revenue_cents: int
    commission_cents: int
    margin_cents: int
    estimates: dict[str, Estimate]
    versus_control: dict[str, Estimate]


@dataclass(frozen=True)
class Analysis:
    variants: list[VariantSummary]
    verdict: str  # not_enough_data | winner | inconclusive
    winner: str | None
    reason: str


def analyze(*, outcomes: Sequence[PartnerOutcome], variants: Sequence[str], finished: bool) -> Analysis:
    """Per-variant estimates and the verdict; ``variants[0]`` is the control."""
    groups = {v: [o for o in outcomes if o.variant == v] for v in variants}
    spreads = {v: _spreads(group) for v, group in groups.items()}
    control = variants[0]
    summaries = []
    for variant, group in groups.items():
        versus = (
            {m: _difference(spreads[control][m], spreads[variant][m]) for m in METRICS} if variant != control else {}
        )
        summaries.append(
            VariantSummary(
                variant=variant,
                partners=len(group),
                active_partners=sum(1 for o in group if o.clicks > 0),
                clicks=sum(o.clicks for o in group),
                orders=sum(o.orders for o in group),
                revenue_cents=sum(o.revenue_cents for o in group),
                commission_cents=sum(o.commission_cents for o in group),
                margin_cents=sum(o.margin_cents for o in group),
                estimates={m: _interval(spreads[variant][m]) for m in METRICS},
                versus_control=versus,
            )
        )
    verdict, winner, reason = _verdict(summaries, spreads, finished)
    return Analysis(summaries, verdict, winner, reason)


def _verdict(
    summaries: list[VariantSummary], spreads: dict[str, dict[str, _Spread | None]], finished: bool
) -> tuple[str, str | None, str]:
    thin = [s.variant for s in summaries if s.active_partners < MIN_PARTNERS or s.orders < MIN_ORDERS]
    if thin:
        need = f"each variant needs {MIN_PARTNERS} partners with clicks and {MIN_ORDERS} orders"
        return "not_enough_data", None, f"not enough data yet: {', '.join(thin)} below the minimum ({need})"
    for candidate in summaries:
        rivals = [s.variant for s in summaries if s.variant != candidate.variant]
        beats = [
            _difference(spreads[rival]["margin_per_click"], spreads[candidate.variant]["margin_per_click"])
            for rival in rivals
        ]
        if all(d.low is not None and d.low > 0 for d in beats):
            return (
                "winner",
                candidate.variant,
                f"{candidate.variant} has the highest margin per click (95% CI above every other)",
            )
    if not finished:
        return (
            "not_enough_data",
            None,
            "not enough data yet: no variant's margin per click differs significantly so far",
        )
    return "inconclusive", None, "no variant's margin per click differs significantly from the others"
