"""Briefs: a personalized creative brief per partner, with the SKUs to push and their tracking links."""
