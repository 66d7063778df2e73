"""Summary: the weekly executive report (KPIs week over week, by sub-network, top/bottom, fraud, proposals)."""
