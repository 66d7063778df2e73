"""Coupon-site watch: fetch aggregator pages, read the codes they publish, match the program's exclusive codes.

Reading is HTML parsing first: codes in ``data-code``-like attributes, in elements whose class or id says
coupon / code / promo, and in phrases such as "Use code XYZ"; a known exclusive code printed anywhere in
the page's text also counts. A page where parsing finds no code at all goes to ``extract_with_llm`` when
the caller passes one (the CLI wires the LLM client when it is configured); without it the page is
reported ``unreadable`` — never guessed. Fetching is polite: one request at a time, a User-Agent that
names us, short timeouts. Never writes to the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Literal

import httpx
from pydantic import AwareDatetime, BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Coupon
from tools.fraud import Finding

USER_AGENT = "afflow-coupon-watch/0.1 (+https://github.com/afflow; affiliate program compliance check)"
CODE_ATTRIBUTES = frozenset(
    {"data-code", "data-coupon", "data-coupon-code", "data-promo", "data-promo-code", "data-clipboard-text"}
)
HINTS = ("coupon", "code", "promo", "voucher")
TOKEN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,29}$")
PHRASE = re.compile(
    r"\b(?:use|enter|apply|with)\s+(?:the\s+)?(?:promo\s+|coupon\s+|discount\s+|voucher\s+)?code\s*[:\-]?\s*"
    r"[\"“'‘]?([A-Za-z0-9][A-Za-z0-9_-]{2,29})",
    re.IGNORECASE,
)
SKIPPED_TAGS = frozenset({"script", "style", "template"})

LlmExtractor = Callable[[str, str], list[str] | None]
"""(url, page text) -> codes the page publishes, or None if it cannot tell; only for pages parsing could not read."""


class PageResult(BaseModel):
    url: str
    status: Literal["readable", "unreadable", "error"]
    seen_at: AwareDatetime
    codes: list[str]
    matched: list[str]
    method: Literal["html", "llm", "none"]
    error: str | None = None


class WatchReport(BaseModel):
    pages: list[PageResult]
    findings: list[Finding]


def _is_code(text: str) -> bool:
    """A code-shaped token: letters/digits/dashes, with a digit or written in capitals ("Deal", "copy" are not)."""
    token = text.strip()
    if not TOKEN.match(token.upper()):
        return False
    return any(ch.isdigit() for ch in token) or token.isupper()


class _CodeParser(HTMLParser):
    """Collects candidate codes from attributes and hinted elements, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.codes: set[str] = set()
        self.text: list[str] = []
        self._hinted: list[bool] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name in CODE_ATTRIBUTES and _is_code(value):
                self.codes.add(value.strip().upper())
        labels = " ".join((values.get("class", ""), values.get("id", ""), values.get("name", ""))).lower()
        hinted = any(hint in labels for hint in HINTS)
        if tag == "input" and hinted and _is_code(values.get("value", "")):
            self.codes.add(values["value"].strip().upper())
        if tag not in ("input", "br", "img", "meta", "link"):
            self._hinted.append(hinted)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self._skipping:
            self._skipping -= 1
        if self._hinted and tag not in ("input", "br", "img", "meta", "link"):
            self._hinted.pop()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self.text.append(data)
        if self._hinted and self._hinted[-1] and _is_code(data):
            self.codes.add(data.strip().upper())


def extract_codes(html: str) -> tuple[set[str], str]:
    """(candidate codes, visible text) of one page."""
    parser = _CodeParser()
    parser.feed(html)
    parser.close()
    text = " ".join(" ".join(parser.text).split())
    codes = set(parser.codes)
    codes.update(match.group(1).upper() for match in PHRASE.finditer(text) if _is_code(match.group(1)))
    return codes, text


def exclusive_codes(*, session: Session) -> dict[str, str]:
    """The program's exclusive codes (upper-cased) -> the partner that owns each."""
    rows = session.execute(
        select(Coupon.code, Coupon.partner_id).where(Coupon.exclusive.is_(True), Coupon.partner_id.is_not(None))
    )
    return {str(code).upper(): str(partner_id) for code, partner_id in rows}


def read_page(
    *, url: str, html: str, known: dict[str, str], seen_at: datetime, extract_with_llm: LlmExtractor | None
) -> PageResult:
    codes, text = extract_codes(html)
    upper_text = text.upper()
    printed = {code for code in known if re.search(rf"(?<![A-Z0-9]){re.escape(code)}(?![A-Z0-9])", upper_text)}
    method: Literal["html", "llm", "none"] = "html"
    if not codes and not printed:
        if extract_with_llm is None:
            return PageResult(url=url, status="unreadable", seen_at=seen_at, codes=[], matched=[], method="none")
        read = extract_with_llm(url, text)
        if read is None:
            return PageResult(url=url, status="unreadable", seen_at=seen_at, codes=[], matched=[], method="llm")
        codes = {code.strip().upper() for code in read if _is_code(code)}
        method = "llm"
    found = codes | printed
    return PageResult(
        url=url,
        status="readable",
        seen_at=seen_at,
        codes=sorted(found),
        matched=sorted(found & known.keys()),
        method=method,
    )


def watch(
    *,
    session: Session,
    urls: Sequence[str],
    timeout_seconds: float,
    extract_with_llm: LlmExtractor | None = None,
    client: httpx.Client | None = None,
) -> WatchReport:
    """Fetch each page once, in order, and report a ``coupon_leakage`` finding per exclusive code seen."""
    known = exclusive_codes(session=session)
    http = client or httpx.Client(
        timeout=httpx.Timeout(timeout_seconds), headers={"User-Agent": USER_AGENT}, follow_redirects=True
    )
    pages: list[PageResult] = []
    try:
        for url in urls:
            seen_at = datetime.now(UTC)
            try:
                response = http.get(url)
                response.raise_for_status()
            except httpx.HTTPError as exc:
                pages.append(
                    PageResult(
                        url=url,
                        status="error",
                        seen_at=seen_at,
                        codes=[],
                        matched=[],
                        method="none",
                        error=f"{type(exc).__name__}: {exc}",
                    )
                )
                continue
            pages.append(
                read_page(url=url, html=response.text, known=known, seen_at=seen_at, extract_with_llm=extract_with_llm)
            )
    finally:
        if client is None:
            http.close()
    findings = [
        Finding(
            partner_id=known[code],
            signal="coupon_leakage",
            severity="high",
            evidence={"code": code, "url": page.url, "seen_at": page.seen_at.isoformat(), "read_by": page.method},
        )
        for page in pages
        for code in page.matched
    ]
    return WatchReport(pages=pages, findings=findings)
