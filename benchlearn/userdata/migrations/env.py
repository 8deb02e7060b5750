"""Alembic environment: migrations run on the connection handed over by userdata.db.migrate
(one transaction, under its lock). Run by hand with the URL from the setting:
    python -m benchlearn.userdata migrate
"""

from alembic import context

from benchlearn.userdata.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through benchlearn.userdata.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
