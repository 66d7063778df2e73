"""Launch: when new products arrive, pick the best-suited partners and queue them a launch brief, in one batch."""
