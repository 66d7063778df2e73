"""Nudges: for a maintain-tier partner in decline, what changed, what works for similar partners, one action."""
