"""Precedents: how a reviewer decided applications that read like this one (nearest neighbours by meaning).

``precedents.npz`` (next to this module) holds, for each labelled application, the sentence-encoder vector
(``agents.semantic``, float16) of its niche and sample content, the reviewer's decision and the kind of case it
was; never its text. It is product data derived from every row of the three authors' evaluation sets
(``tests/eval/applications``, ``applications_more``, ``applications_fresh``; injection rows left out) by
``python bench/triage.py --refit``; its ``provenance`` entry says from what and when. How well it generalises
to a new author is measured by refitting it without that author's set (``bench/triage.py --cv``).

A vote is one piece of evidence for ``agents.triage.rules``: it can hold back an approval or confirm a
ruled-out business, and it can approve only what the rules found no fault with. A precedent that is the
application itself (similarity ``SAME_TEXT`` or more) is skipped, so that the table is never a memory of
its own rows: on its tuning rows it must judge as it would a stranger. Loaded on first use.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from agents import semantic

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

TABLE = Path(__file__).resolve().parent / "precedents.npz"
NEIGHBOURS = 7
SAME_TEXT = 0.98
RULED_OUT = frozenset({"off_brand_stuffed", "coupon_deal"})
"""Kinds of case whose rejections are a ruled-out business (a casino, a voucher site), whatever the words."""


class PrecedentVote(BaseModel):
    """Similarity-weighted shares of the reviewer's decisions among the closest precedents."""

    model_config = ConfigDict(frozen=True)

    approve: float
    reject: float
    escalate: float
    ruled_out: float
    """Share of the closest precedents that were rejected as a ruled-out business."""
    closest: float
    nearest: list[str]
    """The three closest, as "decision (kind) similarity", for the approver."""

    def describe(self) -> str:
        return (f"closest past applications: {self.approve:.0%} approved, {self.reject:.0%} rejected, "
                f"{self.escalate:.0%} escalated ({', '.join(self.nearest)})")


class Table(BaseModel):
    """Precedent vectors (L2-normalised rows) with the reviewer's decision and kind of case for each."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    vectors: object
    decisions: list[str]
    categories: list[str]


_lock = threading.Lock()
_tables: list[Table] = []


def _table() -> Table | None:
    import numpy as np

    with _lock:
        if not _tables:
            if not TABLE.exists():
                return None
            with np.load(TABLE, allow_pickle=False) as data:
                _tables.append(Table(vectors=data["vectors"].astype(np.float32),
                                      decisions=[str(d) for d in data["decisions"]],
                                      categories=[str(c) for c in data["categories"]]))
        return _tables[0]


_WORD = re.compile(r"[^\W\d_]{4,}")


def precedent_text(*, niche: str, sample_content: str, brand_guide: str = "") -> str:
    """What a precedent vector is computed from (the table and the applications alike), with the brand guide's own
    words left out: the only precedents written in them are off-brand pages stuffed with them, so a genuine creator
    who says "hiking" must not resemble those for saying it. What is left is what the applicant does."""
    guide = {word.lower()[:5] for word in _WORD.findall(brand_guide)}

    def unguided(text: str) -> str:
        return _WORD.sub(lambda m: "" if m.group().lower()[:5] in guide else m.group(), text) if guide else text

    return f"{unguided(niche)}. {unguided(sample_content)}"


def votes(texts: Sequence[str]) -> list[PrecedentVote | None]:
    """One vote per text against the shipped table (None for every text when no table ships)."""
    table = _table()
    if table is None or not texts:
        return [None] * len(texts)
    return votes_of(semantic.embed(list(texts)), table)


def votes_of(embedded: NDArray[np.float32], table: Table) -> list[PrecedentVote | None]:
    """One vote per embedded text (``precedent_text`` vectors) against ``table`` (the shipped one, or a fold's)."""
    vectors: NDArray[np.float32] = table.vectors  # type: ignore[assignment]
    return [_vote(row, table) for row in embedded @ vectors.T]


def _vote(similarity: NDArray[np.float32], table: Table) -> PrecedentVote:
    order = [int(i) for i in similarity.argsort()[::-1] if similarity[i] < SAME_TEXT][:NEIGHBOURS]
    weights = {"approve": 0.0, "reject": 0.0, "escalate": 0.0}
    ruled_out = 0.0
    for i in order:
        weight = max(0.0, float(similarity[i]))
        weights[table.decisions[i]] += weight
        ruled_out += weight if table.decisions[i] == "reject" and table.categories[i] in RULED_OUT else 0.0
    total = sum(weights.values()) or 1.0
    return PrecedentVote(
        approve=weights["approve"] / total, reject=weights["reject"] / total, escalate=weights["escalate"] / total,
        ruled_out=ruled_out / total, closest=float(similarity[order[0]]) if order else 0.0,
        nearest=[f"{table.decisions[i]} ({table.categories[i]}) {float(similarity[i]):.2f}" for i in order[:3]],
    )
