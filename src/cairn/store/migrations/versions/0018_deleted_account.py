"""deleted accounts kept only as counts: ``deleted_account`` holds, for each account
deleted, the day and how many audit entries were about its person, how many shares it
gave and received and how many comments and suggestions it wrote, and nothing that
names it

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deleted_on", sa.Date(), nullable=False),
        sa.Column("audit_entries", sa.Integer(), nullable=False),
        sa.Column("shares_given", sa.Integer(), nullable=False),
        sa.Column("shares_received", sa.Integer(), nullable=False),
        sa.Column("comments_written", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_account")),
    )


def downgrade() -> None:
    op.drop_table("deleted_account")
