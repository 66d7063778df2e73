"""Simulated clicks, orders and refunds of the demo program, partner by partner.

Each archetype leaves the traces real fraud leaves, mixed into honest traffic: leaked coupon codes on
orders without a click, injected clicks seconds before organic orders, stuffed cookies (huge click counts,
no referrer, few IP prefixes) that catch returning customers, poachers converting existing customers,
self-referrers buying through their own link with their own identity. Organic (unattributed) orders,
including a history before the window, make returning customers observable. Everything comes from the
one seeded ``Random`` (the draw helpers also take another stream: ``workflows.demo.checkout`` draws
from its own); only lists and dicts are iterated, so output never depends on hash order.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from workflows.demo.archetypes import Behaviour
from workflows.demo.catalog import SHOP_URL, WEEKDAY_FACTOR, PartnerSpec, ProductSpec

COOKIE_DAYS = 30
RETURN_DAYS = 30
HISTORY_DAYS = 45
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 7, 6, 6, 7, 8, 10, 12, 12, 10, 6, 3)
USER_AGENTS = (
    (6, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"),
    (5, "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"),
    (4, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"),
    (3, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15"),
    (1, "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"),
    (1, "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"),
)  # fmt: skip
_HOUR_CUMULATIVE = tuple(itertools.accumulate(HOUR_WEIGHTS))
_UA_CUMULATIVE = tuple(itertools.accumulate(weight for weight, _ in USER_AGENTS))
_FIRST_OCTETS = tuple(n for n in range(23, 224) if n not in (100, 127, 169, 172, 192, 198, 203))


@dataclass(slots=True)
class Click:
    click_id: str
    ts: datetime
    partner_id: str
    ip: str
    user_agent: str
    referrer: str
    landing_url: str
    sku: str
    customer_ref: str


@dataclass(slots=True)
class Order:
    ts: datetime
    customer_id: str
    click_id: str = ""
    ref_code: str = ""
    coupon_code: str = ""
    lines: list[tuple[str, int, int]] = field(default_factory=list)  # (sku, quantity, unit price cents)
    refund_rate: float = 0.1
    order_id: str = ""


class World:
    """The shared state of one simulation: clock, catalog, customers and everything generated so far."""

    def __init__(self, *, rng: Random, end: datetime, days: int, products: list[ProductSpec]) -> None:
        self.rng = rng
        self.end = end
        self.days = days
        self.start = end - timedelta(days=days)
        self.products = products
        self.by_sku = {product.sku: product for product in products}
        self.cumulative = list(itertools.accumulate(p.popularity for p in products))
        self.clicks: list[Click] = []
        self.orders: list[Order] = []
        self.history_customers: list[str] = []
        self._next_customer = 0
        self._next_click = 0

    # --- small draws -------------------------------------------------------------------------------
    def day_start(self, day: int) -> datetime:
        return self.start + timedelta(days=day)

    def weekday_factor(self, day: int) -> float:
        return WEEKDAY_FACTOR[self.day_start(day).weekday()]

    def time_in_day(self, day: int) -> datetime:
        """A moment of the day, busier in the evening (cumulative weights: this runs ~200k times)."""
        hour = bisect.bisect_right(_HOUR_CUMULATIVE, self.rng.random() * _HOUR_CUMULATIVE[-1])
        return self.day_start(day) + timedelta(hours=hour, seconds=int(self.rng.random() * 3600))

    def count(self, mean: float) -> int:
        """A whole number of events with the given mean (floor plus a Bernoulli remainder)."""
        whole = int(mean)
        return whole + (1 if self.rng.random() < mean - whole else 0)

    def new_customer(self) -> str:
        self._next_customer += 1
        return f"cus-{self._next_customer:06d}"

    def returning_customer(self) -> str:
        """A customer with an order in the history period, i.e. before any window order."""
        return self.rng.choice(self.history_customers) if self.history_customers else self.new_customer()

    def ip(self, rng: Random | None = None) -> str:
        rng = rng or self.rng
        if rng.random() < 0.08:
            return f"2a02:{rng.randrange(0x1000, 0xFFFF):x}:{rng.randrange(0xFFFF):x}::{rng.randrange(1, 0xFFFF):x}"
        rest = rng.getrandbits(24)
        return f"{rng.choice(_FIRST_OCTETS)}.{rest >> 16}.{(rest >> 8) & 255}.{(rest & 255) or 1}"

    def user_agent(self, rng: Random | None = None) -> str:
        index = bisect.bisect_right(_UA_CUMULATIVE, (rng or self.rng).random() * _UA_CUMULATIVE[-1])
        return USER_AGENTS[index][1]

    def sku(self, rng: Random | None = None) -> ProductSpec:
        index = bisect.bisect_left(self.cumulative, (rng or self.rng).random() * self.cumulative[-1])
        return self.products[min(index, len(self.products) - 1)]

    def basket(
        self, first: ProductSpec | None, discount: bool, rng: Random | None = None
    ) -> list[tuple[str, int, int]]:
        rng = rng or self.rng
        items = [first or self.sku(rng)]
        while len(items) < 4 and rng.random() < 0.3:
            items.append(self.sku(rng))
        lines = []
        for product in items:
            quantity = rng.choices((1, 2, 3), weights=(85, 12, 3))[0]
            price = product.price_cents * 9 // 10 if discount else product.price_cents
            lines.append((product.sku, quantity, price))
        return lines

    # --- events ------------------------------------------------------------------------------------
    def click(self, ts: datetime, partner: PartnerSpec, **overrides: str) -> Click:
        self._next_click += 1
        product = self.sku() if self.rng.random() < 0.7 else None
        landing = f"{SHOP_URL}/products/{product.sku}" if product else SHOP_URL
        click = Click(
            click_id=f"clk-{self._next_click:08d}",
            ts=ts,
            partner_id=partner.partner_id,
            ip=self.ip(),
            user_agent=self.user_agent(),
            referrer=f"{partner.site}/{int(self.rng.random() * 10_000)}",
            landing_url=f"{landing}?ref={partner.ref_code}",
            sku=product.sku if product else "",
            customer_ref="",
        )
        for name, value in overrides.items():
            setattr(click, name, value)
        self.clicks.append(click)
        return click

    def order(
        self,
        ts: datetime,
        customer: str,
        refund_rate: float,
        *,
        click_id: str = "",
        ref_code: str = "",
        coupon_code: str = "",
        sku: str = "",
    ) -> Order | None:
        """An order (ignored if it would fall after the end of the window); ``sku`` is the first line's."""
        if ts >= self.end:
            return None
        order = Order(ts, customer, click_id, ref_code, coupon_code, refund_rate=refund_rate)
        order.lines = self.basket(self.by_sku.get(sku), discount=bool(coupon_code))
        self.orders.append(order)
        return order


