"""Fraud signals per partner, relative to the program's own baseline (see ``tools.fraud.signals``)."""

from tools.fraud.scan import flagged_orders, scan
from tools.fraud.thresholds import Finding, FraudReport, FraudThresholds, Severity, Signal

__all__ = ["Finding", "FraudReport", "FraudThresholds", "Severity", "Signal", "flagged_orders", "scan"]
