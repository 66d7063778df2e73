"""Regenerate store/migrations/versions/0001 from store/models.py.

Only while afflow is unreleased: once a database in the field has 0001, add new revisions instead.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from store.db import alembic_config, make_engine

VERSIONS = Path(__file__).resolve().parent.parent / "store" / "migrations" / "versions"


def main() -> None:
    for old in VERSIONS.glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/empty.db")
        command.revision(alembic_config(engine), message="initial schema", autogenerate=True, rev_id="0001")
    (path,) = VERSIONS.glob("0001_*.py")
    text = path.read_text()
    text = text.replace("import store.models\n", "import store.models\nfrom store.db import append_only_guard_sql\n", 1)
    text = text.replace(
        "    # ### end Alembic commands ###\n",
        "    # ### end Alembic commands ###\n"
        "    for statement in append_only_guard_sql(op.get_bind().dialect.name):\n"
        "        op.execute(statement)\n",
        1,
    )
    path.write_text(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
