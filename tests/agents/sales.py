"""A small selling program for the tiering and commissions agents, as CSV rows for ``tests.tools.scenario.load``.

As of ``AS_OF`` (the 30-day window is March; February is the previous one):
- Gina Grows (p-gina): 8 tent orders in March, 3 in February: clean, rising, margin positive;
- Fred Flat (p-fred): 2 tent orders in March, 2 in February: too few orders for growth;
- Sara Self (p-sara): 10 orders in March, 4 of them by her own address: high-severity self-referral;
- Mia Mixed (p-mia): 12 orders in March, 2 by her own address: a medium self-referral finding, otherwise as
  good as Gina;
- products: a tent (plenty of stock), a lamp selling out (10 in stock, 30 sold in 28 days: 9.3 days of
  cover), a mug far over target (400 in stock, target 100, 2 sold).
Every order has its own click 30 minutes earlier, with a referrer, from a distinct network and customer
(except the self-referrals), so no other fraud signal applies.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

AS_OF = datetime(2026, 3, 31, tzinfo=UTC)
NAMES = {"p-gina": "Gina Grows", "p-fred": "Fred Flat", "p-sara": "Sara Self", "p-mia": "Mia Mixed"}
PRODUCTS = [
    "SKU-TENT,Tent,100.00,40.00,500,500,camping",
    "SKU-LAMP,Lamp,20.00,8.00,10,50,camping",
    "SKU-MUG,Mug,10.00,3.00,400,100,kitchen",
]
# partner -> (orders in March, orders in February, March orders placed by the partner's own address)
SALES = {"p-gina": (8, 3, 0), "p-fred": (2, 2, 0), "p-sara": (10, 0, 4), "p-mia": (12, 0, 2)}
LAMPS_SOLD = 30  # across March's Gina and Mia orders: two lamps on each of 15 orders
MUGS_SOLD = 2


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def email(partner_id: str) -> str:
    return f"{partner_id.removeprefix('p-')}@creators.example"


def program() -> dict[str, list[str]]:
    partners = [f"{pid},{name},{email(pid)},blog,5000,0.04,{pid.upper()},,direct" for pid, name in NAMES.items()]
    clicks: list[str] = []
    orders: list[str] = []
    lamps_left, mugs_left, number = LAMPS_SOLD // 2, MUGS_SOLD, 0
    for index, (pid, (march, february, own)) in enumerate(SALES.items()):
        days = [AS_OF - timedelta(days=2 + 3 * i, hours=index) for i in range(march)]
        days += [AS_OF - timedelta(days=32 + 3 * i, hours=index) for i in range(february)]
        for position, ts in enumerate(days):
            number += 1
            click_id, order_id = f"k{number}", f"o{number}"
            clicks.append(f"{click_id},{_ts(ts - timedelta(minutes=30))},{pid},10.{index}.{number}.7,Mozilla/5.0,"
                          f"https://{pid}.example/review,,,")
            customer = email(pid) if position < own else f"cust-{number}"
            orders.append(f"{order_id},{_ts(ts)},{customer},{click_id},,,USD,SKU-TENT,1,100.00")
            in_march = position < march
            if in_march and pid in ("p-gina", "p-mia") and lamps_left > 0:
                lamps_left -= 1
                orders.append(f"{order_id},{_ts(ts)},{customer},{click_id},,,USD,SKU-LAMP,2,20.00")
            elif in_march and pid == "p-fred" and mugs_left > 0:
                mugs_left -= 1
                orders.append(f"{order_id},{_ts(ts)},{customer},{click_id},,,USD,SKU-MUG,1,10.00")
    return {"partners": partners, "products": PRODUCTS, "clicks": clicks, "orders": orders}
