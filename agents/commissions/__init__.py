"""Commissions: inventory-aware rate proposals, flash incentives on overstock and clawbacks for fraud."""
