"""Seed the programmes' networks and the documents and examples they named (see seed.py).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

from benchlearn.userdata.seed import insert_seed

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    insert_seed(op.get_bind())


def downgrade() -> None:
    # Seeded rows may have been edited since; removing them would lose people's work.
    pass
