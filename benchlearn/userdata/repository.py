"""Reading and writing user data. Returns plain frozen records, never live ORM objects, so
callers (Streamlit sessions are threads) can keep them after the session closes.

Every write validates its input first and raises InvalidInput naming the field and the
problem; each write is one transaction, so a failure leaves nothing half-done.

Every write names who asks (`by`, an access.Actor), checks that person's roles in the
database inside that same transaction (Forbidden otherwise) and adds its audit entry there
too: a write and its trail commit together or not at all. A refusal is audited as well.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from benchlearn.userdata import access
from benchlearn.userdata.access import ADMIN, CONTRIBUTOR, Actor, Grant
from benchlearn.userdata.db import reading, writing
from benchlearn.userdata.models import (
    CODE,
    NAME,
    AuditEntry,
    Deck,
    DeckNote,
    DeckSlide,
    ImprovementAction,
    Network,
    NetworkIndicator,
    NetworkMember,
    Practice,
    RoleGrant,
    SavedView,
)

YEARS = (1990, 2100)
MAX_PARAMS = 30
MAX_PARAM_VALUE = 2000
MAX_TEXT = 20_000
_PAGE = re.compile(r"^[a-z0-9-]{0,80}$")
_PARAM = re.compile(r"^[a-z_]{1,20}$")
_CODE = re.compile(r"^[A-Za-z0-9_]{1,80}$")
CACHE_SECONDS = 2.0  # how stale another app server's edits may look in the group selector


class InvalidInput(ValueError):
    """Input that cannot be stored. `code` keys the message in i18n ("ud.err.<code>")."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code, self.values = code, values
        detail = ", ".join(f"{k}={v!r}" for k, v in values.items())
        super().__init__(f"{code}: {detail}" if detail else code)


class NotFound(LookupError):
    """The record was deleted meanwhile (or never existed)."""

    def __init__(self, what: str, ident: int) -> None:
        self.what, self.ident = what, ident
        super().__init__(f"no {what} with id {ident}")


class Forbidden(PermissionError):
    """The person may not do this (not signed in, or without the role for it)."""

    def __init__(self, action: str, by: Actor) -> None:
        self.action, self.by = action, by
        who = by.principal or "someone not signed in"
        super().__init__(f"{who} may not {action}")


# --- records -----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without diacritics, so "gulbene" finds "Gulbenē" (and sorts like it)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pick(obj: object, base: str, lang: str) -> str:
    """The text in `lang`, else in the other language (an editor may fill in only one)."""
    first, second = (f"{base}_en", f"{base}_lv") if lang == "en" else (f"{base}_lv", f"{base}_en")
    return getattr(obj, first) or getattr(obj, second)


def _in_lang(base: str) -> Callable[[Any, str], str]:
    """A record's method: its text `base` (fields base_lv, base_en) in a language (_pick)."""

    def text(self: Any, lang: str) -> str:
        return _pick(self, base, lang)

    text.__name__ = text.__qualname__ = base
    return text


@dataclass(frozen=True)
class NetworkInput:
    name_lv: str
    name_en: str = ""
    period_start: int | None = None
    period_end: int | None = None
    coordinator: str = ""
    description_lv: str = ""
    description_en: str = ""
    source_lv: str = ""
    source_en: str = ""
    members: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class NetworkInfo(NetworkInput):
    id: int = 0
    name = _in_lang("name")
    description = _in_lang("description")
    source = _in_lang("source")

    @property
    def code(self) -> str:
        """Its code as a comparison group and as a theme."""
        return f"net:{self.id}"


@dataclass(frozen=True)
class ViewInfo:
    id: int
    network_id: int
    title: str
    note: str
    page: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeckInfo:
    id: int
    network_id: int
    title: str
    slides: tuple[ViewInfo, ...] = ()


@dataclass(frozen=True)
class PracticeInput:
    title_lv: str
    title_en: str = ""
    unit_id: str | None = None
    former_unit_id: str | None = None
    year: int | None = None
    network_id: int | None = None
    indicators: tuple[str, ...] = ()
    summary_lv: str = ""
    summary_en: str = ""
    link: str = ""
    tags: tuple[str, ...] = ()
    source_lv: str = ""
    source_en: str = ""


@dataclass(frozen=True)
class PracticeInfo(PracticeInput):
    id: int = 0
    title = _in_lang("title")
    summary = _in_lang("summary")
    source = _in_lang("source")


# --- validation --------------------------------------------------------------------------


