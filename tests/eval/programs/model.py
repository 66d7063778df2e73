"""The generator's working state: partners, clicks and order intents, and the program clock.

An *intent* is an order before its buyer is chosen: time, how it reached the shop (click, code,
nothing) and whether its buyer is new or returning. Buyers are assigned in time order later, so
"returning" always means "ordered before" as a reader of the CSVs would measure it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .identity import Customer, People
from .spec import ProgramSpec

DAY = 86400.0
HOUR = 3600.0
MINUTE = 60.0
COOKIE_WINDOW = 30 * DAY
# Share of the day's traffic per UTC hour for a North American audience (evenings peak near 01:00 UTC).
DIURNAL = (
    9.0,
    8.5,
    7.5,
    6.0,
    4.0,
    2.5,
    1.6,
    1.2,
    1.0,
    1.0,
    1.3,
    2.2,
    3.6,
    4.6,
    5.4,
    5.8,
    6.0,
    6.3,
    6.6,
    7.0,
    7.3,
    7.8,
    8.3,
    8.8,
)
WEEKDAY = (1.0, 0.97, 0.95, 0.98, 1.02, 1.12, 1.1)


@dataclass
class Partner:
    partner_id: str
    name: str
    email: str
    channel: str
    audience_size: int
    engagement_rate: float
    ref_code: str
    coupon_code: str
    exclusive: bool
    network: str
    domain: str
    archetype: str
    strength: str | None
    profile: str
    home: Customer
    """The partner as a shopper: their own address, browsers and home network."""
    daily_clicks: float = 0.0
    quality: float = 1.0
    returning_share: float = 0.25
    code_only_share: float = 0.05
    median_hours: float = 8.0
    nat_net: str = ""


@dataclass
class Click:
    click_id: str
    ts: float
    partner_id: str
    ip: str
    user_agent: str
    referrer: str
    landing_url: str
    sku: str
    customer_ref: str = ""
    source: str = "genuine"


@dataclass
class Intent:
    ts: float
    source: str
    """organic, genuine (honest partner traffic) or the fraud mechanism that produced the order."""
    partner_id: str = ""
    returning: bool = False
    customer: Customer | None = None
    click_ts: float | None = None
    click: Click | None = None
    coupon: str = ""
    ref_code: str = ""
    sku: str = ""
    ip: str = ""
    user_agent: str = ""
    email_shown: str | None = None
    """The email as typed at checkout when it differs from the customer's (case, spaces)."""
    refund_rate: float = 0.07
    mobile: bool | None = None
    nat_ip: str = ""
    referrer: str = ""
    landing: str = ""
    click_sku: str = ""
    click_agent: str = ""
    """A browser the click (and so the checkout) used instead of the buyer's usual one (in-app browsers)."""


@dataclass
class World:
    spec: ProgramSpec
    rng: random.Random
    start: float
    end: float
    shop_domain: str
    people: People
    partners: list[Partner] = field(default_factory=list)
    clicks: list[Click] = field(default_factory=list)
    intents: list[Intent] = field(default_factory=list)
    skus: list[str] = field(default_factory=list)
    sku_weights: list[float] = field(default_factory=list)
    click_ids: set[str] = field(default_factory=set)

    @property
    def days(self) -> int:
        return self.spec.days

    def iso(self, ts: float) -> str:
        return datetime.fromtimestamp(round(ts), tz=UTC).isoformat()

    def click_id(self) -> str:
        while True:
            candidate = f"clk_{self.rng.getrandbits(64):016x}"
            if candidate not in self.click_ids:
                self.click_ids.add(candidate)
                return candidate

    def sku(self) -> str:
        return self.rng.choices(self.skus, weights=self.sku_weights)[0]

    def moment(self, day: int, flat: bool = False) -> float:
        """A time on window day ``day`` following the audience's daily rhythm (``flat``: bots and SDKs)."""
        hour = self.rng.randrange(24) if flat else self.rng.choices(range(24), weights=DIURNAL)[0]
        return self.start + day * DAY + hour * HOUR + self.rng.uniform(0, HOUR)

    def weekday_factor(self, day: int) -> float:
        weekday = datetime.fromtimestamp(self.start + day * DAY, tz=UTC).weekday()
        return WEEKDAY[weekday]

    def poisson(self, mean: float) -> int:
        if mean <= 0:
            return 0
        if mean > 40:
            return max(0, round(self.rng.gauss(mean, math.sqrt(mean))))
        limit, count, product = math.exp(-mean), 0, self.rng.random()
        while product > limit:
            count += 1
            product *= self.rng.random()
        return count

    def lognormal_delay(self, median_seconds: float, sigma: float) -> float:
        return median_seconds * math.exp(self.rng.gauss(0.0, sigma))

    def landing(self, partner: Partner, sku: str, page: str = "") -> str:
        path = page or (f"products/{sku.lower()}" if sku else "")
        return f"https://{self.shop_domain}/{path}?ref={partner.ref_code}"
