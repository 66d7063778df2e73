"""Fraud signals per partner, relative to the program's own baseline (see ``tools.fraud.signals``)."""

from tools.fraud.scan import scan
from tools.fraud.thresholds import Finding, FraudReport, FraudThresholds, Severity, Signal

__all__ = ["Finding", "FraudReport", "FraudThresholds", "Severity", "Signal", "scan"]
