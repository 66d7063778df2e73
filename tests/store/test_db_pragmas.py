"""SQLite connections read the store through a memory map and a page cache sized for analytics."""

from __future__ import annotations

from pathlib import Path

from store.db import SQLITE_CACHE_KIB, SQLITE_MMAP_BYTES, make_engine, migrate


def test_sqlite_connections_memory_map_the_store_and_keep_a_bigger_page_cache(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'afflow.db'}")
    migrate(engine)
    with engine.connect() as connection:
        mapped = connection.exec_driver_sql("PRAGMA mmap_size").scalar()
        cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    engine.dispose()
    # SQLite caps the map at its compile-time limit (2 GB - 64 KB in the usual builds), never at zero
    assert mapped is not None and 2**30 <= mapped <= SQLITE_MMAP_BYTES
    assert cache == -SQLITE_CACHE_KIB
