"""Tiering: quality scores -> growth / maintain / purge; growth => tier-bump proposal, purge => offboarding."""
