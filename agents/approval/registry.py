"""The registry of proposal kinds: every kind afflow knows, each one ``KindSpec`` from its module of
``agents.approval.kinds``. Everything that handles a proposal asks ``spec_of(kind)``; nothing else lists kinds.

The built-in kinds are listed here explicitly (no registration as an import side effect, which an entry point
that forgets an import would miss). ``register`` adds one more at run time (a test's, or a plug-in's, from its
composition root) and refuses a name already taken.
"""

from __future__ import annotations

from typing import Any

from agents.approval.kinds import applications, clawback, commission_change, flash_incentive, offboarding, tier_bump
from agents.approval.kinds.base import KindSpec

BUILT_IN: tuple[KindSpec[Any], ...] = (
    applications.APPROVE,
    applications.REJECT,
    applications.REVIEW,
    tier_bump.SPEC,
    commission_change.SPEC,
    flash_incentive.SPEC,
    offboarding.SPEC,
    clawback.SPEC,
)
_KINDS: dict[str, KindSpec[Any]] = {spec.kind: spec for spec in BUILT_IN}


class UnknownKindError(KeyError):
    """A proposal kind no module registers."""

    def __str__(self) -> str:
        return f"unknown proposal kind {self.args[0]!r} (known: {', '.join(sorted(_KINDS))})"


def spec_of(kind: str) -> KindSpec[Any]:
    try:
        return _KINDS[kind]
    except KeyError:
        raise UnknownKindError(kind) from None


def known(kind: str) -> bool:
    return kind in _KINDS


def all_kinds() -> tuple[KindSpec[Any], ...]:
    return tuple(_KINDS.values())


def label(kind: str) -> str:
    """A group of the kind's proposals as a manager reads it (``Tier bumps``); an unknown kind as words."""
    return _KINDS[kind].label if kind in _KINDS else kind.replace("_", " ").capitalize()


def name(kind: str) -> str:
    """One proposal of the kind (``Tier bump``); an unknown kind as words."""
    return _KINDS[kind].name if kind in _KINDS else kind.replace("_", " ").capitalize()


def register(spec: KindSpec[Any]) -> None:
    if spec.kind in _KINDS:
        raise ValueError(f"proposal kind {spec.kind!r} is already registered")
    _KINDS[spec.kind] = spec


def unregister(kind: str) -> None:
    """Remove a kind ``register`` added (a test's, when it ends); the built-in kinds stay."""
    if any(spec.kind == kind for spec in BUILT_IN):
        raise ValueError(f"proposal kind {kind!r} is built in")
    _KINDS.pop(kind, None)
