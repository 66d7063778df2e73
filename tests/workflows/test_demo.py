"""The demo program: reproducible for a seed, loaded through the import path, archetypes observable in the
data, and its ground truth kept out of the store."""

from __future__ import annotations

import csv
import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import JSON, Engine, String, Text, cast, func, or_, select, text

from store.db import ensure_program, make_engine, migrate, transaction
from store.ledger import unbalanced_transactions
from store.models import Application, Attribution, Base, Click, Commission, Order, Partner, RuleSet
from workflows.demo import ARCHETYPES, DemoFiles, generate_program, load_program, run_ledger_history

POSTGRES_URL = os.environ.get("AFFLOW_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")
END = datetime(2026, 6, 1, tzinfo=UTC)
SMALL = {"partners": 40, "days": 40, "skus": 60, "end": END}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return generate_program(out_dir=tmp_path_factory.mktemp("demo"), seed=11, **SMALL)  # type: ignore[arg-type]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(
    request: pytest.FixtureRequest,
    files: DemoFiles,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_admin: Engine | None,
) -> Iterator[Engine]:
    """The demo loaded once per backend for this module (like the ``engine`` fixture, but module-scoped:
    loading is the slow part and these tests only read)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db')}/demo.db"
    elif postgres_admin is None:
        pytest.skip("PostgreSQL is not reachable")
    else:
        with postgres_admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}"
    engine = make_engine(url)
    migrate(engine)
    load_program(engine=engine, files=files)
    run_ledger_history(engine=engine, end=files.end)
    yield engine
    engine.dispose()
    if request.param == "postgresql" and postgres_admin is not None:
        with postgres_admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def truth_of(files: DemoFiles) -> dict[str, str]:
    partners: dict[str, str] = json.loads(files.truth.read_text(encoding="utf-8"))["partners"]
    return partners


def test_same_seed_and_end_give_identical_files(files: DemoFiles, tmp_path: Path) -> None:
    again = generate_program(out_dir=tmp_path / "again", seed=11, **SMALL)  # type: ignore[arg-type]
    other = generate_program(out_dir=tmp_path / "other", seed=12, **SMALL)  # type: ignore[arg-type]
    for kind, path in files.csv.items():
        assert path.read_bytes() == again.csv[kind].read_bytes(), kind
    assert files.truth.read_bytes() == again.truth.read_bytes()
    assert files.csv["orders"].read_bytes() != other.csv["orders"].read_bytes()


def test_truth_file_names_every_partner_with_a_known_archetype(files: DemoFiles) -> None:
    truth = json.loads(files.truth.read_text(encoding="utf-8"))
    assert truth["seed"] == 11 and truth["params"]["partners"] == 40 and truth["params"]["days"] == 40
    partner_ids = [row["partner_id"] for row in read_csv(files.csv["partners"])]
    assert sorted(truth["partners"]) == sorted(partner_ids)
    counts = Counter(truth["partners"].values())
    assert set(counts) == set(ARCHETYPES)  # every archetype is present at the default mix
    assert counts["steady"] == max(counts.values())


def test_archetype_mix_is_a_parameter(tmp_path: Path) -> None:
    files = generate_program(
        out_dir=tmp_path, seed=3, partners=10, days=10, skus=20, end=END, mix={"poacher": 1, "steady": 1}
    )
    assert Counter(truth_of(files).values()) == {"poacher": 5, "steady": 5}


def test_refunds_fall_inside_the_return_window_and_are_a_realistic_share(files: DemoFiles) -> None:
    orders = {row["order_id"]: datetime.fromisoformat(row["ts"]) for row in read_csv(files.csv["orders"])}
    refunds = read_csv(files.csv["refunds"])
    for refund in refunds:
        delay = datetime.fromisoformat(refund["ts"]) - orders[refund["order_id"]]
        assert timedelta(0) < delay <= timedelta(days=30)
        assert datetime.fromisoformat(refund["ts"]) < END
    assert 0.06 <= len(refunds) / len(orders) <= 0.15


def test_load_goes_through_the_import_path_and_books_every_state(loaded: Engine, files: DemoFiles) -> None:
    order_ids = {row["order_id"] for row in read_csv(files.csv["orders"])}
    with transaction(loaded) as session:
        assert session.scalar(select(func.count()).select_from(Partner)) == 40
        assert session.scalar(select(func.count()).select_from(Order)) == len(order_ids)
        assert session.scalar(select(func.count()).select_from(Click)) == len(read_csv(files.csv["clicks"]))
        states = dict(session.execute(select(Commission.state, func.count()).group_by(Commission.state)).all())
        assert {"pending", "locked", "paid", "reversed"} <= set(states)
        assert unbalanced_transactions(session=session) == []
        program = ensure_program(session)
        assert "Northwind" in program.brand_guide
        assert session.scalar(select(func.count()).select_from(RuleSet).where(RuleSet.note == "demo rule set")) == 1
        samples = session.scalars(select(Application.sample_content)).all()
        assert any("ignore previous instructions" in text.lower() for text in samples)


def test_archetypes_leave_their_traces_in_the_store(loaded: Engine, files: DemoFiles) -> None:
    truth = truth_of(files)
    by_type: dict[str, list[str]] = {}
    for partner_id, archetype in truth.items():
        by_type.setdefault(archetype, []).append(partner_id)
    with transaction(loaded) as session:
        emails = dict(session.execute(select(Partner.id, Partner.email)).all())
        for partner_id in by_type["self_referrer"]:
            own = session.scalar(
                select(func.count())
                .select_from(Attribution)
                .join(Order, Order.id == Attribution.order_id)
                .where(Attribution.partner_id == partner_id, Order.customer_id == emails[partner_id].lower())
            )
            assert own and own > 0, partner_id
        fast = select(func.count()).select_from(Attribution).where(Attribution.seconds_to_conversion < 60)
        everyone = select(func.count()).select_from(Attribution)
        injectors = by_type["click_injector"]
        injected = session.scalar(fast.where(Attribution.partner_id.in_(injectors))) or 0
        assert injected / (session.scalar(everyone.where(Attribution.partner_id.in_(injectors))) or 1) > 0.5
        honest = by_type["steady"]
        honest_fast = session.scalar(fast.where(Attribution.partner_id.in_(honest))) or 0
        assert honest_fast / (session.scalar(everyone.where(Attribution.partner_id.in_(honest))) or 1) < 0.1
        for partner_id in by_type["cookie_stuffer"]:
            clicks = select(func.count()).select_from(Click).where(Click.partner_id == partner_id)
            blank = session.scalar(clicks.where(Click.referrer == "")) or 0
            assert blank / (session.scalar(clicks) or 1) > 0.9
        leaked = session.scalar(
            select(func.count())
            .select_from(Attribution)
            .where(Attribution.partner_id.in_(by_type["coupon_leaker"]), Attribution.method == "coupon")
        )
        assert leaked and leaked > 10


def test_the_ground_truth_never_enters_the_store(loaded: Engine) -> None:
    with transaction(loaded) as session:
        for table in Base.metadata.sorted_tables:
            texts = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
            if not texts:
                continue
            matches = or_(*(cast(c, Text).like(f"%{name}%") for c in texts for name in ARCHETYPES[3:]))
            assert session.scalar(select(func.count()).select_from(table).where(matches)) == 0, table.name


def test_ref_and_coupon_codes_stay_unique_at_a_thousand_partners(tmp_path: Path) -> None:
    files = generate_program(out_dir=tmp_path, seed=5, partners=1000, days=7, skus=8, end=END)
    partners = read_csv(files.csv["partners"])
    refs = [row["ref_code"] for row in partners]
    coupons = [row["coupon_code"] for row in partners if row["coupon_code"]]
    assert len(set(refs)) == len(refs) == 1000
    assert len(set(coupons)) == len(coupons) > 300
