"""calendar feed: the secret token in the address of a person's calendar subscription

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_feed",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name="fk_calendar_feed_person_id_person"),
        sa.PrimaryKeyConstraint("person_id", "id", name="pk_calendar_feed"),
    )


def downgrade() -> None:
    op.drop_table("calendar_feed")