def _text(value: str | None, name: str, limit: int = NAME, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput("required", field=name)
    if len(text) > limit:
        raise InvalidInput("too_long", field=name, limit=limit)
    return text


def _year(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not YEARS[0] <= value <= YEARS[1]:
        raise InvalidInput("year", field=name, value=value, low=YEARS[0], high=YEARS[1])
    return value


def _codes(values: Iterable[str], name: str) -> tuple[str, ...]:
    out = tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
    for value in out:
        if not _CODE.match(value):
            raise InvalidInput("code", field=name, value=value[:CODE])
    return out


def _link(value: str) -> str:
    link = _text(value, "link", 1000)
    if link and not re.match(r"^https?://[^\s/$.?#][^\s]*$", link):
        raise InvalidInput("link", value=link[:120])
    return link


def clean_network(data: NetworkInput) -> NetworkInput:
    start, end = _year(data.period_start, "period_start"), _year(data.period_end, "period_end")
    if start is not None and end is not None and end < start:
        raise InvalidInput("period", start=start, end=end)
    return NetworkInput(
        name_lv=_text(data.name_lv, "name_lv", required=True),
        name_en=_text(data.name_en, "name_en"),
        period_start=start,
        period_end=end,
        coordinator=_text(data.coordinator, "coordinator"),
        description_lv=_text(data.description_lv, "description_lv", MAX_TEXT),
        description_en=_text(data.description_en, "description_en", MAX_TEXT),
        source_lv=_text(data.source_lv, "source_lv", MAX_TEXT),
        source_en=_text(data.source_en, "source_en", MAX_TEXT),
        members=_codes(data.members, "members"),
        indicators=_codes(data.indicators, "indicators"),
    )


def clean_params(params: dict[str, Any]) -> dict[str, str]:
    """URL parameters of a view: short lowercase keys, string values, sorted."""
    if len(params) > MAX_PARAMS:
        raise InvalidInput("params", count=len(params))
    out = {}
    for key, value in sorted(params.items()):
        if not isinstance(key, str) or not _PARAM.match(key):
            raise InvalidInput("param_key", value=str(key)[:40])
        text = str(value)
        if len(text) > MAX_PARAM_VALUE:
            raise InvalidInput("too_long", field=key, limit=MAX_PARAM_VALUE)
        out[key] = text
    return out


def clean_page(page: str) -> str:
    if not isinstance(page, str) or not _PAGE.match(page):
        raise InvalidInput("page", value=str(page)[:80])
    return page


def clean_practice(data: PracticeInput) -> PracticeInput:
    unit = _codes([data.unit_id or ""], "unit_id")
    former = _codes([data.former_unit_id or ""], "former_unit_id")
    tags = tuple(dict.fromkeys(_text(t, "tags", 60) for t in data.tags if t and t.strip()))
    return PracticeInput(
        title_lv=_text(data.title_lv, "title_lv", NAME * 2, required=True),
        title_en=_text(data.title_en, "title_en", NAME * 2),
        unit_id=unit[0] if unit else None,
        former_unit_id=former[0] if former else None,
        year=_year(data.year, "year"),
        network_id=data.network_id,
        indicators=_codes(data.indicators, "indicators"),
        summary_lv=_text(data.summary_lv, "summary_lv", MAX_TEXT),
        summary_en=_text(data.summary_en, "summary_en", MAX_TEXT),
        link=_link(data.link),
        tags=tags,
        source_lv=_text(data.source_lv, "source_lv", MAX_TEXT),
        source_en=_text(data.source_en, "source_en", MAX_TEXT),
    )


# --- a short-lived snapshot of the networks (the group selector asks on every run) ------------

_memo_lock = threading.Lock()
_memo: dict[str, tuple[float, list[NetworkInfo]]] = {}


def _changed(engine: Engine) -> None:
    with _memo_lock:
        _memo.pop(str(engine.url), None)


def cached_networks(engine: Engine, seconds: float = CACHE_SECONDS) -> list[NetworkInfo]:
    """list_networks, reused for a couple of seconds; this process's writes clear it at once,
    other app servers' writes show within `seconds`."""
    key, now = str(engine.url), time.monotonic()
    with _memo_lock:
        hit = _memo.get(key)
    if hit and now - hit[0] < seconds:
        return hit[1]
    networks = list_networks(engine)
    with _memo_lock:
        _memo[key] = (now, networks)
    return networks


# --- permission and audit around every write ------------------------------------------------


def _jsonable(value: Any) -> Any:
    """A record as the audit log keeps it (plain JSON: lists, not tuples)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _grants(session: Session, principal: str) -> list[Grant]:
    if not principal:
        return []
    rows = session.scalars(select(RoleGrant).where(RoleGrant.principal == principal))
    return [Grant(r.principal, r.role, r.unit_id, r.granted_by, r.id) for r in rows]


def _entry(by: Actor, action: str, target: str, target_id: Any, **fields: Any) -> AuditEntry:
    return AuditEntry(
        actor=by.principal[:NAME],
        actor_name=(by.name or "")[:NAME],
        action=action,
        target=target,
        target_id="" if target_id is None else str(target_id)[:CODE],
        **fields,
    )


class _Write:
    """One write in progress: `check` the role (with the municipalities it touches, for a
    practice), then `record` what changed. Both are required before the commit."""

    def __init__(self, session: Session, by: Actor, action: str, target: str) -> None:
        self.session, self.by, self.action, self.target = session, by, action, target
        self.checked = self.recorded = False

    def check(self, *units: str | None, network: bool = False) -> None:
        grants = _grants(self.session, self.by.principal)
        if not access.allowed(grants, self.action, units, network):
            raise Forbidden(self.action, self.by)
        self.checked = True

    def found(self, model: type, what: str, ident: Any) -> Any:
        """The row of `model` this write is about, before a role check that needs it (the
        municipality it concerns): when there is none, who may not do this at all is
        refused, not told it is gone; others get NotFound(`what`)."""
        row = self.session.get(model, ident)
        if row is None:
            self.check()
            raise NotFound(what, ident)
        return row

    def record(self, target_id: Any, old: Any = None, new: Any = None, reason: str = "") -> None:
        self.session.add(
            _entry(
                self.by,
                self.action,
                self.target,
                target_id,
                old_value=_jsonable(old),
                new_value=_jsonable(new),
                decision="done",
                reason=_text(reason, "reason", MAX_TEXT),
            )
        )
        self.recorded = True


def _refused(engine: Engine, by: Actor, action: str, target: str, target_id: Any) -> None:
    """A refusal, audited in a transaction of its own (the write's was rolled back)."""
    with writing(engine) as session:
        held = access.roles_of(_grants(session, by.principal))
        needed = " | ".join(sorted(access.ACTIONS[action]))
        session.add(
            _entry(
                by,
                action,
                target,
                target_id,
                decision="refused",
                reason=(
                    f"needs {needed}; holds {', '.join(held)}"
                    if by.principal
                    else f"needs {needed}; not signed in"
                ),
            )
        )


@contextmanager
def _write(
    engine: Engine, by: Actor, action: str, target: str, target_id: Any = None, *, scoped=False
) -> Iterator[_Write]:
    """A write transaction for `action` by `by`. Unless `scoped` (the caller checks with the
    municipalities concerned), the role is checked before anything else happens."""
    try:
        with writing(engine) as session:
            write = _Write(session, by, action, target)
            if not scoped:
                write.check()
            yield write
            if not (write.checked and write.recorded):  # a programming error, never data
                raise RuntimeError(f"{action}: written without a role check or audit entry")
    except Forbidden:
        _refused(engine, by, action, target, target_id)
        raise


def _get(session: Session, model: type, what: str, ident: Any) -> Any:
    """The row of `model` with key `ident`; NotFound(`what`) when there is none."""
    row = session.get(model, ident)
    if row is None:
        raise NotFound(what, ident)
    return row


def _one(engine: Engine, model: type, ident: Any, info: Callable[[Any], Any]) -> Any:
    """The record of `model` with key `ident` as `info` makes it, or None."""
    with reading(engine) as session:
        row = session.get(model, ident)
        return info(row) if row else None


def _check_network(session: Session, network_id: int | None) -> None:
    """A record may name a network (or none), not one that is gone."""
    if network_id is not None:
        _get(session, Network, "network", network_id)


@dataclass(frozen=True)
class _Kind:
    """A record kept per municipality (a practice, an improvement action), which its
    municipality's contributors may write too: its table, its audit target (also the first
    part of its role actions), its editable part of a row (an ..Input, with unit_id), that
    part as the audit log keeps it, and how an ..Input is written into a row."""

    model: type
    target: str
    old: Callable[[Any], Any]
    audited: Callable[[Any], Any]
    apply: Callable[[Session, Any, Any], None]


def _create(engine: Engine, kind: _Kind, data: Any, by: Actor, **row: Any) -> int:
    """Write a new record of `kind` (`row`: columns set only on creation), checked against
    the municipality it concerns."""
    with _write(engine, by, f"{kind.target}.create", kind.target, scoped=True) as write:
        write.check(data.unit_id)
        new = kind.model(**row)
        kind.apply(write.session, new, data)
        write.session.add(new)
        write.session.flush()
        write.record(new.id, new=kind.audited(data))
        return new.id


@contextmanager
def _change(
    engine: Engine, kind: _Kind, ident: int, verb: str, by: Actor, *units: str | None
) -> Iterator[tuple[_Write, Any, Any]]:
    """A change of the record `ident` of `kind`: (write, row, old), its role checked against
    the record's municipality and `units` (where it would go)."""
    action = f"{kind.target}.{verb}"
    with _write(engine, by, action, kind.target, ident, scoped=True) as write:
        row = write.found(kind.model, kind.target, ident)
        old = kind.old(row)
        write.check(old.unit_id, *units)
        yield write, row, old


def _update(engine: Engine, kind: _Kind, ident: int, data: Any, by: Actor) -> None:
    """Replace the record's editable part; a contributor may not move it to another
    municipality."""
    with _change(engine, kind, ident, "update", by, data.unit_id) as (write, row, old):
        kind.apply(write.session, row, data)
        row.updated_at = func.now()
        write.record(ident, old=kind.audited(old), new=kind.audited(data))


def _delete(engine: Engine, kind: _Kind, ident: int, by: Actor) -> None:
    with _change(engine, kind, ident, "delete", by) as (write, row, old):
        write.session.delete(row)
        write.record(ident, old=kind.audited(old))


# --- networks ----------------------------------------------------------------------------


def _record(kind: type, row: object, **given: Any) -> Any:
    """A `kind` record (frozen dataclass) of `row`: each field from the row's column of the
    same name, except those `given`."""
    names = [f.name for f in dataclasses.fields(kind) if f.name not in given]
    return kind(**{name: getattr(row, name) for name in names}, **given)


def _network_info(row: Network) -> NetworkInfo:
    return _record(
        NetworkInfo,
        row,
        members=tuple(m.unit_id for m in row.members),
        indicators=tuple(i.indicator for i in row.indicators),
    )


def _networks_query():
    return select(Network).options(selectinload(Network.members), selectinload(Network.indicators))


def list_networks(engine: Engine) -> list[NetworkInfo]:
    """All networks: newest period first (networks without one last), then by name."""
    with reading(engine) as session:
        rows = session.scalars(_networks_query()).all()
        networks = [_network_info(r) for r in rows]
    # in Python: SQLite and PostgreSQL collate Latvian letters differently
    return sorted(networks, key=lambda n: (-(n.period_start or 0), fold(n.name_lv), n.id))


def get_network(engine: Engine, network_id: int) -> NetworkInfo | None:
    with reading(engine) as session:
        row = session.scalars(_networks_query().where(Network.id == network_id)).first()
        return _network_info(row) if row else None


def _apply_network(row: Network, data: NetworkInput) -> None:
    for name in NetworkInput.__dataclass_fields__:
        if name not in ("members", "indicators"):  # rows of their own, below
            setattr(row, name, getattr(data, name))
    row.members = [NetworkMember(unit_id=u) for u in data.members]
    row.indicators = [
        NetworkIndicator(indicator=c, position=i) for i, c in enumerate(data.indicators)
    ]


def create_network(engine: Engine, data: NetworkInput, *, by: Actor) -> int:
    data = clean_network(data)
    with _write(engine, by, "network.create", "network") as write:
        row = Network()
        _apply_network(row, data)
        write.session.add(row)
        write.session.flush()
        ident = row.id
        write.record(ident, new=data)
    _changed(engine)
    return ident


def _load_network(session: Session, network_id: int) -> Network:
    row = session.scalars(_networks_query().where(Network.id == network_id)).first()
    if row is None:
        raise NotFound("network", network_id)
    return row


def update_network(engine: Engine, network_id: int, data: NetworkInput, *, by: Actor) -> None:
    """Replace every field, members and indicator set included."""
    data = clean_network(data)
    with _write(engine, by, "network.update", "network", network_id) as write:
        session = write.session
        row = _load_network(session, network_id)
        write.record(network_id, old=as_input(_network_info(row)), new=data)
        # members and indicators are replaced: delete first so re-adding one is no conflict
        row.members, row.indicators = [], []
        session.flush()
        _apply_network(row, data)
        row.updated_at = func.now()
    _changed(engine)


def add_members(engine: Engine, network_id: int, unit_ids: Sequence[str], *, by: Actor) -> None:
    """Add members without touching the others (two editors may add at the same time)."""
    units = _codes(unit_ids, "members")
    for attempt in range(2):
        try:
            with _write(engine, by, "network.members", "network", network_id) as write:
                session = write.session
                _load_network(session, network_id)
                have = set(
                    session.scalars(
                        select(NetworkMember.unit_id).where(NetworkMember.network_id == network_id)
                    )
                )
                added = [u for u in units if u not in have]
                session.add_all(NetworkMember(network_id=network_id, unit_id=u) for u in added)
                write.record(network_id, old={"members": sorted(have)}, new={"added": added})
            break
        except IntegrityError:  # another writer added the same unit first: look again
            if attempt:
                raise
    _changed(engine)


def delete_network(engine: Engine, network_id: int, *, by: Actor) -> None:
    """Deletes its saved views and decks too; its practices stay, without a network."""
    with _write(engine, by, "network.delete", "network", network_id) as write:
        session = write.session
        row = _load_network(session, network_id)
        write.record(network_id, old=as_input(_network_info(row)))
        session.execute(
            delete(DeckSlide).where(
                DeckSlide.deck_id.in_(select(Deck.id).where(Deck.network_id == network_id))
            )
        )
        session.execute(delete(Deck).where(Deck.network_id == network_id))
        session.execute(delete(SavedView).where(SavedView.network_id == network_id))
        for practice in session.scalars(select(Practice).where(Practice.network_id == network_id)):
            practice.network_id = None
        session.delete(row)
    _changed(engine)


# --- saved views -------------------------------------------------------------------------


def _view_info(row: SavedView) -> ViewInfo:
    return ViewInfo(row.id, row.network_id, row.title, row.note, row.page, dict(row.params or {}))


def _view_value(row: SavedView) -> dict[str, Any]:
    return {
        "network_id": row.network_id,
        "title": row.title,
        "note": row.note,
        "page": row.page,
        "params": dict(row.params or {}),
    }


def save_view(
    engine: Engine,
    network_id: int,
    title: str,
    note: str,
    page: str,
    params: dict[str, Any],
    *,
    by: Actor,
) -> int:
    row = SavedView(
        network_id=network_id,
        title=_text(title, "title", required=True),
        note=_text(note, "note", MAX_TEXT),
        page=clean_page(page),
        params=clean_params(params),
    )
    with _write(engine, by, "view.save", "view") as write:
        _get(write.session, Network, "network", network_id)
        write.session.add(row)
        write.session.flush()
        write.record(row.id, new=_view_value(row))
        return row.id


def list_views(engine: Engine, network_id: int) -> list[ViewInfo]:
    with reading(engine) as session:
        rows = session.scalars(
            select(SavedView).where(SavedView.network_id == network_id).order_by(SavedView.id)
        )
        return [_view_info(r) for r in rows]


def get_view(engine: Engine, view_id: int) -> ViewInfo | None:
    return _one(engine, SavedView, view_id, _view_info)


def update_view(engine: Engine, view_id: int, title: str, note: str, *, by: Actor) -> None:
    title, note = _text(title, "title", required=True), _text(note, "note", MAX_TEXT)
    with _write(engine, by, "view.update", "view", view_id) as write:
        row = _get(write.session, SavedView, "view", view_id)
        old = _view_value(row)
        row.title, row.note = title, note
        write.record(view_id, old=old, new=_view_value(row))


def delete_view(engine: Engine, view_id: int, *, by: Actor) -> None:
    """Also removes it from every deck."""
    with _write(engine, by, "view.delete", "view", view_id) as write:
        session = write.session
        row = _get(session, SavedView, "view", view_id)
        write.record(view_id, old=_view_value(row))
        session.execute(delete(DeckSlide).where(DeckSlide.view_id == view_id))
        session.delete(row)


# --- decks -------------------------------------------------------------------------------


def _deck_info(session: Session, deck: Deck) -> DeckInfo:
    rows = session.execute(
        select(SavedView)
        .join(DeckSlide, DeckSlide.view_id == SavedView.id)
        .where(DeckSlide.deck_id == deck.id)
        .order_by(DeckSlide.position, DeckSlide.id)
    ).scalars()
    return DeckInfo(deck.id, deck.network_id, deck.title, tuple(_view_info(r) for r in rows))


def _check_views(session: Session, network_id: int, view_ids: Sequence[int]) -> None:
    """Slides must be saved views of the deck's own network."""
    if not view_ids:
        return
    found = set(
        session.scalars(
            select(SavedView.id).where(
                SavedView.id.in_(set(view_ids)), SavedView.network_id == network_id
            )
        )
    )
    missing = [v for v in view_ids if v not in found]
    if missing:
        raise InvalidInput("deck_views", ids=missing)


def _write_slides(session: Session, deck_id: int, view_ids: Sequence[int]) -> None:
    session.execute(delete(DeckSlide).where(DeckSlide.deck_id == deck_id))
    session.add_all(
        DeckSlide(deck_id=deck_id, view_id=v, position=i) for i, v in enumerate(view_ids)
    )


def _deck_value(session: Session, deck: Deck) -> dict[str, Any]:
    slides = session.scalars(
        select(DeckSlide.view_id)
        .where(DeckSlide.deck_id == deck.id)
        .order_by(DeckSlide.position, DeckSlide.id)
    )
    return {"network_id": deck.network_id, "title": deck.title, "slides": list(slides)}


def create_deck(
    engine: Engine, network_id: int, title: str, view_ids: Sequence[int] = (), *, by: Actor
) -> int:
    title = _text(title, "title", required=True)
    with _write(engine, by, "deck.create", "deck") as write:
        session = write.session
        _get(session, Network, "network", network_id)
        _check_views(session, network_id, view_ids)
        deck = Deck(network_id=network_id, title=title)
        session.add(deck)
        session.flush()
        _write_slides(session, deck.id, view_ids)
        write.record(deck.id, new={"network_id": network_id, "title": title, "slides": view_ids})
        return deck.id


def get_deck(engine: Engine, deck_id: int) -> DeckInfo | None:
    with reading(engine) as session:
        deck = session.get(Deck, deck_id)
        return _deck_info(session, deck) if deck else None


def list_decks(engine: Engine, network_id: int) -> list[DeckInfo]:
    with reading(engine) as session:
        decks = session.scalars(
            select(Deck).where(Deck.network_id == network_id).order_by(Deck.id)
        ).all()
        return [_deck_info(session, d) for d in decks]


def set_slides(
    engine: Engine,
    deck_id: int,
    view_ids: Sequence[int],
    title: str | None = None,
    *,
    by: Actor,
) -> None:
    """The deck's slides in this order (reorder, add, remove in one step)."""
    title = None if title is None else _text(title, "title", required=True)
    with _write(engine, by, "deck.update", "deck", deck_id) as write:
        session = write.session
        deck = _get(session, Deck, "deck", deck_id)
        _check_views(session, deck.network_id, view_ids)
        old = _deck_value(session, deck)
        _write_slides(session, deck_id, view_ids)
        if title is not None:
            deck.title = title
        deck.updated_at = func.now()
        write.record(deck_id, old=old, new={**old, "title": deck.title, "slides": view_ids})


def append_slide(engine: Engine, deck_id: int, view_id: int, *, by: Actor) -> None:
    """Add a slide at the end without rewriting the others."""
    with _write(engine, by, "deck.update", "deck", deck_id) as write:
        session = write.session
        deck = _get(session, Deck, "deck", deck_id)
        _check_views(session, deck.network_id, [view_id])
        last = session.scalar(
            select(func.max(DeckSlide.position)).where(DeckSlide.deck_id == deck_id)
        )
        session.add(DeckSlide(deck_id=deck_id, view_id=view_id, position=(last or 0) + 1))
        write.record(deck_id, new={"appended": view_id})


def delete_deck(engine: Engine, deck_id: int, *, by: Actor) -> None:
    with _write(engine, by, "deck.delete", "deck", deck_id) as write:
        session = write.session
        deck = _get(session, Deck, "deck", deck_id)
        write.record(deck_id, old=_deck_value(session, deck))
        session.execute(delete(DeckSlide).where(DeckSlide.deck_id == deck_id))
        session.delete(deck)


def deck_notes(engine: Engine, deck_id: int) -> dict[int, str]:
    """The discussion notes of a deck's slides: view id -> text (slides without notes are
    not listed). Anyone may read them, as anyone may present the deck."""
    with reading(engine) as session:
        rows = session.execute(
            select(DeckNote.view_id, DeckNote.text).where(DeckNote.deck_id == deck_id)
        )
        return {view: text for view, text in rows if text}


def set_deck_note(engine: Engine, deck_id: int, view_id: int, text: str, *, by: Actor) -> None:
    """The notes of one slide (a view in the deck); empty text removes them."""
    text = _text(text, "note", MAX_TEXT)
    with _write(engine, by, "deck.note", "deck", deck_id) as write:
        session = write.session
        _get(session, Deck, "deck", deck_id)
        on_deck = session.scalar(
            select(func.count())
            .select_from(DeckSlide)
            .where(DeckSlide.deck_id == deck_id, DeckSlide.view_id == view_id)
        )
        if not on_deck:
            raise InvalidInput("deck_views", ids=[view_id])
        row = session.get(DeckNote, (deck_id, view_id))
        old = {"view_id": view_id, "text": row.text} if row else None
        if row is None and text:
            session.add(
                DeckNote(deck_id=deck_id, view_id=view_id, text=text, updated_by=by.principal)
            )
        elif row is not None and text:
            row.text, row.updated_by, row.updated_at = text, by.principal, func.now()
        elif row is not None:
            session.delete(row)
        write.record(deck_id, old=old, new={"view_id": view_id, "text": text} if text else None)


# --- good practices ----------------------------------------------------------------------


def _practice_info(row: Practice) -> PracticeInfo:
    return _record(
        PracticeInfo, row, indicators=tuple(row.indicators or ()), tags=tuple(row.tags or ())
    )


def list_practices(engine: Engine) -> list[PracticeInfo]:
    with reading(engine) as session:
        rows = session.scalars(
            select(Practice).order_by(Practice.year.desc().nulls_last(), Practice.title_lv)
        )
        return [_practice_info(r) for r in rows]


def get_practice(engine: Engine, practice_id: int) -> PracticeInfo | None:
    return _one(engine, Practice, practice_id, _practice_info)


def _apply_practice(session: Session, row: Practice, data: PracticeInput) -> None:
    _check_network(session, data.network_id)
    for name in PracticeInput.__dataclass_fields__:
        value = getattr(data, name)
        setattr(row, name, list(value) if isinstance(value, tuple) else value)


_PRACTICE = _Kind(
    Practice,
    "practice",
    old=lambda row: as_input(_practice_info(row)),
    audited=lambda data: data,
    apply=_apply_practice,
)


def create_practice(engine: Engine, data: PracticeInput, *, by: Actor) -> int:
    return _create(engine, _PRACTICE, clean_practice(data), by)


def update_practice(engine: Engine, practice_id: int, data: PracticeInput, *, by: Actor) -> None:
    """A contributor may change only an entry of their municipality, and may not move it to
    another one."""
    _update(engine, _PRACTICE, practice_id, clean_practice(data), by)


def delete_practice(engine: Engine, practice_id: int, *, by: Actor) -> None:
    _delete(engine, _PRACTICE, practice_id, by)


def as_input(record: NetworkInfo | PracticeInfo) -> NetworkInput | PracticeInput:
    """The editable part of a record (to change a few fields and write it back)."""
    kind = NetworkInput if isinstance(record, NetworkInfo) else PracticeInput
    return kind(**{k: getattr(record, k) for k in kind.__dataclass_fields__})


# --- improvement actions (issue 21) -------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    """An improvement action: the municipality, its title, the indicators it aims to move,
    when it started (and ended, if it has), a link to the plan and the network behind it."""

    unit_id: str
    title: str
    indicators: tuple[str, ...]
    start: dt.date
    end: dt.date | None = None
    link: str = ""
    network_id: int | None = None


@dataclass(frozen=True)
class ActionInfo(ActionInput):
    id: int = 0
    created_by: str = ""


def _date(value: object, name: str) -> dt.date | None:
    if value is None:
        return None
    # a datetime is a date too, but its time would be silently dropped: refuse it
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInput("date", field=name)
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise InvalidInput("year", field=name, value=value.year, low=YEARS[0], high=YEARS[1])
    return value


def clean_action(data: ActionInput) -> ActionInput:
    unit = _codes([data.unit_id or ""], "unit_id")
    if not unit:
        raise InvalidInput("required", field="unit_id")
    indicators = _codes(data.indicators, "indicators")
    if not indicators:
        raise InvalidInput("required", field="indicators")
    start = _date(data.start, "start")
    if start is None:
        raise InvalidInput("required", field="start")
    end = _date(data.end, "end")
    if end is not None and end < start:
        raise InvalidInput("period", start=start.isoformat(), end=end.isoformat())
    return ActionInput(
        unit_id=unit[0],
        title=_text(data.title, "title", NAME * 2, required=True),
        indicators=indicators,
        start=start,
        end=end,
        link=_link(data.link),
        network_id=data.network_id,
    )


def _action_info(row: ImprovementAction) -> ActionInfo:
    return _record(
        ActionInfo,
        row,
        indicators=tuple(row.indicators or ()),
        start=row.start_date,
        end=row.end_date,
    )


def _action_value(data: ActionInput) -> dict[str, Any]:
    """An action as the audit log keeps it (dates as ISO text: the log is JSON)."""
    value = _jsonable(
        ActionInput(**{k: getattr(data, k) for k in ActionInput.__dataclass_fields__})
    )
    value["start"] = data.start.isoformat()
    value["end"] = data.end.isoformat() if data.end else None
    return value


def list_actions(engine: Engine, units: Iterable[str] | None = None) -> list[ActionInfo]:
    """Improvement actions (of `units` when given), newest start first."""
    query = select(ImprovementAction).order_by(
        ImprovementAction.start_date.desc(), ImprovementAction.id
    )
    if units is not None:
        query = query.where(ImprovementAction.unit_id.in_(list(units)))
    with reading(engine) as session:
        return [_action_info(r) for r in session.scalars(query)]


def get_action(engine: Engine, action_id: int) -> ActionInfo | None:
    return _one(engine, ImprovementAction, action_id, _action_info)


def _apply_action(session: Session, row: ImprovementAction, data: ActionInput) -> None:
    _check_network(session, data.network_id)
    row.unit_id, row.title, row.indicators = data.unit_id, data.title, list(data.indicators)
    row.start_date, row.end_date = data.start, data.end
    row.link, row.network_id = data.link, data.network_id


_ACTION = _Kind(
    ImprovementAction,
    "improvement",
    old=_action_info,
    audited=_action_value,
    apply=_apply_action,
)


def create_action(engine: Engine, data: ActionInput, *, by: Actor) -> int:
    """A coordinator, an administrator or a contributor of the action's municipality."""
    return _create(engine, _ACTION, clean_action(data), by, created_by=by.principal)


def update_action(engine: Engine, action_id: int, data: ActionInput, *, by: Actor) -> None:
    """A contributor may change only an action of their municipality, and may not move it
    to another one."""
    _update(engine, _ACTION, action_id, clean_action(data), by)


def delete_action(engine: Engine, action_id: int, *, by: Actor) -> None:
    _delete(engine, _ACTION, action_id, by)


# --- roles and the audit log ----------------------------------------------------------------

_grant_memo: dict[tuple[str, str], tuple[float, list[Grant]]] = {}


def grants_of(engine: Engine, principal: str, seconds: float = CACHE_SECONDS) -> list[Grant]:
    """The roles of one person, reused for a couple of seconds (pages ask on every run to
    decide what to offer; the writes themselves always read the table afresh)."""
    if not principal:
        return []
    key, now = (str(engine.url), principal), time.monotonic()
    with _memo_lock:
        hit = _grant_memo.get(key)
    if hit and now - hit[0] < seconds:
        return hit[1]
    with reading(engine) as session:
        grants = _grants(session, principal)
    with _memo_lock:
        _grant_memo[key] = (now, grants)
    return grants


def _roles_changed() -> None:
    with _memo_lock:
        _grant_memo.clear()


def list_grants(engine: Engine) -> list[Grant]:
    """Every role held, by person, then strongest role first, then municipality."""
    with reading(engine) as session:
        rows = session.scalars(select(RoleGrant)).all()
        grants = [Grant(r.principal, r.role, r.unit_id, r.granted_by, r.id) for r in rows]
    order = {role: i for i, role in enumerate(access.ROLES)}
    return sorted(grants, key=lambda g: (g.principal, order.get(g.role, 9), g.unit_id))


def _grant_value(row: RoleGrant | Grant) -> dict[str, str]:
    return {"principal": row.principal, "role": row.role, "unit_id": row.unit_id}


def grant_role(
    engine: Engine, principal: str, role: str, unit_id: str = "", *, by: Actor, reason: str = ""
) -> int:
    """Give `principal` (an e-mail address) a role; a contributor's names a municipality."""
    who = access.normalise_principal(principal)
    if not who:
        raise InvalidInput("principal", value=(principal or "")[:NAME])
    if role not in access.ROLES:
        raise InvalidInput("role", value=str(role)[:20])
    unit = ""
    if role == CONTRIBUTOR:
        codes = _codes([unit_id or ""], "unit_id")
        if not codes:
            raise InvalidInput("required", field="unit_id")
        unit = codes[0]
    try:
        with _write(engine, by, "role.grant", "role") as write:
            exists = write.session.scalar(
                select(RoleGrant.id).where(
                    RoleGrant.principal == who, RoleGrant.role == role, RoleGrant.unit_id == unit
                )
            )
            if exists:
                raise InvalidInput("role_exists", principal=who, role=role)
            row = RoleGrant(principal=who, role=role, unit_id=unit, granted_by=by.principal)
            write.session.add(row)
            write.session.flush()
            write.record(row.id, new=_grant_value(row), reason=reason)
            ident = row.id
    except IntegrityError as exc:  # the same grant made by another administrator just now
        raise InvalidInput("role_exists", principal=who, role=role) from exc
    _roles_changed()
    return ident


def revoke_role(engine: Engine, grant_id: int, *, by: Actor, reason: str = "") -> None:
    """Take a role away. The last administrator cannot be removed (nobody could then
    assign roles except through the first-administrator setting)."""
    with _write(engine, by, "role.revoke", "role", grant_id) as write:
        row = write.session.get(RoleGrant, grant_id)
        if row is None:
            raise NotFound("role", grant_id)
        if row.role == ADMIN:
            admins = write.session.scalar(
                select(func.count()).select_from(RoleGrant).where(RoleGrant.role == ADMIN)
            )
            if admins <= 1:
                raise InvalidInput("last_admin")
        write.record(grant_id, old=_grant_value(row), reason=reason)
        write.session.delete(row)
    _roles_changed()


def bootstrap_admin(engine: Engine, by: Actor, admins: Iterable[str]) -> bool:
    """Make `by` an administrator if the first-administrator setting lists them and the
    database has no administrator yet (so a later removal by another administrator sticks).
    True if it did."""
    listed = {access.normalise_principal(a) for a in admins} - {""}
    if not by.principal or by.principal not in listed:
        return False
    with writing(engine) as session:
        if session.scalar(select(RoleGrant.id).where(RoleGrant.role == ADMIN).limit(1)):
            return False
        row = RoleGrant(principal=by.principal, role=ADMIN, unit_id="", granted_by="")
        session.add(row)
        session.flush()
        session.add(
            _entry(
                by,
                "role.grant",
                "role",
                row.id,
                new_value=_grant_value(row),
                decision="done",
                reason="first administrator: listed in BENCHLEARN_ADMINS or `admins` (secrets)",
            )
        )
    _roles_changed()
    return True


# Update from CSP (benchlearn.update): the steps a person takes, checked against their role in
# the transaction that records them; and the outcomes of a run, recorded as they happened.
DATA_UPDATE_STARTS = ("plan", "apply", "discard", "busy")
DATA_UPDATE_OUTCOMES = ("planned", "applied", "failed")


def audit_data_update(
    engine: Engine, step: str, detail: dict[str, Any], *, by: Actor, reason: str = ""
) -> None:
    """Record a step of an update from CSP. A start (`DATA_UPDATE_STARTS`) needs the
    "data.update" role: Forbidden (and an audited refusal) otherwise."""
    if step in DATA_UPDATE_STARTS:
        with _write(engine, by, "data.update", "csp", step) as write:
            write.record(step, new=detail, reason=reason)
        return
    if step not in DATA_UPDATE_OUTCOMES:
        raise ValueError(f"unknown step {step!r} of an update from CSP")
    with writing(engine) as session:
        session.add(
            _entry(
                by,
                "data.update",
                "csp",
                step,
                new_value=_jsonable(detail),
                decision="done",
                reason=_text(reason[:MAX_TEXT], "reason", MAX_TEXT),
            )
        )


def list_audit(engine: Engine, limit: int | None = None) -> list[dict[str, Any]]:
    """The audit log, newest first, as plain dicts (access.AUDIT_COLUMNS)."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if limit:
        query = query.limit(limit)
    with reading(engine) as session:
        return [
            {column: getattr(row, column) for column in access.AUDIT_COLUMNS}
            for row in session.scalars(query)
        ]