def simulate_organic(world: World, *, per_day: float) -> None:
    """Orders no partner touched: a history before the window (the returning customers) and daily traffic."""
    rng = world.rng
    for day in range(-HISTORY_DAYS, world.days):
        for _ in range(world.count(per_day * world.weekday_factor(day))):
            history = day < 0 or not world.history_customers
            customer = world.new_customer() if history or rng.random() < 0.55 else world.returning_customer()
            if day < 0:
                world.history_customers.append(customer)
            coupon = "WELCOME10" if rng.random() < 0.05 else ""
            world.order(world.time_in_day(day), customer, 0.1, coupon_code=coupon)


def simulate_partner(world: World, partner: PartnerSpec, behaviour: Behaviour, noise: float) -> list[Click]:
    """Honest-looking traffic for every partner, then the archetype's own pattern on top; returns the former's clicks."""
    first_click = len(world.clicks)
    _honest_traffic(world, partner, behaviour, noise)
    honest = world.clicks[first_click:]
    special = {
        "coupon_leaker": _leaked_coupons,
        "click_injector": _injected_clicks,
        "cookie_stuffer": _stuffed_cookies,
        "self_referrer": _self_orders,
    }.get(behaviour.archetype)
    if special is not None:
        special(world, partner, behaviour)
    return honest


def _trend(world: World, behaviour: Behaviour, day: int) -> float:
    progress = day / max(1, world.days - 1)
    return behaviour.trend_start + (behaviour.trend_end - behaviour.trend_start) * progress


def _honest_traffic(world: World, partner: PartnerSpec, behaviour: Behaviour, noise: float) -> None:
    rng = world.rng
    stuffer = behaviour.archetype == "cookie_stuffer"
    prefixes = [world.ip().rsplit(".", 1)[0] for _ in range(4)] if stuffer else []
    for day in range(world.days):
        daily_noise = rng.lognormvariate(0, 0.15 + 0.5 * noise)
        mean = behaviour.clicks_per_day * _trend(world, behaviour, day) * world.weekday_factor(day) * daily_noise
        for _ in range(world.count(mean)):
            ts = world.time_in_day(day)
            if stuffer:  # hidden iframes and pixels: no referrer, a handful of networks
                ip = f"{rng.choice(prefixes)}.{rng.randrange(1, 255)}" if rng.random() < 0.85 else world.ip()
                click = world.click(ts, partner, referrer="", ip=ip)
            else:
                click = world.click(ts, partner)
            if rng.random() < behaviour.conversion:
                _convert(world, partner, behaviour, click, noise)


