"""plan weeks: the hours each planned week could not fit, for the burnout rules and guidance

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_week",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("missing_hours", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_week")),
    )
    op.create_index(op.f("ix_plan_week_state"), "plan_week", ["state"])


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_week_state"), table_name="plan_week")
    op.drop_table("plan_week")
