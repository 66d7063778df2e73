"""The e-mail keys the store keeps instead of addresses: one hash everywhere, and one mailbox per person."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from store.identity import canonical_mailbox, email_key, mailbox_key
from workflows.webhooks.common import customer_key

LOCAL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=12)
DOMAIN = st.sampled_from(["example.com", "outlook.com", "me.com"])


def test_a_webhook_guest_is_known_by_the_same_key_the_scan_computes() -> None:
    assert customer_key(customer_id=None, email=" Ana@Example.COM ", order_id="o1") == email_key("ana@example.com")
    assert email_key("ana@example.com").startswith("email:") and len(email_key("ana@example.com")) == 46


@given(local=LOCAL, tag=LOCAL, domain=DOMAIN)
def test_case_spaces_and_plus_tags_reach_the_same_mailbox(local: str, tag: str, domain: str) -> None:
    plain = f"{local}@{domain}"
    assert mailbox_key(f"  {local.upper()}+{tag}@{domain.upper()} ") == mailbox_key(plain) == email_key(plain)


def test_gmail_ignores_dots_and_its_second_domain() -> None:
    assert canonical_mailbox("Ma.Ya.Cole+shop@googlemail.com") == "mayacole@gmail.com"
    assert canonical_mailbox("ma.ya@outlook.com") == "ma.ya@outlook.com"  # dots matter elsewhere


def test_anything_but_an_address_has_no_mailbox() -> None:
    assert [mailbox_key(value) for value in ("", "   ", "no-at-sign", "@example.com", "+tag@example.com")] == [""] * 5
