"""The keys a shopper's e-mail address becomes wherever afflow stores it: never the address itself.

``email_key`` is the customer id a webhook gives a guest (``workflows.webhooks.common.customer_key``);
``mailbox_key`` is the same hash of the address's canonical mailbox (lower-cased, ``+tag`` dropped, and
Gmail's ignored dots removed), kept with an order's checkout signals so that ``me+deals@gmail.com`` and
``M.e@gmail.com`` are recognised as the partner ``me@gmail.com`` buying from itself. Both sides of any
comparison must be hashed here; nothing else hashes e-mail addresses.
"""

from __future__ import annotations

import hashlib

GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def email_key(email: str) -> str:
    """``"email:"`` + the first 40 hex digits of SHA-256 of the trimmed, lower-cased address."""
    return "email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:40]


def canonical_mailbox(email: str) -> str:
    """The mailbox an address delivers to: lower-cased, ``+tag`` dropped (and Gmail's dots), '' if not an address."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at or not local or not domain:
        return ""
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}" if local else ""


def mailbox_key(email: str) -> str:
    """``email_key`` of the canonical mailbox; '' for anything that is not an address."""
    mailbox = canonical_mailbox(email)
    return email_key(mailbox) if mailbox else ""
