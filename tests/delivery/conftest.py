"""Fixtures: the fake Slack Web API server and a real SMTP server."""

from fakes.slack_server import fake_slack
from fakes.smtp_server import smtp_inbox

__all__ = ["fake_slack", "smtp_inbox"]
