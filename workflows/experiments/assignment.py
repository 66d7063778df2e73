"""Random assignment of a cohort's partners to variants, stratified so every tier is split evenly.

Within each stratum the partners are shuffled with the experiment's seed and dealt to the variants in
turn, starting at a random variant, so variant sizes differ by at most one per stratum and a tier
(growth / maintain / purge) cannot end up concentrated in one variant by chance. Same seed, same input:
same assignment — an experiment can always be re-derived and audited.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence


def assign(*, strata: Mapping[str, str], variants: Sequence[str], seed: int) -> dict[str, str]:
    """``{partner_id: variant}`` for every partner in ``strata`` (``{partner_id: stratum}``)."""
    if len(variants) < 2:
        raise ValueError("an experiment needs at least two variants")
    rng = random.Random(seed)
    assignment: dict[str, str] = {}
    for stratum in sorted(set(strata.values())):
        members = sorted(p for p, s in strata.items() if s == stratum)
        rng.shuffle(members)
        offset = rng.randrange(len(variants))
        for index, partner_id in enumerate(members):
            assignment[partner_id] = variants[(offset + index) % len(variants)]
    return assignment
