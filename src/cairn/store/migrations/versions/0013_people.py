"""people: every personal row belongs to a person; ids are numbered per person

An existing database becomes person 1 with nothing lost: each personal table is rebuilt
with ``person_id`` leading its primary key ``(person_id, id)``, its foreign keys made
composite ``(column, person_id) -> (id, person_id)``, and its unique constraints and
indexes led by ``person_id``; every row is copied with ``person_id = 1`` and keeps its id.
The planner's time zone moves from ``plan_setting`` to the person.

The new tables are derived from the old ones by reflection, so this revision does not
depend on today's models.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# Every personal table at revision 0012 (the O*NET catalog tables are reference data).
PERSONAL = (
    "profile", "area", "goal", "goal_change", "milestone", "task", "task_dependency",
    "plan_setting", "availability_window", "rest_period", "boundary", "area_budget", "habit",
    "calendar", "busy_time", "plan_week", "plan_session", "time_entry", "win", "checkin",
    "checkin_rating", "instrument_result", "review", "life_event", "contact",
    "contact_interaction", "feedback_request", "resource", "resource_skill", "resource_goal",
    "resource_area", "skill_evidence", "assessment_instrument", "assessment_take",
    "assessment_answer", "goal_occupation",
)
DROPPED_COLUMNS = {"plan_setting": ("timezone",)}  # now the person's


def _parents_first(fks: dict[str, list[dict[str, Any]]]) -> list[str]:
    """The personal tables ordered so that every table comes after the tables it refers to."""
    ordered: list[str] = []
    pending = list(PERSONAL)
    while pending:
        ready = [t for t in pending
                 if all(fk["referred_table"] in ordered or fk["referred_table"] == t
                        for fk in fks[t])]
        if not ready:
            raise RuntimeError(f"a loop of foreign keys among {pending}")
        ordered += ready
        pending = [t for t in pending if t not in ready]
    return ordered


def _person_one(conn: sa.Connection) -> None:
    """Create person 1, the owner of the rows already here (none in a new database)."""
    counts = {t: conn.execute(sa.text(f'SELECT count(*) FROM "old_{t}"')).scalar()  # noqa: S608
              for t in PERSONAL}
    if not any(counts.values()):
        return
    zone = None
    if counts["plan_setting"]:
        zone = conn.execute(sa.text("SELECT timezone FROM old_plan_setting ORDER BY id")).scalar()
    created = None
    if counts["profile"]:
        created = conn.execute(sa.text("SELECT min(created_at) FROM old_profile")).scalar()
    if isinstance(created, str):  # SQLite hands back text for a bare aggregate
        created = dt.datetime.fromisoformat(created)
    person = sa.table("person", sa.column("id", sa.Integer), sa.column("timezone", sa.String),
                      sa.column("created_at", sa.DateTime))
    conn.execute(sa.insert(person).values(
        id=1, timezone=zone,
        created_at=created or dt.datetime.now(dt.UTC).replace(tzinfo=None)))
    if conn.dialect.name == "postgresql":  # the next person gets 2
        conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('person', 'id'), 1)"))


def _new_table(name: str, columns: Iterable[dict[str, Any]], fks: list[dict[str, Any]],
               uniques: list[dict[str, Any]]) -> list[str]:
    """Create the person-owned version of a table; returns the columns copied."""
    kept = [c for c in columns if c["name"] not in DROPPED_COLUMNS.get(name, ())]
    cols = [sa.Column("person_id", sa.Integer(), nullable=False)]
    cols += [sa.Column(c["name"], c["type"], nullable=False if c["name"] == "id"
                       else c["nullable"], autoincrement=False) for c in kept]
    constraints: list[Any] = [
        sa.PrimaryKeyConstraint("person_id", "id", name=f"pk_{name}"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=f"fk_{name}_person_id_person"),
    ]
    for fk in fks:
        (column,), target = fk["constrained_columns"], fk["referred_table"]
        constraints.append(sa.ForeignKeyConstraint(
            [column, "person_id"], [f"{target}.id", f"{target}.person_id"],
            name=f"fk_{name}_{column}_{target}"))
    for uq in uniques:
        constraints.append(sa.UniqueConstraint(
            "person_id", *uq["column_names"], name=f"uq_{name}_{uq['column_names'][0]}"))
    op.create_table(name, *cols, *constraints)
    return [c["name"] for c in kept]


def upgrade() -> None:
    conn = op.get_bind()
    postgres = conn.dialect.name == "postgresql"
    insp = sa.inspect(conn)
    columns: dict[str, Any] = {t: insp.get_columns(t) for t in PERSONAL}
    fks: dict[str, Any] = {t: insp.get_foreign_keys(t) for t in PERSONAL}
    uniques: dict[str, Any] = {t: insp.get_unique_constraints(t) for t in PERSONAL}
    indexes: dict[str, Any] = {t: [i for i in insp.get_indexes(t)
                                   if not i.get("unique") and not i.get("duplicates_constraint")]
                               for t in PERSONAL}
    pks: dict[str, Any] = {t: insp.get_pk_constraint(t) for t in PERSONAL}
    order = _parents_first(fks)

    # 1. Move the old tables aside, freeing their names (indexes and constraints too).
    if postgres:
        for t in PERSONAL:
            for fk in fks[t]:
                op.drop_constraint(fk["name"], t, type_="foreignkey")
    for t in PERSONAL:
        for ix in indexes[t]:
            op.drop_index(ix["name"], table_name=t)
        op.rename_table(t, f"old_{t}")
        if postgres:
            for uq in uniques[t]:
                op.drop_constraint(uq["name"], f"old_{t}", type_="unique")
            op.execute(f'ALTER TABLE "old_{t}" RENAME CONSTRAINT "{pks[t]["name"]}" '
                       f'TO "old_pk_{t}"')

    # 2. The person table, and person 1 when there is data to own.
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_person"),
    )
    _person_one(conn)

    # 3. The new tables, parents first, each filled from its old table as person 1's rows.
    for t in order:
        copied = _new_table(t, columns[t], fks[t], uniques[t])
        names = ", ".join(f'"{c}"' for c in copied)
        op.execute(f'INSERT INTO "{t}" (person_id, {names}) '  # noqa: S608
                   f'SELECT 1, {names} FROM "old_{t}"')
        for ix in indexes[t]:
            (column,) = ix["column_names"]
            op.create_index(f"ix_{t}_{column}", t, ["person_id", column])

    # 4. The old tables go, children first.
    for t in reversed(order):
        op.drop_table(f"old_{t}")


def downgrade() -> None:
    raise NotImplementedError("Cairn 0013 cannot be downgraded: restore a backup or an export.")
