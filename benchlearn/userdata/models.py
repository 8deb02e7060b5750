"""Tables for what users create: networks, saved views, seminar decks, good practices; and
who may write (roles) and what was written (the append-only audit log).

Kept apart from the read-only warehouse (DuckDB), so a rebuild or fetch never touches them.
Unit ids and indicator codes refer to the warehouse by value (no foreign key across the two
databases); pages offer only valid ones. The migrations in migrations/versions create these
tables; a test checks that models and migrations agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAME = 200  # longest name or title accepted
CODE = 80  # longest unit id, indicator code or page path


class Base(DeclarativeBase):
    pass


def _now() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


def _network(ondelete: str, **column: bool) -> Mapped:
    """A column naming a network: its row goes with the network (CASCADE) or stays without
    one (SET NULL)."""
    return mapped_column(ForeignKey("networks.id", ondelete=ondelete), **column)


class Network(Base):
    """A cooperation network: who meets, when, and what they compare."""

    __tablename__ = "networks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seed_key: Mapped[str | None] = mapped_column(String(CODE), unique=True)
    name_lv: Mapped[str] = mapped_column(String(NAME))
    name_en: Mapped[str] = mapped_column(String(NAME), default="")
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    coordinator: Mapped[str] = mapped_column(String(NAME), default="")
    description_lv: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    source_lv: Mapped[str] = mapped_column(Text, default="")  # where the facts come from
    source_en: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()
    members: Mapped[list[NetworkMember]] = relationship(
        cascade="all, delete-orphan", order_by="NetworkMember.unit_id"
    )
    indicators: Mapped[list[NetworkIndicator]] = relationship(
        cascade="all, delete-orphan", order_by="NetworkIndicator.position"
    )


class NetworkMember(Base):
    """One row per member, so two editors adding members at once both succeed."""

    __tablename__ = "network_members"
    network_id: Mapped[int] = _network("CASCADE", primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(CODE), primary_key=True)


class NetworkIndicator(Base):
    __tablename__ = "network_indicators"
    network_id: Mapped[int] = _network("CASCADE", primary_key=True)
    indicator: Mapped[str] = mapped_column(String(CODE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SavedView(Base):
    """A page and its URL state, saved with a title and a note, within a network."""

    __tablename__ = "saved_views"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = _network("CASCADE", index=True)
    title: Mapped[str] = mapped_column(String(NAME))
    note: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[str] = mapped_column(String(CODE))  # url_path ("" = the map)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = _now()


class Deck(Base):
    """A seminar deck: saved views of one network in the order they are presented."""

    __tablename__ = "decks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = _network("CASCADE", index=True)
    title: Mapped[str] = mapped_column(String(NAME))
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()
    slides: Mapped[list[DeckSlide]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: [DeckSlide.position, DeckSlide.id]
    )


class DeckSlide(Base):
    __tablename__ = "deck_slides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), index=True)
    view_id: Mapped[int] = mapped_column(ForeignKey("saved_views.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    view: Mapped[SavedView] = relationship()


class DeckNote(Base):
    """The discussion notes of one slide of a deck, for the presenter (issue 21). Keyed by
    deck and view, not by slide row: reordering rewrites the rows, the notes stay."""

    __tablename__ = "deck_notes"
    deck_id: Mapped[int] = mapped_column(
        ForeignKey("decks.id", ondelete="CASCADE"), primary_key=True
    )
    view_id: Mapped[int] = mapped_column(
        ForeignKey("saved_views.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(NAME), default="")
    updated_at: Mapped[dt.datetime] = _now()


class Practice(Base):
    """A good-practice example, study or handbook; empty fields are simply not known."""

    __tablename__ = "practices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seed_key: Mapped[str | None] = mapped_column(String(CODE), unique=True)
    title_lv: Mapped[str] = mapped_column(String(NAME * 2))
    title_en: Mapped[str] = mapped_column(String(NAME * 2), default="")
    unit_id: Mapped[str | None] = mapped_column(String(CODE), index=True)  # today's unit
    former_unit_id: Mapped[str | None] = mapped_column(String(CODE))  # before the 2021 reform
    year: Mapped[int | None] = mapped_column(Integer)
    network_id: Mapped[int | None] = _network("SET NULL", index=True)
    indicators: Mapped[list] = mapped_column(JSON, default=list)
    summary_lv: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(1000), default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    source_lv: Mapped[str] = mapped_column(Text, default="")
    source_en: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()


class ImprovementAction(Base):
    """An improvement action a municipality records (issue 21): what it aims to move and
    since when, so trends mark its start and the profile compares what followed with the
    municipality's peers."""

    __tablename__ = "improvement_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(CODE), index=True)
    title: Mapped[str] = mapped_column(String(NAME * 2))
    indicators: Mapped[list] = mapped_column(JSON, default=list)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    link: Mapped[str] = mapped_column(String(1000), default="")
    network_id: Mapped[int | None] = _network("SET NULL", index=True)
    created_by: Mapped[str] = mapped_column(String(NAME), default="")
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()


