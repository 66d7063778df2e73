"""The sentences of a nudge, from the partner's own numbers (``diagnosis``): what drove the decline, how the
program moved over the same days, what works for similar partners, and the one action. The offline copy
is made of them and the LLM is given them as facts, so both say the same thing. Pure functions, no SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from agents.nudges.diagnosis import DECLINE, Peers, main_driver
from agents.wording import change_text, counted, moved, size_text
from store.money import human_money
from tools.analytics_sql import percent_text
from tools.inventory import SkuInventory
from tools.metrics import PartnerMetrics, rates_of

SEASON = Decimal("-0.05")  # the program fell at least this much: the season explains part of a partner's drop
HELD = Decimal("0.05")  # clicks within 5% of before "held up"


def decline(partner: PartnerMetrics, *, measure: str, days: int, currency: str) -> str:
    """``Your sales through us fell 78.8% over the last 28 days`` (or the orders, when they are what fell)."""
    if measure == "revenue" and partner.current.revenue_cents == 0:
        return (f"You had no sales through us over the last {days} days, against "
                f"{human_money(partner.previous.revenue_cents, currency)} in the {days} before")
    if measure == "revenue":
        return f"Your sales through us fell {size_text(partner.change.revenue)} over the last {days} days"
    return f"Your orders through us fell {size_text(partner.change.orders)} over the last {days} days"


def _secondary(shares: Mapping[str, Decimal], driver: str, factor: str) -> bool:
    """``factor`` took away at least a third as much as the driver: worth naming too."""
    return factor != driver and factor in shares and shares[factor] < 0 and shares[factor] * 3 <= shares[driver]


def _clicks_aside(clicks: Decimal | None) -> str:
    if clicks is None:
        return ""
    if clicks <= DECLINE:
        return f"; clicks fell {size_text(clicks)} too"
    if clicks < -HELD:
        return f", while clicks fell only {size_text(clicks)}"
    return f", while your clicks held up ({change_text(clicks)})"


def _bought(partner: PartnerMetrics) -> str:
    """``1.7% of clicks, against 5.0%``."""
    return (f"{percent_text(partner.rates.conversion_rate)} of clicks, "
            f"against {percent_text(rates_of(partner.previous).conversion_rate)}")


def cause(partner: PartnerMetrics, *, shares: Mapping[str, Decimal], currency: str) -> str:
    """Why, from the factor that took away the most (``diagnosis.drivers``): ``mostly because ...``."""
    now, before = partner.current, partner.previous
    driver = main_driver(shares)
    if driver == "clicks":
        text = f"mostly because fewer people clicked ({counted(now.clicks, 'click')}, against {before.clicks:,})"
        return text + (f", and fewer of them bought ({_bought(partner)})"
                       if _secondary(shares, driver, "conversion") else "")
    if driver == "conversion":
        if now.clicks and not now.click_orders:
            text = (f"mostly because none of the {counted(now.clicks, 'person', 'people')} who clicked bought, "
                    f"against {percent_text(rates_of(before).conversion_rate)} of clicks before")
        else:
            text = f"mostly because fewer of the people who clicked bought: {_bought(partner)}"
        return text + _clicks_aside(partner.change.clicks)
    if driver == "order_value":
        aov, aov_before = partner.rates.aov_cents or 0, rates_of(before).aov_cents or 0
        return (f"mostly because orders were smaller: {human_money(aov, currency)} on average, "
                f"against {human_money(aov_before, currency)}")
    other, other_before = now.orders - now.click_orders, before.orders - before.click_orders
    return (f"mostly because fewer orders came through your code or ref link without a click "
            f"({other:,}, against {other_before:,})")


def program_context(change: Decimal | None) -> str:
    """How the whole program moved over the same days, and whether that is the season: a 0.6% dip is not."""
    if change is None:
        return ""
    if change <= SEASON:
        return f"The program as a whole fell {size_text(change)} over the same days too, so part of it is the season."
    if change < 0 and moved(change) != "was about flat":
        return (f"The program as a whole fell only {size_text(change)} over the same days, "
                "so the season explains little of it.")
    return f"Over the same days the program as a whole {moved(change)}, so it is not the season."


def opening(*, decline: str, cause: str, program: str) -> str:
    """The offline copy's body: the decline, its cause, the program's move, and what follows."""
    return (f"{decline}, {cause}."
            + (f" {program}" if program else "")
            + " Below: your numbers, what is working for partners like you, and one thing to try this week.")


def works_for_peers(peers: Peers, category: str | None, network: str, days: int,
                    stock: dict[str, SkuInventory]) -> str:
    if not peers.partner_ids:
        return "No partner comparable to you grew over the same days, so part of this is the season, not you."
    count = len(peers.partner_ids)
    who = {"category": f"{counted(count, 'partner')} who {'sells' if count == 1 else 'sell'} {category}",
           "network": f"{counted(count, 'partner')} from {network}",
           "program": counted(count, "partner")}[peers.basis]
    sentence = f"{who} grew {'its' if count == 1 else 'their'} revenue over the same {days} days"
    if peers.top_skus:
        sentence += "; what they sell most: " + ", ".join(
            f"{stock[sku].title} ({counted(units, 'unit')})" for sku, units in peers.top_skus)
    return sentence + f", converting {percent_text(peers.conversion_rate)} of their clicks."


def action(partner: PartnerMetrics, *, driver: str, peers: Peers, lost: SkuInventory | None, audience: str,
           currency: str, stock: dict[str, SkuInventory]) -> tuple[str, str | None]:
    """One concrete action for the driver of the decline and the SKU it features (its link goes in the nudge)."""
    suggestion = next((sku for sku, _ in peers.top_skus if lost is None or sku != lost.sku), None)
    title = stock[suggestion].title if suggestion else None
    target = f"{title}, using the link below" if title else "a product that is in stock and selling"
    if lost is not None and (lost.stock <= 0 or lost.low_stock):
        left = ("is out of stock" if lost.stock <= 0
                else f"is down to {counted(lost.stock, 'unit')} ({lost.days_of_cover} days of cover)")
        swap = f"{title}, using the link below" if title else "another product your audience already buys"
        return (f"{lost.title} {left}, which explains part of the drop: swap its link in the post that features it "
                f"for {swap}.", suggestion)
    if driver == "clicks":
        sku = suggestion or (lost.sku if lost is not None else None)
        subject = title or (lost.title if lost is not None else "your best-selling product")
        link = "the tracking link below" if sku else "your tracking link"
        return (f"publish one new piece this week on {subject}, with {link} in its first lines: "
                f"your clicks fell {size_text(partner.change.clicks)}, and fresh content is what brings them back.", sku)
    if driver == "conversion":
        clicks = partner.change.clicks
        if clicks is not None and clicks >= -HELD:
            why = f"your clicks held up ({change_text(clicks)}) but fewer of them bought"
        elif partner.current.clicks and not partner.current.click_orders:
            why = "none of the people who clicked bought"
        else:
            why = f"fewer of the people who click buy ({_bought(partner)})"
        return f"{why}: in the post that sends you the most clicks, lead with {target}.", suggestion
    if driver == "order_value":
        aov, aov_before = partner.rates.aov_cents or 0, rates_of(partner.previous).aov_cents or 0
        return (f"your orders got smaller ({human_money(aov, currency)} on average, against "
                f"{human_money(aov_before, currency)}): in your next post, feature {target}.", suggestion)
    return (f"fewer orders came through your code or ref link: remind your {audience} of it in your next post, "
            f"featuring {target}.", suggestion)
