"""Tables of the installed O*NET catalog: reference data, left out of the person's export.

Every table carries ``info={"catalog": True}``. The full-text index is not a
model: it is a SQLite FTS5 virtual table or a PostgreSQL table with a GIN index
(see ``store/catalog_search.py``), created by the migration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base

CATALOG = {"info": {"catalog": True}}


class CatalogMetaRow(Base):
    """The installed release (one row): version, when, from where, counts, wages."""

    __tablename__ = "catalog_meta"
    __table_args__ = CATALOG
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(20))
    installed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(Text)
    counts: Mapped[str] = mapped_column(Text)  # JSON object: table -> rows
    wages_source: Mapped[str | None] = mapped_column(Text)
    wages_installed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class OccupationRow(Base):
    """An O*NET-SOC occupation."""

    __tablename__ = "onet_occupation"
    __table_args__ = CATALOG
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    title_key: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text)
    job_zone: Mapped[int | None] = mapped_column(Integer, index=True)
    riasec_code: Mapped[str] = mapped_column(String(3), index=True)


class InterestRow(Base):
    """The six occupational interest ratings (OI, 1-7) of an occupation."""

    __tablename__ = "onet_interest"
    __table_args__ = CATALOG
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    realistic: Mapped[float] = mapped_column(Float)
    investigative: Mapped[float] = mapped_column(Float)
    artistic: Mapped[float] = mapped_column(Float)
    social: Mapped[float] = mapped_column(Float)
    enterprising: Mapped[float] = mapped_column(Float)
    conventional: Mapped[float] = mapped_column(Float)
    high_point: Mapped[str] = mapped_column(String(3))


class ElementRatingRow(Base):
    """A skill, knowledge area or ability of an occupation: importance (IM) and level (LV)."""

    __tablename__ = "onet_element_rating"
    __table_args__ = CATALOG
    domain: Mapped[str] = mapped_column(String(10), primary_key=True)
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    element_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    importance: Mapped[float] = mapped_column(Float)
    level: Mapped[float] = mapped_column(Float)
    suppress: Mapped[bool] = mapped_column(Boolean)


class WorkValueRow(Base):
    """The six work values' extent (EX, 1-7) of an occupation, and its high points."""

    __tablename__ = "onet_work_value"
    __table_args__ = CATALOG
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    achievement: Mapped[float] = mapped_column(Float)
    working_conditions: Mapped[float] = mapped_column(Float)
    recognition: Mapped[float] = mapped_column(Float)
    relationships: Mapped[float] = mapped_column(Float)
    support: Mapped[float] = mapped_column(Float)
    independence: Mapped[float] = mapped_column(Float)
    high_points: Mapped[str] = mapped_column(String(80))  # names, comma-separated


class WorkStyleRow(Base):
    """A work style of an occupation: impact (WI, -3..3) and distinctiveness rank (DR)."""

    __tablename__ = "onet_work_style"
    __table_args__ = CATALOG
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    element_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    impact: Mapped[float | None] = mapped_column(Float)
    distinctiveness: Mapped[float | None] = mapped_column(Float)


class TaskStatementRow(Base):
    """A task statement (core or supplemental)."""

    __tablename__ = "onet_task"
    __table_args__ = CATALOG
    task_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(10), index=True)
    statement: Mapped[str] = mapped_column(Text)
    core: Mapped[bool] = mapped_column(Boolean)


class TitleRow(Base):
    """An alternate title or a title reported by workers."""

    __tablename__ = "onet_title"
    __table_args__ = CATALOG
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(10), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # alternate | reported
    title: Mapped[str] = mapped_column(String(250))
    title_key: Mapped[str] = mapped_column(String(250), index=True)
    short_title: Mapped[str | None] = mapped_column(String(120))


class RelatedOccupationRow(Base):
    """A related occupation with its relatedness tier and rank."""

    __tablename__ = "onet_related"
    __table_args__ = CATALOG
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    related_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    tier: Mapped[str] = mapped_column(String(20))
    rank: Mapped[int] = mapped_column(Integer)


class TechnologyRow(Base):
    """A technology used in an occupation, flagged hot and in demand."""

    __tablename__ = "onet_technology"
    __table_args__ = CATALOG
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(10), index=True)
    example: Mapped[str] = mapped_column(String(250))
    commodity_code: Mapped[int] = mapped_column(Integer)
    commodity_title: Mapped[str] = mapped_column(String(250))
    hot: Mapped[bool] = mapped_column(Boolean)
    in_demand: Mapped[bool] = mapped_column(Boolean)


class EducationRow(Base):
    """Education, training and experience: percent of workers per category, per scale."""

    __tablename__ = "onet_education"
    __table_args__ = CATALOG
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(10), index=True)
    element_id: Mapped[str] = mapped_column(String(20))
    scale_id: Mapped[str] = mapped_column(String(4))
    category: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)


class EducationCategoryRow(Base):
    """What an education, training or experience category means."""

    __tablename__ = "onet_education_category"
    __table_args__ = CATALOG
    element_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    scale_id: Mapped[str] = mapped_column(String(4), primary_key=True)
    category: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    description: Mapped[str] = mapped_column(Text)


class ContentModelRow(Base):
    """An element of the O*NET content model: id, name, description."""

    __tablename__ = "onet_content_model"
    __table_args__ = CATALOG
    element_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)


class JobZoneRow(Base):
    """What each job zone means."""

    __tablename__ = "onet_job_zone"
    __table_args__ = CATALOG
    zone: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(120))
    experience: Mapped[str] = mapped_column(Text)
    education: Mapped[str] = mapped_column(Text)
    training: Mapped[str] = mapped_column(Text)
    examples: Mapped[str] = mapped_column(Text)
    svp_range: Mapped[str] = mapped_column(String(40))


class LevelAnchorRow(Base):
    """O*NET's example of what a level means for one element (Level Scale Anchors)."""

    __tablename__ = "onet_level_anchor"
    __table_args__ = CATALOG
    element_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    scale_id: Mapped[str] = mapped_column(String(4), primary_key=True)
    value: Mapped[float] = mapped_column(Float, primary_key=True)
    description: Mapped[str] = mapped_column(Text)


class WageRow(Base):
    """National wages (BLS OEWS) for a detailed or broad 2018 SOC code, as published.

    ``annual_median`` is None where BLS published none (``hourly_only`` occupations)."""

    __tablename__ = "onet_wage"
    __table_args__ = CATALOG
    soc_code: Mapped[str] = mapped_column(String(7), primary_key=True)
    title: Mapped[str] = mapped_column(String(250))
    soc_group: Mapped[str] = mapped_column(String(10))  # detailed | broad
    annual_median: Mapped[float | None] = mapped_column(Float)
    hourly_median: Mapped[float | None] = mapped_column(Float)
    annual_mean: Mapped[float | None] = mapped_column(Float)
    employment: Mapped[int | None] = mapped_column(Integer)
    top_coded: Mapped[bool] = mapped_column(Boolean)
    hourly_only: Mapped[bool] = mapped_column(Boolean)


class WageLinkRow(Base):
    """Which BLS code gives an O*NET occupation its wage: same, part or broader
    (``core/wages.py``); rebuilt whenever the catalog or the wages are installed."""

    __tablename__ = "onet_wage_link"
    __table_args__ = CATALOG
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    soc_code: Mapped[str] = mapped_column(String(7), index=True)
    basis: Mapped[str] = mapped_column(String(10))
