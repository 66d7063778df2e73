"""The click spool: what was appended survives the writer; orphans replay; live segments are left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from workflows.http.spool import ClickSpool, decode_row, encode_row, orphaned_segments


def row(click_id: str) -> dict[str, object]:
    return {"id": click_id, "ts": datetime(2026, 11, 20, 12, 0, 0, 123456, tzinfo=UTC), "partner_id": "p1"}


def test_rows_round_trip_and_rotation_splits_exactly(tmp_path: Path) -> None:
    spool = ClickSpool(tmp_path)
    spool.append(encode_row(row("a")))
    first = spool.rotate()
    spool.append(encode_row(row("b")))
    assert first.path.read_bytes().count(b"\n") == 1
    assert decode_row(first.path.read_bytes()) == row("a")
    ClickSpool.release(first)
    assert not first.path.exists()
    spool.close()
    [(segment, rows)] = list(orphaned_segments(tmp_path))
    assert [r["id"] for r in rows] == ["b"]
    ClickSpool.release(segment)
    assert list(tmp_path.iterdir()) == []


def test_a_clean_close_with_nothing_pending_leaves_no_file(tmp_path: Path) -> None:
    ClickSpool(tmp_path).close()
    assert list(tmp_path.iterdir()) == []


def test_torn_last_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "clicks-1-00000001.jsonl"
    path.write_bytes(encode_row(row("whole")) + encode_row(row("torn"))[:20])
    [(segment, rows)] = list(orphaned_segments(tmp_path))
    assert [r["id"] for r in rows] == ["whole"]
    ClickSpool.release(segment)


def test_a_live_process_segment_is_not_replayed(tmp_path: Path) -> None:
    """Another process holding its segment's lock is alive: its clicks are its own to commit."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from workflows.http.spool import ClickSpool; "
            f"s = ClickSpool(Path({str(tmp_path)!r})); s.append(b'{{}}\\n'); print('ready', flush=True); "
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert list(orphaned_segments(tmp_path)) == []
    finally:
        holder.kill()
        holder.wait()
    [(segment, _rows)] = list(orphaned_segments(tmp_path))  # its owner died: now it is an orphan
    ClickSpool.release(segment)
    assert not os.listdir(tmp_path)
