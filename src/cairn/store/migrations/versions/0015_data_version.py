"""data version: a counter on each person that every write transaction of theirs bumps

A server keeps views of a person's data (the Today page) while their data version is
unchanged; every write session of the person adds one (``store/db.py``), in the same
transaction as the change, so a rolled-back use case leaves it as it was.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("data_version", sa.Integer(), nullable=False,
                                   server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("data_version")
