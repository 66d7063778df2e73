"""What the portal takes from settings (``afflow.wiring.portal_config`` fills it); no defaults of its own.

Kept apart from the routes so that importing it (or ``workflows.portal.auth``, for ``afflow users``) does
not load FastAPI or jinja2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools.thresholds import FraudThresholds, ScoreThresholds


@dataclass(frozen=True)
class PortalConfig:
    """Where links point, the thresholds the scores pages tier by, Stripe Connect (no key: no transfers) and
    the directory uploaded tax forms go to."""

    public_url: str
    score_thresholds: ScoreThresholds
    fraud_thresholds: FraudThresholds
    stripe_api_url: str
    tax_forms_dir: Path  # where promoters' uploaded tax forms are written (AFFLOW_TAX_FORMS_DIR)
    stripe_api_key: str | None = None

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")
