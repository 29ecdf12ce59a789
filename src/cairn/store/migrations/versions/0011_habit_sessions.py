"""habit sessions: a time entry may be a session of a habit, for habit streaks

Revision ID: 0011
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("habit_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_time_entry_habit_id"), ["habit_id"])
        batch_op.create_foreign_key(batch_op.f("fk_time_entry_habit_id_habit"), "habit",
                                    ["habit_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_time_entry_habit_id_habit"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_time_entry_habit_id"))
        batch_op.drop_column("habit_id")
