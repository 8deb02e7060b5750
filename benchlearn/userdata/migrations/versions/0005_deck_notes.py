"""Discussion notes per slide of a seminar deck (issue 21, part 4).

Revision ID: 0005
Revises: 0004

Kept by deck and saved view rather than by slide row: reordering a deck rewrites its slide
rows, and the notes must stay with the slide they were written for.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deck_notes",
        sa.Column("deck_id", sa.Integer(), nullable=False),
        sa.Column("view_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(["deck_id"], ["decks.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["view_id"], ["saved_views.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("deck_id", "view_id"),
    )


def downgrade() -> None:
    op.drop_table("deck_notes")
