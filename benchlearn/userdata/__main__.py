"""`python -m benchlearn.userdata migrate|status`: bring the user-data database (the
BENCHLEARN_USERDATA_URL setting, default data/userdata.sqlite) to the newest schema, or say
which revision it is at. The app also migrates on its first use, so this is optional."""

from __future__ import annotations

import sys

from sqlalchemy import inspect, text

from benchlearn.userdata import db


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command not in ("migrate", "status"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        engine = db.get_engine() if command == "migrate" else db.create(db.userdata_url())
    except db.UserDataUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    if "alembic_version" not in inspect(engine).get_table_names():
        print("empty: not migrated yet (run `python -m benchlearn.userdata migrate`)")
        return 0
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    print(f"{db.safe_url(db.userdata_url())}: revision {revision}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
