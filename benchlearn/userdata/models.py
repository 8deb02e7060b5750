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
    DateTime,
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
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[str] = mapped_column(String(CODE), primary_key=True)


class NetworkIndicator(Base):
    __tablename__ = "network_indicators"
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True
    )
    indicator: Mapped[str] = mapped_column(String(CODE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SavedView(Base):
    """A page and its URL state, saved with a title and a note, within a network."""

    __tablename__ = "saved_views"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(NAME))
    note: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[str] = mapped_column(String(CODE))  # url_path ("" = the map)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = _now()


class Deck(Base):
    """A seminar deck: saved views of one network in the order they are presented."""

    __tablename__ = "decks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
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
    network_id: Mapped[int | None] = mapped_column(
        ForeignKey("networks.id", ondelete="SET NULL"), index=True
    )
    indicators: Mapped[list] = mapped_column(JSON, default=list)
    summary_lv: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(1000), default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    source_lv: Mapped[str] = mapped_column(Text, default="")
    source_en: Mapped[str] = mapped_column(Text, default="")
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
