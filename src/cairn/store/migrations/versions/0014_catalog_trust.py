"""catalog trust: wages as BLS published them (hourly-only, broad codes), wage links, level anchors

Revision ID: 0014
Revises: 0013

Wages installed before this revision held hourly x 2,080 as the annual median of
hourly-only occupations and lacked the broad codes; they are removed here (the
catalog status then says wages are not installed) so that ``cairn catalog wages``
reads them again from the BLS file. The level anchors fill on the next
``cairn catalog install``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _wage_table(*, new: bool) -> None:
    """The wage table with (new) or without (as in 0002) soc_group and hourly_only."""
    group: list[sa.Column[str]] = (
        [sa.Column("soc_group", sa.String(length=10), nullable=False)] if new else [])
    hourly: list[sa.Column[bool]] = (
        [sa.Column("hourly_only", sa.Boolean(), nullable=False)] if new else [])
    op.create_table(
        "onet_wage",
        sa.Column("soc_code", sa.String(length=7), nullable=False),
        sa.Column("title", sa.String(length=250), nullable=False),
        *group,
        sa.Column("annual_median", sa.Float(), nullable=True),
        sa.Column("hourly_median", sa.Float(), nullable=True),
        sa.Column("annual_mean", sa.Float(), nullable=True),
        sa.Column("employment", sa.Integer(), nullable=True),
        sa.Column("top_coded", sa.Boolean(), nullable=False),
        *hourly,
        sa.PrimaryKeyConstraint("soc_code", name=op.f("pk_onet_wage")),
        info={"catalog": True},
    )


def _forget_wages() -> None:
    op.execute("UPDATE catalog_meta SET wages_source = NULL, wages_installed_at = NULL")


def upgrade() -> None:
    op.create_table(
        "onet_level_anchor",
        sa.Column("element_id", sa.String(length=20), nullable=False),
        sa.Column("scale_id", sa.String(length=4), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("element_id", "scale_id", "value",
                                name=op.f("pk_onet_level_anchor")),
        info={"catalog": True},
    )
    op.create_table(
        "onet_wage_link",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("soc_code", sa.String(length=7), nullable=False),
        sa.Column("basis", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_onet_wage_link")),
        info={"catalog": True},
    )
    op.create_index(op.f("ix_onet_wage_link_soc_code"), "onet_wage_link", ["soc_code"])
    op.drop_table("onet_wage")
    _wage_table(new=True)
    _forget_wages()


def downgrade() -> None:
    op.drop_table("onet_wage")
    _wage_table(new=False)
    _forget_wages()
    op.drop_index(op.f("ix_onet_wage_link_soc_code"), table_name="onet_wage_link")
    op.drop_table("onet_wage_link")
    op.drop_table("onet_level_anchor")
