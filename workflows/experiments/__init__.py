"""Commission experiments: partners randomised (stratified by tier) to rate variants, measured, then proposed.

An experiment never changes the booking engine: it publishes a rule-set version with per-partner
overrides effective at its start (so each partner's commissions book under its variant, with the rule
version recorded on each commission) and, at stop, a version restoring the cohort's previous overrides.
The report compares variants with confidence intervals (``stats``); a finished experiment with a winner
becomes a ``commission_change`` proposal that a human approves like any other (``service``).
"""
