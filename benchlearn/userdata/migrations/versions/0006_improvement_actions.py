"""Improvement actions of a municipality (issue 21, part 3).

Revision ID: 0006
Revises: 0005

An action names the indicators it aims to move and when it started, so the trends page can
mark the start and the profile can compare what followed with similar municipalities.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "improvement_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("link", sa.String(length=1000), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(["network_id"], ["networks.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_improvement_actions_unit_id"), "improvement_actions", ["unit_id"], unique=False
    )
    op.create_index(
        op.f("ix_improvement_actions_network_id"),
        "improvement_actions",
        ["network_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_improvement_actions_network_id"), table_name="improvement_actions")
    op.drop_index(op.f("ix_improvement_actions_unit_id"), table_name="improvement_actions")
    op.drop_table("improvement_actions")
