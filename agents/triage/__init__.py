"""Triage: each pending application -> evidence -> a proposal (approve / reject / escalate) for a human."""
