"""assess: assessment instruments, takes, answers, and goal-occupation links

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_instrument",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_instrument")),
        sa.UniqueConstraint("key", name=op.f("uq_assessment_instrument_key")),
    )
    op.create_table(
        "assessment_take",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("scores", sa.Text(), nullable=True),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_take")),
    )
    op.create_index(op.f("ix_assessment_take_instrument"), "assessment_take", ["instrument"])
    op.create_table(
        "assessment_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("take_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["take_id"], ["assessment_take.id"],
                                name=op.f("fk_assessment_answer_take_id_assessment_take")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_answer")),
        sa.UniqueConstraint("take_id", "item_id", name=op.f("uq_assessment_answer_take_id")),
    )
    op.create_index(op.f("ix_assessment_answer_take_id"), "assessment_answer", ["take_id"])
    op.create_table(
        "goal_occupation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"],
                                name=op.f("fk_goal_occupation_goal_id_goal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_occupation")),
    )
    op.create_index(op.f("ix_goal_occupation_goal_id"), "goal_occupation", ["goal_id"])


def downgrade() -> None:
    op.drop_table("goal_occupation")
    op.drop_table("assessment_answer")
    op.drop_table("assessment_take")
    op.drop_table("assessment_instrument")
