"""accounts: accounts, signed-in sessions and sign-in attempts; sharing; row-level security

Three shared tables for ``cairn serve --multi-user``: ``account`` (an email, its
password's argon2id hash, the person it signs in as, its role), ``web_session`` (only the
SHA-256 of a session's token) and ``sign_in_attempt`` (failed sign-ins, for rate
limiting across worker processes). Sharing: ``share`` (what a person shares with which
account, until revoked), ``share_audit`` (what others saw and did), and the personal
tables ``goal_comment`` and ``goal_suggestion`` (mentors' comments on a person's goals,
and goals they suggest).

On PostgreSQL every personal table (``person_id`` in its primary key) gets a row-level
security policy, forced on the table's owner too: a row is visible and writable only
when its ``person_id`` is the transaction's ``cairn.person`` setting (which
``Database.session(person_id)`` sets with ``set_config(..., true)``), or when the
transaction says it works for every person (``cairn.all`` = ``on``: migrations, the
administrator's work, sessions for no person). Superusers bypass row-level security
altogether: run the server as an ordinary role.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

POLICY = "cairn_person"
RULE = ("person_id = NULLIF(current_setting('cairn.person', true), '')::int "
        "OR current_setting('cairn.all', true) = 'on'")


def personal_tables(conn: sa.Connection) -> list[str]:
    """The tables whose primary key holds ``person_id`` (found in the database itself)."""
    inspector = sa.inspect(conn)
    return sorted(t for t in inspector.get_table_names()
                  if "person_id" in inspector.get_pk_constraint(t)["constrained_columns"])


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reset_hash", sa.String(length=64), nullable=True),
        sa.Column("reset_expires", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_account_person_id_person"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("email", name=op.f("uq_account_email")),
        sa.UniqueConstraint("person_id", name=op.f("uq_account_person_id")),
    )
    op.create_table(
        "web_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"],
                                name=op.f("fk_web_session_account_id_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_session")),
    )
    op.create_index("ix_web_session_account_id", "web_session", ["account_id"])
    op.create_table(
        "sign_in_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempt")),
    )
    op.create_index("ix_sign_in_attempt_email", "sign_in_attempt", ["email", "at"])
    op.create_index("ix_sign_in_attempt_client", "sign_in_attempt", ["client", "at"])
    _sharing()
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        for table in personal_tables(conn):
            op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
            op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
            op.execute(f'CREATE POLICY {POLICY} ON "{table}" USING ({RULE})')


def _sharing() -> None:
    op.create_table(
        "share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_person_id", sa.Integer(), nullable=False),
        sa.Column("mentor_account_id", sa.Integer(), nullable=False),
        sa.Column("parts", sa.String(length=200), nullable=False),
        sa.Column("comments", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["owner_person_id"], ["person.id"],
                                name=op.f("fk_share_owner_person_id_person"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mentor_account_id"], ["account.id"],
                                name=op.f("fk_share_mentor_account_id_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share")),
    )
    op.create_index("ix_share_owner", "share", ["owner_person_id"])
    op.create_index("ix_share_mentor", "share", ["mentor_account_id"])
    op.create_table(
        "share_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_person_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("what", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["owner_person_id"], ["person.id"],
                                name=op.f("fk_share_audit_owner_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_audit")),
    )
    op.create_index("ix_share_audit_owner", "share_audit", ["owner_person_id", "at"])
    op.create_table(
        "goal_comment",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=254), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id", "person_id"], ["goal.id", "goal.person_id"],
                                name=op.f("fk_goal_comment_goal_id_goal")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_goal_comment_person_id_person")),
        sa.PrimaryKeyConstraint("person_id", "id", name=op.f("pk_goal_comment")),
    )
    op.create_index("ix_goal_comment_goal_id", "goal_comment", ["person_id", "goal_id"])
    op.create_table(
        "goal_suggestion",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("author", sa.String(length=254), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id", "person_id"], ["goal.id", "goal.person_id"],
                                name=op.f("fk_goal_suggestion_goal_id_goal")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_goal_suggestion_person_id_person")),
        sa.PrimaryKeyConstraint("person_id", "id", name=op.f("pk_goal_suggestion")),
    )
    op.create_index("ix_goal_suggestion_status", "goal_suggestion", ["person_id", "status"])


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        for table in personal_tables(conn):
            op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
            op.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
            op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
    op.drop_index("ix_goal_suggestion_status", table_name="goal_suggestion")
    op.drop_table("goal_suggestion")
    op.drop_index("ix_goal_comment_goal_id", table_name="goal_comment")
    op.drop_table("goal_comment")
    op.drop_index("ix_share_audit_owner", table_name="share_audit")
    op.drop_table("share_audit")
    op.drop_index("ix_share_mentor", table_name="share")
    op.drop_index("ix_share_owner", table_name="share")
    op.drop_table("share")
    op.drop_index("ix_sign_in_attempt_client", table_name="sign_in_attempt")
    op.drop_index("ix_sign_in_attempt_email", table_name="sign_in_attempt")
    op.drop_table("sign_in_attempt")
    op.drop_index("ix_web_session_account_id", table_name="web_session")
    op.drop_table("web_session")
    op.drop_table("account")
