"""CSV import of reference data and clicks: validation errors name file, line and column; files are
all-or-nothing; re-importing a file changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from store.db import transaction
from store.models import Application, Base, Click, Coupon, Partner, Product
from workflows.importing.importer import ImportFailed, ImportReport, import_csv

PARTNERS = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code,network
p1,Trail Tales,Anna@Example.com,blog,12000,0.043,TRAIL,TRAIL10,awin
p2,Summit Sam,sam@example.com,youtube,88000,0.021,SAM,,
"""
PRODUCTS = """sku,title,price,unit_cost,stock,stock_target,category,color
SKU-1,Tent 2P,249.00,120.50,40,50,tents,green
SKU-2,Mug,12.5,4,500,100,cookware,blue
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(engine: Engine, kind: str, path: Path) -> ImportReport:
    with transaction(engine) as session:
        return import_csv(session=session, kind=kind, path=path)


def rejected(engine: Engine, kind: str, path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        load(engine, kind, path)
    return caught.value


def count(engine: Engine, model: type[Base]) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_partners_import_creates_partners_and_their_exclusive_coupons(engine: Engine, tmp_path: Path) -> None:
    report = load(engine, "partners", write(tmp_path, "partners.csv", PARTNERS))
    assert (report.records, report.created, report.updated) == (2, 2, 0)
    with transaction(engine) as session:
        p1 = session.get(Partner, "p1")
        assert p1 is not None
        assert (p1.email, p1.engagement_rate, p1.network, p1.ref_code) == (
            "anna@example.com",
            Decimal("0.043"),
            "awin",
            "TRAIL",
        )
        p2 = session.get(Partner, "p2")
        assert p2 is not None and p2.network == "direct" and p2.coupon_code is None
        coupon = session.get(Coupon, "TRAIL10")
        assert coupon is not None and (coupon.partner_id, coupon.exclusive) == ("p1", True)


def test_reimporting_a_file_is_idempotent_and_keeps_status(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "partners.csv", PARTNERS)
    load(engine, "partners", path)
    with transaction(engine) as session:
        partner = session.get(Partner, "p2")
        assert partner is not None
        partner.status = "blocked"
    report = load(engine, "partners", path)
    assert (report.created, report.updated) == (0, 2)
    assert (count(engine, Partner), count(engine, Coupon)) == (2, 1)
    with transaction(engine) as session:
        partner = session.get(Partner, "p2")
        assert partner is not None and partner.status == "blocked"


def test_products_money_with_three_decimals_names_line_and_column_and_writes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    text = PRODUCTS + "SKU-3,Stove,39.999,20,5,10,cookware,red\n"
    failed = rejected(engine, "products", write(tmp_path, "products.csv", text))
    assert failed.total == 1
    (error,) = failed.errors
    assert (error.file, error.line, error.column) == ("products.csv", 4, "price")
    assert "more than 2 decimals" in error.reason
    assert count(engine, Product) == 0


def test_every_bad_row_is_reported_not_just_the_first(engine: Engine, tmp_path: Path) -> None:
    text = PRODUCTS + "SKU-3,Stove,abc,20,5,10,cookware,red\nSKU-4,Lamp,10,-1,5,10,lighting,red\nSKU-1,Dup,1,1,1,1,x,red\n"
    failed = rejected(engine, "products", write(tmp_path, "products.csv", text))
    found = {(e.line, e.column) for e in failed.errors}
    assert found == {(4, "price"), (5, "unit_cost"), (6, "sku")}
    assert count(engine, Product) == 0


def test_missing_required_columns_are_named(engine: Engine, tmp_path: Path) -> None:
    failed = rejected(engine, "products", write(tmp_path, "p.csv", "sku,title,price\nS,T,1.00\n"))
    (error,) = failed.errors
    assert error.line == 1
    assert error.column == "unit_cost, stock, stock_target, category"


def test_coupon_for_unknown_partner_is_rejected_with_its_line(engine: Engine, tmp_path: Path) -> None:
    load(engine, "partners", write(tmp_path, "partners.csv", PARTNERS))
    text = "code,partner_id,exclusive\nSUMMER,,false\nSAM15,p2,true\nGHOST5,nobody,yes\n"
    failed = rejected(engine, "coupons", write(tmp_path, "coupons.csv", text))
    assert [(e.line, e.column) for e in failed.errors] == [(4, "partner_id")]
    assert "nobody" in failed.errors[0].reason
    assert count(engine, Coupon) == 1  # only the partner file's TRAIL10


def test_a_ref_code_held_by_another_partner_cannot_move(engine: Engine, tmp_path: Path) -> None:
    load(engine, "partners", write(tmp_path, "partners.csv", PARTNERS))
    text = PARTNERS.splitlines()[0] + "\np3,Copycat,cc@example.com,tiktok,10,0.5,TRAIL,,\n"
    failed = rejected(engine, "partners", write(tmp_path, "more.csv", text))
    assert [(e.line, e.column) for e in failed.errors] == [(2, "ref_code")]
    assert count(engine, Partner) == 2


def test_applications_bad_timestamp_email_and_rate_are_all_reported(engine: Engine, tmp_path: Path) -> None:
    header = (
        "application_id,submitted_at,name,email,platform,channel_url,audience_size,engagement_rate,niche,sample_content"
    )
    good = 'a1,2026-03-01T10:00:00,Kim,kim@example.com,instagram,https://ig.example/kim,5000,0.06,hiking,"Loved the\nnew tent"'
    bad = "a2,yesterday,Lee,not-an-email,blog,https://lee.example,10,1.5,camping,"
    failed = rejected(engine, "applications", write(tmp_path, "apps.csv", f"{header}\n{good}\n{bad}\n"))
    assert {(e.line, e.column) for e in failed.errors} == {
        (4, "submitted_at"),
        (4, "email"),
        (4, "engagement_rate"),
    }  # line 4: the quoted sample content of a1 spans lines 2 and 3
    assert count(engine, Application) == 0
    load(engine, "applications", write(tmp_path, "ok.csv", f"{header}\n{good}\n"))
    with transaction(engine) as session:
        application = session.get(Application, "a1")
        assert application is not None
        assert application.submitted_at.utcoffset() is not None and application.submitted_at.hour == 10
        assert application.sample_content == "Loved the\nnew tent"


def test_clicks_hash_the_ip_and_reimport_adds_nothing(engine: Engine, tmp_path: Path) -> None:
    load(engine, "partners", write(tmp_path, "partners.csv", PARTNERS))
    text = (
        "click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref\n"
        "c1,2026-03-01T10:00:00+02:00,p1,203.0.113.7,Mozilla/5.0 (iPhone) Mobile Safari,https://trail.example,,SKU-1,\n"
        "c2,2026-03-01T11:00:00Z,p2,198.51.100.9,Mozilla/5.0 (X11; Linux),,,,cust-9\n"
    )
    path = write(tmp_path, "clicks.csv", text)
    assert load(engine, "clicks", path).created == 2
    report = load(engine, "clicks", path)
    assert (report.created, report.duplicates) == (0, 2)
    with transaction(engine) as session:
        click = session.get(Click, "c1")
        assert click is not None
        assert click.ts.hour == 8 and click.ip_prefix == "203.0.113.0/24" and click.device_type == "mobile"
        assert "203.0.113.7" not in click.ip_hash and len(click.ip_hash) == 64
        other = session.get(Click, "c2")
        assert other is not None and other.customer_ref == "cust-9" and other.sku is None


def test_click_for_unknown_partner_rejects_the_file(engine: Engine, tmp_path: Path) -> None:
    load(engine, "partners", write(tmp_path, "partners.csv", PARTNERS))
    text = (
        "click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref\n"
        "c1,2026-03-01T10:00:00,p1,,,,,,\n"
        "c2,2026-03-01T10:00:00,zz,,,,,,\n"
    )
    failed = rejected(engine, "clicks", write(tmp_path, "clicks.csv", text))
    assert [(e.line, e.column) for e in failed.errors] == [(3, "partner_id")]
    assert count(engine, Click) == 0


def test_errors_are_capped_but_counted(engine: Engine, tmp_path: Path) -> None:
    rows = "".join(f"S{i},T,1.001,1,1,1,c\n" for i in range(120))
    failed = rejected(engine, "products", write(tmp_path, "p.csv", PRODUCTS.splitlines()[0] + "\n" + rows))
    assert failed.total == 120
    assert len(failed.errors) == 50