def _convert(world: World, partner: PartnerSpec, behaviour: Behaviour, click: Click, noise: float) -> None:
    rng = world.rng
    minutes = rng.lognormvariate(0, 1.5) * behaviour.median_minutes_to_order
    if rng.random() < 0.02 * noise:  # an honest buyer who knew exactly what they wanted
        minutes = rng.uniform(0.3, 0.95)
    delay = timedelta(minutes=min(max(minutes, 0.5), (COOKIE_DAYS - 1) * 24 * 60))
    new = rng.random() < behaviour.new_customer_share
    customer = world.new_customer() if new else world.returning_customer()
    fields = {"sku": click.sku} if click.sku else {}
    if partner.coupon_code and rng.random() < behaviour.coupon_share:
        fields["coupon_code"] = partner.coupon_code
    carried = rng.random()
    if carried < 0.82:
        fields["click_id"] = click.click_id
    elif carried < 0.9:
        fields["ref_code"] = partner.ref_code
    else:  # logged in on the phone, bought on the laptop: only the identity links them
        click.customer_ref = customer
    if rng.random() < 0.2:
        click.customer_ref = customer
    order = world.order(click.ts + delay, customer, behaviour.refund_rate, **fields)
    if order is not None and new and rng.random() < 0.12:  # a happy customer comes back on their own
        world.order(order.ts + timedelta(days=rng.uniform(5, 40)), customer, 0.08)


def _leaked_coupons(world: World, partner: PartnerSpec, behaviour: Behaviour) -> None:
    """The exclusive code spread on coupon sites: bursts of coupon orders that no click of theirs explains."""
    rng = world.rng
    leak_day = rng.randint(world.days // 6, world.days // 2)
    for day in range(leak_day, world.days):
        burst = rng.uniform(3, 7) if rng.random() < 0.12 else 1.0
        for _ in range(world.count(behaviour.special_per_day * burst * world.weekday_factor(day))):
            customer = world.new_customer() if rng.random() < 0.5 else world.returning_customer()
            world.order(world.time_in_day(day), customer, behaviour.refund_rate, coupon_code=partner.coupon_code)


def _injected_clicks(world: World, partner: PartnerSpec, behaviour: Behaviour) -> None:
    """An app that fires a click the moment it sees a shopper about to buy anyway."""
    rng = world.rng
    for day in range(world.days):
        for _ in range(world.count(behaviour.special_per_day * world.weekday_factor(day))):
            order_ts = world.time_in_day(day)
            seconds = rng.uniform(3, 50) if rng.random() < 0.82 else rng.uniform(60, 3 * 3600)
            referrer = rng.choice(("", "android-app://com.cleanboost.phone", ""))
            click = world.click(order_ts - timedelta(seconds=seconds), partner, referrer=referrer)
            customer = world.new_customer() if rng.random() < 0.5 else world.returning_customer()
            world.order(order_ts, customer, behaviour.refund_rate, click_id=click.click_id)


def _stuffed_cookies(world: World, partner: PartnerSpec, behaviour: Behaviour) -> None:
    """Stuffed cookies catch shoppers who were coming back anyway, days after the 'click'."""
    rng = world.rng
    own = sorted((c for c in world.clicks if c.partner_id == partner.partner_id), key=lambda c: c.ts)
    times = [c.ts for c in own]
    for day in range(world.days):
        for _ in range(world.count(behaviour.special_per_day * world.weekday_factor(day))):
            order_ts = world.time_in_day(day)
            low = bisect.bisect_left(times, order_ts - timedelta(days=14))
            high = bisect.bisect_left(times, order_ts - timedelta(hours=2))
            if low >= high:
                continue
            click = own[rng.randrange(low, high)]
            customer = world.returning_customer() if rng.random() < 0.85 else world.new_customer()
            world.order(order_ts, customer, behaviour.refund_rate, click_id=click.click_id)


def _self_orders(world: World, partner: PartnerSpec, behaviour: Behaviour) -> None:
    """The partner buys through their own link, logged in as themselves, from their home network."""
    rng = world.rng
    me = partner.email.lower()
    home = f"{rng.choice(_FIRST_OCTETS)}.{rng.randrange(256)}.{rng.randrange(256)}"
    for day in range(world.days):
        if rng.random() >= behaviour.special_per_day:
            continue
        order_ts = world.time_in_day(day)
        ip = f"{home}.{rng.randrange(2, 20)}"
        click = world.click(order_ts - timedelta(minutes=rng.uniform(2, 30)), partner, customer_ref=me, ip=ip)
        world.order(order_ts, me, min(0.6, behaviour.refund_rate * 2), click_id=click.click_id)
