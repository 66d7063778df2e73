"""Who is on the other end of a click or an order: people, their devices, addresses and browsers.

Only realistic shapes: public IPv4 ranges of residential ISPs, mobile carriers (CGNAT, shared by
many strangers), universities and hosting providers; browser strings as browsers send them.
Nothing here knows which partner is honest.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from .vocab import ANDROID_MODELS, FIRST_NAMES, IPHONE_OS, LAST_NAMES, MAIL_DOMAINS, MOBILE, RESIDENTIAL

# /16 prefixes held by large residential ISPs, mobile carriers, universities and hosting companies.


def sha_guest_id(email: str) -> str:
    """The shop's identity for a guest buyer: a hash of the normalized email."""
    return "email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:40]


def ip_in(rng: random.Random, prefixes: tuple[tuple[int, int], ...]) -> str:
    a, b = rng.choice(prefixes)
    return f"{a}.{b}.{rng.randint(0, 255)}.{rng.randint(2, 254)}"


def net24(rng: random.Random, prefixes: tuple[tuple[int, int], ...]) -> str:
    """A /24 network as 'a.b.c' (append '.d' for a host)."""
    a, b = rng.choice(prefixes)
    return f"{a}.{b}.{rng.randint(0, 255)}"


def desktop_ua(rng: random.Random) -> str:
    chrome = rng.randint(118, 127)
    kind = rng.random()
    if kind < 0.45:
        return (
            f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{chrome}.0.0.0 Safari/537.36"
        )
    if kind < 0.62:
        minor = rng.choice(("17.2", "17.3.1", "17.4", "17.5", "17.6", "18.0", "18.1"))
        return (
            f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            f"Version/{minor} Safari/605.1.15"
        )
    if kind < 0.75:
        return (
            f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{chrome}.0.0.0 Safari/537.36"
        )
    if kind < 0.87:
        return (
            f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{chrome}.0.0.0 Safari/537.36 Edg/{chrome}.0.{rng.randint(2000, 2600)}.{rng.randint(40, 99)}"
        )
    firefox = rng.randint(118, 128)
    return f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{firefox}.0) Gecko/20100101 Firefox/{firefox}.0"


def mobile_ua(rng: random.Random, app: str = "") -> str:
    """A phone browser; ``app`` = 'instagram' or 'tiktok' gives that app's in-app browser."""
    if rng.random() < 0.55:
        os_version = rng.choice(IPHONE_OS)
        base = (
            f"Mozilla/5.0 (iPhone; CPU iPhone OS {os_version} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        )
        if app == "instagram":
            build = f"{rng.randint(300, 340)}.0.0.{rng.randint(10, 40)}.{rng.randint(60, 120)}"
            return f"{base} Mobile/15E148 Instagram {build}"
        if app == "tiktok":
            return f"{base} Mobile/15E148 musical_ly_{rng.randint(32, 36)}.{rng.randint(0, 9)}.0 JsSdk/2.0 NetType/WIFI"
        return f"{base} Version/{os_version.split('_')[0]}.0 Mobile/15E148 Safari/604.1"
    chrome = rng.randint(118, 127)
    android = rng.randint(11, 14)
    if app:
        marker = "Instagram 330.0.0.40.92 Android" if app == "instagram" else "trill_340003 JsSdk/2.0"
        return (
            f"Mozilla/5.0 (Linux; Android {android}; {rng.choice(ANDROID_MODELS)}; wv) AppleWebKit/537.36 "
            f"(KHTML, like Gecko) Version/4.0 Chrome/{chrome}.0.0.0 Mobile Safari/537.36 {marker}"
        )
    return (
        f"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome}.0.0.0 "
        "Mobile Safari/537.36"
    )


def webview_ua(rng: random.Random) -> str:
    """An Android app's embedded web view: thousands of distinct strings (model, build, Chrome patch)."""
    build = f"{rng.choice('TSRQ')}P{rng.randint(1, 3)}A.{rng.randint(210000, 240999)}.{rng.randint(1, 30):03d}"
    chrome = f"{rng.randint(110, 127)}.0.{rng.randint(5000, 6600)}.{rng.randint(10, 200)}"
    return (
        f"Mozilla/5.0 (Linux; Android {rng.randint(9, 14)}; {rng.choice(ANDROID_MODELS)} Build/{build}; wv) "
        f"AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/{chrome} Mobile Safari/537.36"
    )


@dataclass
class Customer:
    """A buyer as the shop knows them, with the devices they shop from."""

    customer_id: str
    email: str
    home_ip: str
    mobile_net: str
    desktop_agent: str
    mobile_agent: str
    mobile_share: float
    first_order: float = field(default=float("inf"))
    """POSIX time of the customer's first order, once assigned."""

    def device(self, rng: random.Random, mobile: bool | None = None) -> tuple[str, str]:
        on_mobile = rng.random() < self.mobile_share if mobile is None else mobile
        if on_mobile:
            # Phones move between the carrier (CGNAT, a fresh address each time) and home Wi-Fi.
            ip = self.home_ip if rng.random() < 0.3 else f"{self.mobile_net}.{rng.randint(2, 254)}"
            return ip, self.mobile_agent
        return self.home_ip, self.desktop_agent


class People:
    """Makes unique people: emails, platform customer ids, devices."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.emails: set[str] = set()
        self.platform_ids: set[str] = set()

    def email(self, first: str = "", last: str = "") -> str:
        rng = self.rng
        while True:
            first_name = first or rng.choice(FIRST_NAMES)
            last_name = last or rng.choice(LAST_NAMES)
            style = rng.random()
            if style < 0.4:
                local = f"{first_name}.{last_name}{rng.randint(1, 99)}"
            elif style < 0.7:
                local = f"{first_name}{last_name}{rng.randint(1, 9999)}"
            else:
                local = f"{first_name[0]}{last_name}{rng.randint(1960, 2006)}"
            email = f"{local}@{rng.choice(MAIL_DOMAINS)}"
            if email not in self.emails:
                self.emails.add(email)
                return email

    def email_at(self, local: str, domain: str) -> str:
        email = f"{local}@{domain}"
        self.emails.add(email)
        return email

    def platform_id(self) -> str:
        while True:
            candidate = str(self.rng.randint(6_000_000, 8_999_999))
            if candidate not in self.platform_ids:
                self.platform_ids.add(candidate)
                return candidate

    def customer(
        self,
        *,
        account: bool | None = None,
        email: str = "",
        home_ip: str = "",
        mobile_share: float | None = None,
        app: str = "",
    ) -> Customer:
        rng = self.rng
        address = email or self.email()
        holds_account = rng.random() < 0.55 if account is None else account
        return Customer(
            customer_id=self.platform_id() if holds_account else sha_guest_id(address),
            email=address,
            home_ip=home_ip or ip_in(rng, RESIDENTIAL),
            mobile_net=net24(rng, MOBILE),
            desktop_agent=desktop_ua(rng),
            mobile_agent=mobile_ua(rng, app),
            mobile_share=rng.uniform(0.3, 0.8) if mobile_share is None else mobile_share,
        )
