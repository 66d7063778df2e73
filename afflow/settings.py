"""Runtime settings from the environment (prefix ``AFFLOW_``) or ``.env``.

This is the only place that reads the environment; everything else receives a ``Settings`` value.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tools.thresholds import FraudThresholds, ScoreThresholds


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AFFLOW_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///afflow.db"
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "AFFLOW_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "AFFLOW_OPENAI_BASE_URL")
    )
    llm_model: str = "gpt-4o-mini"
    llm_budget_usd: float = 2.0
    llm_concurrency: int = 8
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_approval_channel: str | None = None
    slack_approvers: str = ""
    slack_api_url: str = "https://slack.com/api/"
    slack_summary_channel: str | None = None  # the weekly summary's channel (default: the approval channel)
    manager_emails: str = ""  # comma-separated: the weekly summary by email when Slack is not configured
    shopify_secret: SecretStr | None = None
    woocommerce_secret: SecretStr | None = None
    stripe_secret: SecretStr | None = None
    stripe_api_key: SecretStr | None = None  # the portal's Stripe Connect transfers (sk_...)
    stripe_api_url: str = "https://api.stripe.com/"  # tests point it at a local Stripe-speaking server
    conversion_api_key: SecretStr | None = None
    identity_secret: SecretStr | None = None  # the shop signs afflow_uid with it (cross-device matching)
    # Server-side conversions (workflows.delivery.conversions): a destination is used only when its ids are set.
    ga4_measurement_id: str | None = None
    ga4_api_secret: SecretStr | None = None
    ga4_base_url: str = "https://www.google-analytics.com"
    meta_pixel_id: str | None = None
    meta_access_token: SecretStr | None = None
    meta_api_version: str = "v21.0"
    meta_base_url: str = "https://graph.facebook.com"
    smtp_url: str | None = None
    timezone: str = "UTC"
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = "http://127.0.0.1:8000"
    output_dir: str = "afflow-out"
    tax_forms_dir: str = "afflow-tax-forms"  # promoters' uploaded tax forms (W-9, W-8BEN...), kept out of the database
    spool_dir: str = "afflow-spool"  # `afflow serve`: clicks are appended here before their 302 (see workflows.http.spool)
    forwarded_allow_ips: str = "127.0.0.1"  # `afflow serve`: proxies whose X-Forwarded-For gives the click's IP
    scheduler_enabled: bool = True  # `afflow serve` runs the scheduled jobs (workflows.schedule.jobs); off: HTTP only
    # clicks' and checkouts' hashed IPs, prefixes and user agents older than this are purged daily (workflows.privacy)
    signal_retention_days: int = Field(default=180, ge=1)

    # analytics: thresholds as JSON objects, e.g. AFFLOW_FRAUD_THRESHOLDS='{"robust_z": "4", "min_orders": 8}'
    analytics_days: int = 30
    fraud_thresholds: FraudThresholds = Field(default_factory=FraudThresholds)
    score_thresholds: ScoreThresholds = Field(default_factory=ScoreThresholds)
    coupon_watch_urls: str = ""  # comma-separated aggregator pages for `afflow coupons watch`
    coupon_watch_timeout_seconds: float = 10.0

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("AFFLOW_DATABASE_URL must be a sqlite:/// or postgresql:// URL")
        return value

    @property
    def coupon_watch_url_list(self) -> list[str]:
        return [part.strip() for part in self.coupon_watch_urls.split(",") if part.strip()]

    @property
    def approver_ids(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.slack_approvers.split(",") if part.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
