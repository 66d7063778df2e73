"""The composition root: from one ``Settings`` value, the parts afflow runs with.

- ``open_store``: the configured database, created or migrated;
- ``llm_config`` and ``agent_config``: what every agent run takes (reasoner, public URL, score and fraud
  thresholds), so ``AFFLOW_SCORE_THRESHOLDS`` / ``AFFLOW_FRAUD_THRESHOLDS`` decide for the agents too;
- ``http_config``, ``portal_config``, ``api_config``, ``routers`` and ``http_app``: the app ``afflow serve`` runs,
  its routers listed here explicitly (Slack actions when Slack is configured, the portal and the REST API always);
- ``scheduler_jobs`` and ``start_scheduler``: the scheduled jobs of ``afflow serve``.

Commands, tests and benchmarks build through these functions; everything below receives what it needs as
arguments and never reads settings or builds defaults of its own. No router or job registers itself.
Importing this module costs nothing (command modules import it, and ``afflow X --help`` pays for what they
import): the store, the agents (langgraph, openai) and the HTTP stack (FastAPI, uvicorn) are imported inside
the functions that build with them, never at module level.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import APIRouter
    from sqlalchemy import Engine

    from afflow.api import ApiConfig
    from afflow.settings import Settings
    from agents.context import AgentConfig
    from agents.llm import LLMConfig
    from workflows.http import HttpConfig
    from workflows.http.intake import Intake
    from workflows.http.redirect import RedirectFastPath
    from workflows.portal import PortalConfig
    from workflows.schedule.scheduler import JobRunner, JobSpec


def open_store(settings: Settings) -> Engine:
    """The configured database (``AFFLOW_DATABASE_URL``), created or migrated to the current schema."""
    from store.db import make_engine, migrate

    engine = make_engine(settings.database_url)
    migrate(engine)
    return engine


def llm_config(settings: Settings) -> LLMConfig:
    """The LLM settings; no ``OPENAI_API_KEY`` means the offline reasoner."""
    from agents.llm import LLMConfig

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key is not None else None
    return LLMConfig(
        api_key=key or None,
        base_url=settings.openai_base_url,
        model=settings.llm_model,
        budget_usd=Decimal(str(settings.llm_budget_usd)),
        concurrency=settings.llm_concurrency,
    )


def agent_config(settings: Settings, *, offline: bool = False) -> AgentConfig:
    """What every agent run (``afflow run``, the weekly job, the demo) is given; ``offline`` (the demo) drops
    the API key so that the offline reasoner answers whatever is configured."""
    from agents.context import AgentConfig

    llm = llm_config(settings)
    return AgentConfig(
        llm=replace(llm, api_key=None) if offline else llm,
        public_url=settings.public_url,
        score_thresholds=settings.score_thresholds,
        fraud_thresholds=settings.fraud_thresholds,
    )


def http_config(settings: Settings) -> HttpConfig:
    from workflows.http import HttpConfig

    return HttpConfig(
        public_url=settings.public_url,
        spool_dir=Path(settings.spool_dir),
        secrets={
            "shopify": settings.shopify_secret,
            "woocommerce": settings.woocommerce_secret,
            "stripe": settings.stripe_secret,
        },
        conversion_api_key=settings.conversion_api_key,
        identity_secret=settings.identity_secret,
    )


def portal_config(settings: Settings) -> PortalConfig:
    from workflows.portal import PortalConfig

    api_key = settings.stripe_api_key.get_secret_value() if settings.stripe_api_key else None
    return PortalConfig(
        public_url=settings.public_url,
        score_thresholds=settings.score_thresholds,
        fraud_thresholds=settings.fraud_thresholds,
        stripe_api_url=settings.stripe_api_url,
        stripe_api_key=api_key,
        tax_forms_dir=Path(settings.tax_forms_dir),
    )


def api_config(settings: Settings) -> ApiConfig:
    """The REST API's and the MCP server's reports and proposal submission, judged by the settings' thresholds."""
    from afflow.api import ApiConfig
    from afflow.api.proposing import ProposingConfig
    from afflow.api.reports import ReportConfig

    return ApiConfig(
        reports=ReportConfig(analytics_days=settings.analytics_days, score_thresholds=settings.score_thresholds,
                             fraud_thresholds=settings.fraud_thresholds),
        proposing=ProposingConfig(public_url=settings.public_url, score_thresholds=settings.score_thresholds,
                                  fraud_thresholds=settings.fraud_thresholds),
    )  # fmt: skip


def routers(*, engine: Engine, settings: Settings, intake: Intake | None = None) -> list[APIRouter]:
    """Every feature router of ``afflow serve``, in order: Slack actions (only when Slack is configured; the
    scheduler's start-up line says where proposals go instead) the portal (always: it is useless without
    accounts, and harmless), the REST API and the MCP server at ``/mcp`` (always: every request needs an API key).
    ``intake``: the core app's, for the API's ``POST /api/v1/conversions`` (``http_app`` passes it)."""
    from importlib.metadata import version

    from afflow.api import api_router
    from afflow.mcp.http import mcp_router
    from workflows.approvals.slack_actions import slack_router_factory
    from workflows.portal import portal_router

    slack = slack_router_factory(engine, settings)
    portal = portal_router(engine=engine, config=portal_config(settings))
    api = api_router(engine=engine, config=api_config(settings), intake=intake)
    mcp = mcp_router(engine=engine, config=api_config(settings), version=version("afflow"))
    return [*([slack] if slack is not None else []), portal, api, mcp]


def http_app(*, engine: Engine, settings: Settings, config: HttpConfig | None = None) -> RedirectFastPath:
    """``afflow serve``'s application: the core routes with ``config`` (``http_config(settings)`` unless given,
    e.g. by tests that shorten the flush and poll intervals) and ``routers(...)``."""
    from workflows.http import create_app

    return create_app(
        engine=engine,
        config=config if config is not None else http_config(settings),
        routers=lambda intake: routers(engine=engine, settings=settings, intake=intake),
    )


def scheduler_jobs(*, engine: Engine, settings: Settings) -> list[JobSpec]:
    """The standard jobs (``workflows.schedule.jobs``), the weekly cycle and fraud scan judging by the settings'
    thresholds, and the outbound webhooks' delivery (``workflows.delivery.webhooks_out.webhook_job``)."""
    from workflows.delivery.webhooks_out import webhook_job
    from workflows.schedule.jobs import standard_jobs

    standard = standard_jobs(engine=engine, settings=settings, agents=agent_config(settings))
    return [*standard, webhook_job(engine=engine, timezone=settings.timezone)]


def start_scheduler(*, engine: Engine, settings: Settings) -> JobRunner:
    from workflows.schedule.jobs import start_scheduler as start

    return start(engine=engine, settings=settings, specs=scheduler_jobs(engine=engine, settings=settings))
