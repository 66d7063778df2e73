"""The rules editor: validated form, a 30-day preview against what was booked, publishing a new version
effective from a chosen date, and YAML import/export that round-trips."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from store.db import transaction
from store.rules import RuleSetBody, rule_sets_in_force
from tests.portal.conftest import sign_in
from workflows.portal.rules_form import RulesFormError, body_to_form, form_to_body, yaml_to_body


def _form(csrf: str, **fields: str) -> dict[str, str]:
    base = {
        "percent": "10",
        "flat": "0.00",
        "new_customer_percent": "",
        "returning_customer_percent": "",
        "volume_tiers": "",
        "sku_overrides": "",
        "flash_incentives": "",
        "partner_overrides": "",
        "effective_from": datetime.now(UTC).date().isoformat(),
        "note": "",
        "csrf_token": csrf,
    }
    return base | fields


def test_form_round_trips_every_kind_of_rule() -> None:
    fields = {
        "percent": "8.5",
        "flat": "0.25",
        "new_customer_percent": "12",
        "returning_customer_percent": "",
        "volume_tiers": "1000.00 9\n5000.00 11",
        "sku_overrides": "SKU-1 15%\nSKU-2 4.00",
        "flash_incentives": "SKU-1 2026-12-01 2026-12-08 5",
        "partner_overrides": "# VIP\np-alice 20%",
    }
    body = form_to_body(fields, "USD")
    assert body.sku_overrides["SKU-2"].flat_cents == 400 and body.volume_tiers[1].min_revenue_cents == 500000
    assert body.flash_incentives[0].end == datetime(2026, 12, 8, tzinfo=UTC)
    assert form_to_body(body_to_form(body, "USD"), "USD") == body
    assert yaml_to_body(yaml.safe_dump(body.to_json())) == body


def test_form_errors_name_the_field_and_line() -> None:
    with pytest.raises(RulesFormError) as error:
        form_to_body(
            {
                "percent": "120",
                "sku_overrides": "SKU-1 15%\nSKU-2",
                "flash_incentives": "SKU-1 2026-12-08 2026-12-01 5",
            },
            "USD",
        )
    problems = error.value.problems
    assert "default percent: '120' must be between 0 and 100" in problems
    assert any(p.startswith("SKU rates line 2:") for p in problems)
    assert "flash incentives line 1: the end must be after the start" in problems


def test_preview_compares_the_last_30_days_with_what_was_booked(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "manager@brand.example")
    same = client.post("/portal/manager/rules/preview", data=_form(csrf))
    assert same.status_code == 200
    assert re.search(r'id="preview-current">12.00<', same.text) and re.search(r'id="preview-change">0.00<', same.text)
    richer = client.post("/portal/manager/rules/preview", data=_form(csrf, sku_overrides="SKU-1 20%"))
    assert re.search(r'id="preview-proposed">24.00<', richer.text)  # o-3: 20% of 120.00
    assert re.search(r'id="preview-change">12.00<', richer.text)
    invalid = client.post("/portal/manager/rules/preview", data=_form(csrf, percent="abc"))
    assert invalid.status_code == 400 and "is not a percentage" in invalid.text


def test_publishing_makes_a_new_version_effective_from_the_chosen_date(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "manager@brand.example")
    start = (datetime.now(UTC) + timedelta(days=7)).date()
    published = client.post(
        "/portal/manager/rules/publish",
        data=_form(csrf, percent="12", effective_from=start.isoformat(), note="Q1 raise"),
    )
    assert published.status_code == 303
    with transaction(booked) as session:
        book = rule_sets_in_force(session=session)
    newest = book.versions[-1]
    assert newest.body.percent == 12 and newest.effective_from == datetime(
        start.year, start.month, start.day, tzinfo=UTC
    )
    assert book.at(datetime.now(UTC)).body.percent == 10  # not in force before its date
    past = client.post("/portal/manager/rules/publish", data=_form(csrf, effective_from="2020-01-01"))
    assert past.status_code == 400 and "today or a later date" in past.text


def test_yaml_export_and_import(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "manager@brand.example")
    exported = client.get("/portal/manager/rules/export.yaml")
    assert exported.status_code == 200
    body = RuleSetBody.model_validate(yaml.safe_load(exported.text))
    assert body.percent == 10
    changed = exported.text.replace("percent: '10'", "percent: '7'")
    imported = client.post(
        "/portal/manager/rules/import",
        data={"csrf_token": csrf},
        files={"file": ("rules.yaml", changed, "application/yaml")},
    )
    assert imported.status_code == 200
    assert 'name="percent" value="7"' in imported.text and 'id="preview-proposed">8.40<' in imported.text
    broken = client.post("/portal/manager/rules/import", data={"csrf_token": csrf, "yaml": "percent: [1, 2"})
    assert broken.status_code == 400 and "YAML" in broken.text