class RoleGrant(Base):
    """One role of one person: administrator, coordinator, reader, or contributor for one
    municipality (a contributor of three municipalities has three rows). People are named by
    their principal: the lower-case e-mail their identity provider vouches for."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("principal", "role", "unit_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    principal: Mapped[str] = mapped_column(String(NAME), index=True)
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[str] = mapped_column(String(CODE), default="")  # "" unless contributor
    granted_by: Mapped[str] = mapped_column(String(NAME), default="")
    granted_at: Mapped[dt.datetime] = _now()


class AuditEntry(Base):
    """Append-only (database triggers refuse UPDATE and DELETE): who did what, when, the
    record before and after, and whether it was done or refused, and why."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = _now()
    actor: Mapped[str] = mapped_column(String(NAME), index=True)  # "" = not signed in
    actor_name: Mapped[str] = mapped_column(String(NAME), default="")
    action: Mapped[str] = mapped_column(String(40))  # e.g. network.create, role.grant
    target: Mapped[str] = mapped_column(String(40))  # network, view, deck, practice, role
    target_id: Mapped[str] = mapped_column(String(CODE), default="")
    old_value: Mapped[dict | None] = mapped_column(JSON)
    new_value: Mapped[dict | None] = mapped_column(JSON)
    decision: Mapped[str] = mapped_column(String(20))  # done | refused
    reason: Mapped[str] = mapped_column(Text, default="")


# --- municipal data contributions (issue 18, parts 3-5) -----------------------------------


class Contribution(Base):
    """One uploaded file of one municipality's values: staged until an administrator (or a
    network's coordinator) approves or rejects it, or the contributor withdraws it.
    `staged_unit` is the unit while staged and NULL after: a unique column, so a second
    upload for a municipality with one waiting is refused by the database itself."""

    __tablename__ = "contributions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(CODE), index=True)
    staged_unit: Mapped[str | None] = mapped_column(String(CODE), unique=True)
    indicator_set: Mapped[str] = mapped_column(String(CODE), default="")  # theme or net:<id>
    network_id: Mapped[int | None] = mapped_column(Integer)  # a coordinator may decide
    file_name: Mapped[str] = mapped_column(String(NAME), default="")
    status: Mapped[str] = mapped_column(String(20))  # staged|approved|rejected|withdrawn
    submitted_by: Mapped[str] = mapped_column(String(NAME))
    submitted_at: Mapped[dt.datetime] = _now()
    decided_by: Mapped[str] = mapped_column(String(NAME), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text, default="")
    values: Mapped[list[ContributionValue]] = relationship(
        cascade="all, delete-orphan", order_by="ContributionValue.id"
    )


class ContributionValue(Base):
    """One value of a contribution as submitted: the value held before (None: new), the
    contributor's note, and the warning they confirmed (far outside the usual range)."""

    __tablename__ = "contribution_values"
    __table_args__ = (UniqueConstraint("contribution_id", "indicator", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), index=True
    )
    indicator: Mapped[str] = mapped_column(String(CODE))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    old_value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    warning: Mapped[str] = mapped_column(Text, default="")


class ValueVersion(Base):
    """Every approved value is a version; the newest of a (unit, indicator, year) is the one
    in force. A revert adds a new version with an old one's value (history is never
    rewritten), naming the version it restores."""

    __tablename__ = "value_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(CODE), index=True)
    indicator: Mapped[str] = mapped_column(String(CODE), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="SET NULL")
    )
    reverts_to: Mapped[int | None] = mapped_column(Integer)  # the version restored, if any
    approved_by: Mapped[str] = mapped_column(String(NAME))
    approved_at: Mapped[dt.datetime] = _now()


class ContributedIndicator(Base):
    """An indicator only contributions fill, defined by an administrator; it enters the
    warehouse catalogue on the first build that has an approved value of it."""

    __tablename__ = "contributed_indicators"
    code: Mapped[str] = mapped_column(String(CODE), primary_key=True)
    name_lv: Mapped[str] = mapped_column(String(NAME))
    name_en: Mapped[str] = mapped_column(String(NAME))
    unit_lv: Mapped[str] = mapped_column(String(NAME), default="")
    unit_en: Mapped[str] = mapped_column(String(NAME), default="")
    definition_lv: Mapped[str] = mapped_column(Text, default="")
    definition_en: Mapped[str] = mapped_column(Text, default="")
    direction: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(CODE))
    decimals: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(NAME))
    created_at: Mapped[dt.datetime] = _now()
