"""The HTTP front door (``afflow serve``): see ``workflows.http.app`` for routes and how to add routers."""

from __future__ import annotations

from workflows.http.app import HttpConfig, create_app

__all__ = ["HttpConfig", "create_app"]
