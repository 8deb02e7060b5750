"""Municipal data contributions: staged uploads and their values, the approved versions of
every value, and indicators only contributions fill.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _now(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.String(length=80), nullable=False),
        sa.Column("staged_unit", sa.String(length=80), nullable=True),
        sa.Column("indicator_set", sa.String(length=80), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("submitted_by", sa.String(length=200), nullable=False),
        _now("submitted_at"),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("staged_unit"),
    )
    op.create_index(op.f("ix_contributions_unit_id"), "contributions", ["unit_id"])
    op.create_table(
        "contribution_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contribution_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("old_value", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("warning", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contribution_id", "indicator", "year"),
    )
    op.create_index(
        op.f("ix_contribution_values_contribution_id"), "contribution_values", ["contribution_id"]
    )
    op.create_table(
        "value_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.String(length=80), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("contribution_id", sa.Integer(), nullable=True),
        sa.Column("reverts_to", sa.Integer(), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        _now("approved_at"),
        sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_value_versions_unit_id"), "value_versions", ["unit_id"])
    op.create_index(op.f("ix_value_versions_indicator"), "value_versions", ["indicator"])
    op.create_table(
        "contributed_indicators",
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name_lv", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("unit_lv", sa.String(length=200), nullable=False),
        sa.Column("unit_en", sa.String(length=200), nullable=False),
        sa.Column("definition_lv", sa.Text(), nullable=False),
        sa.Column("definition_en", sa.Text(), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("theme", sa.String(length=80), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        _now("created_at"),
        sa.PrimaryKeyConstraint("code"),
    )


def downgrade() -> None:
    op.drop_table("contributed_indicators")
    op.drop_index(op.f("ix_value_versions_indicator"), table_name="value_versions")
    op.drop_index(op.f("ix_value_versions_unit_id"), table_name="value_versions")
    op.drop_table("value_versions")
    op.drop_index(op.f("ix_contribution_values_contribution_id"), table_name="contribution_values")
    op.drop_table("contribution_values")
    op.drop_index(op.f("ix_contributions_unit_id"), table_name="contributions")
    op.drop_table("contributions")
