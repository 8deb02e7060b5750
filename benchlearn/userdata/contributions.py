"""Municipal data contributions in the user-data database: staged submissions, decisions,
the approved versions of every value, and indicators only contributions fill.

Writes follow the repository's rule (repository._write): the role is checked inside the
writing transaction, and the write and its audit entry commit together. An approval or a
revert hands the values then in force to `apply` *inside* its transaction (the warehouse
rebuild, benchlearn.contribute): if the build fails, nothing of the approval is kept.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from benchlearn.catalogue import DIRECTIONS
from benchlearn.ingest.contributed import INDICATOR_COLUMNS, VALUE_COLUMNS
from benchlearn.userdata.access import Actor
from benchlearn.userdata.db import reading
from benchlearn.userdata.models import (
    CODE,
    NAME,
    ContributedIndicator,
    Contribution,
    ContributionValue,
    ValueVersion,
)
from benchlearn.userdata.repository import (
    MAX_TEXT,
    YEARS,
    InvalidInput,
    _codes,
    _get,
    _one,
    _text,
    _write,
)

STAGED, APPROVED, REJECTED, WITHDRAWN = "staged", "approved", "rejected", "withdrawn"
MAX_VALUES = 50_000
MAX_NOTE = 1000
_INDICATOR_CODE = re.compile(r"^[a-z][a-z0-9_]{2,59}$")
Apply = Callable[[pd.DataFrame, pd.DataFrame], None]


@dataclass(frozen=True)
class StagedValue:
    indicator: str
    year: int
    value: float
    old_value: float | None = None
    note: str = ""
    warning: str = ""


@dataclass(frozen=True)
class ContributionInfo:
    id: int
    unit_id: str
    status: str
    submitted_by: str
    submitted_at: dt.datetime | None
    indicator_set: str = ""
    network_id: int | None = None
    file_name: str = ""
    decided_by: str = ""
    decided_at: dt.datetime | None = None
    reason: str = ""
    values: tuple[StagedValue, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class VersionInfo:
    id: int
    unit_id: str
    indicator: str
    year: int
    value: float
    note: str
    contribution_id: int | None
    reverts_to: int | None
    approved_by: str
    approved_at: dt.datetime | None


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    name_lv: str
    name_en: str
    unit_lv: str = ""
    unit_en: str = ""
    definition_lv: str = ""
    definition_en: str = ""
    direction: str = "neutral"
    theme: str = ""
    decimals: int = 1


def _clean_values(values: Sequence[StagedValue]) -> list[StagedValue]:
    if not values:
        raise InvalidInput("contrib_empty")
    if len(values) > MAX_VALUES:
        raise InvalidInput("too_many", limit=MAX_VALUES)
    out, seen = [], set()
    for v in values:
        code = _codes([v.indicator], "indicator")
        if not code or isinstance(v.year, bool) or not isinstance(v.year, int):
            raise InvalidInput("code", field="indicator", value=str(v.indicator)[:CODE])
        if not YEARS[0] <= v.year <= YEARS[1]:
            raise InvalidInput("year", field="year", value=v.year, low=YEARS[0], high=YEARS[1])
        if not isinstance(v.value, int | float) or not math.isfinite(v.value):
            raise InvalidInput("contrib_value", value=str(v.value)[:40])
        if (code[0], v.year) in seen:
            raise InvalidInput("contrib_duplicate", indicator=code[0], year=v.year)
        seen.add((code[0], v.year))
        out.append(
            StagedValue(
                code[0],
                v.year,
                float(v.value),
                None if v.old_value is None else float(v.old_value),
                _text(v.note, "note", MAX_NOTE),
                _text(v.warning, "warning", MAX_TEXT),
            )
        )
    return out


def _info(row: Contribution, with_values: bool = True) -> ContributionInfo:
    values = tuple(
        StagedValue(v.indicator, v.year, v.value, v.old_value, v.note, v.warning)
        for v in (row.values if with_values else ())
    )
    return ContributionInfo(
        row.id,
        row.unit_id,
        row.status,
        row.submitted_by,
        row.submitted_at,
        row.indicator_set,
        row.network_id,
        row.file_name,
        row.decided_by,
        row.decided_at,
        row.reason,
        values,
    )


def _summary(row: Contribution, count: int | None = None) -> dict[str, Any]:
    return {
        "unit_id": row.unit_id,
        "status": row.status,
        "indicator_set": row.indicator_set,
        "file_name": row.file_name,
        "values": len(row.values) if count is None else count,
    }


def stage(
    engine: Engine,
    unit_id: str,
    values: Sequence[StagedValue],
    *,
    by: Actor,
    indicator_set: str = "",
    network_id: int | None = None,
    file_name: str = "",
) -> int:
    """Stage one municipality's values for a decision. Only a contributor of that
    municipality (or an administrator) may; one staged submission per municipality at a
    time (the database refuses a second: contributions.staged_unit is unique)."""
    unit = _codes([unit_id or ""], "unit_id")
    if not unit:
        raise InvalidInput("required", field="unit_id")
    clean = _clean_values(values)
    try:
        with _write(engine, by, "contribution.submit", "contribution", scoped=True) as write:
            write.check(unit[0])
            session = write.session
            if session.scalar(select(Contribution.id).where(Contribution.staged_unit == unit[0])):
                raise InvalidInput("contrib_staged", unit=unit[0])
            row = Contribution(
                unit_id=unit[0],
                staged_unit=unit[0],
                indicator_set=_text(indicator_set, "indicator_set", CODE),
                network_id=network_id,
                file_name=_text(file_name, "file_name", NAME),
                status=STAGED,
                submitted_by=by.principal,
                decided_by="",
                reason="",
            )
            row.values = [
                ContributionValue(
                    indicator=v.indicator,
                    year=v.year,
                    value=v.value,
                    old_value=v.old_value,
                    note=v.note,
                    warning=v.warning,
                )
                for v in clean
            ]
            session.add(row)
            session.flush()
            new = {
                **_summary(row),
                "sample": [
                    {"indicator": v.indicator, "year": v.year, "old": v.old_value, "new": v.value}
                    for v in clean[:20]
                ],
            }
            write.record(row.id, new=new)
            return row.id
    except IntegrityError as exc:  # another upload for the municipality committed just now
        raise InvalidInput("contrib_staged", unit=unit[0]) from exc


def get(engine: Engine, contribution_id: int) -> ContributionInfo | None:
    return _one(engine, Contribution, contribution_id, _info)


def listing(
    engine: Engine, status: str | None = None, unit_id: str | None = None, limit: int = 200
) -> list[ContributionInfo]:
    """Contributions, newest first (values included)."""
    query = select(Contribution).options(selectinload(Contribution.values))
    if status:
        query = query.where(Contribution.status == status)
    if unit_id:
        query = query.where(Contribution.unit_id == unit_id)
    with reading(engine) as session:
        rows = session.scalars(query.order_by(Contribution.id.desc()).limit(limit)).all()
        return [_info(r) for r in rows]


def staged_for(engine: Engine, unit_id: str) -> ContributionInfo | None:
    with reading(engine) as session:
        row = session.scalars(
            select(Contribution).where(Contribution.staged_unit == unit_id)
        ).first()
        return _info(row) if row else None


def _staged_row(session: Session, contribution_id: int) -> Contribution:
    row = _get(session, Contribution, "contribution", contribution_id)
    if row.status != STAGED:
        raise InvalidInput("contrib_decided", status=row.status)
    return row


def _close(row: Contribution, status: str, by: Actor, reason: str) -> dict[str, Any]:
    old = _summary(row)
    # a conditional UPDATE would be the same; the row lock below makes two deciders wait
    row.status, row.staged_unit = status, None
    row.decided_by, row.decided_at, row.reason = by.principal, func.now(), reason
    return old


def _lock(session: Session, contribution_id: int) -> None:
    """PostgreSQL: the second of two deciders waits here, then sees the first's decision
    (SQLite's writer transaction already serialises them)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(Contribution.id).where(Contribution.id == contribution_id).with_for_update()
        )


def withdraw(engine: Engine, contribution_id: int, *, by: Actor) -> None:
    with _write(
        engine, by, "contribution.withdraw", "contribution", contribution_id, scoped=True
    ) as write:
        row = write.found(Contribution, "contribution", contribution_id)
        write.check(row.unit_id)
        _lock(write.session, contribution_id)
        row = _staged_row(write.session, contribution_id)
        old = _close(row, WITHDRAWN, by, "")
        write.record(contribution_id, old=old, new={"status": WITHDRAWN})


def _decider_check(write, contribution_id: int) -> Contribution:
    row = write.found(Contribution, "contribution", contribution_id)
    write.check(network=row.network_id is not None)
    _lock(write.session, contribution_id)
    return _staged_row(write.session, contribution_id)


def reject(engine: Engine, contribution_id: int, reason: str, *, by: Actor) -> None:
    """Refuse a staged submission; the reason is required (the contributor reads it)."""
    reason = _text(reason, "reason", MAX_TEXT, required=True)
    with _write(
        engine, by, "contribution.reject", "contribution", contribution_id, scoped=True
    ) as write:
        row = _decider_check(write, contribution_id)
        old = _close(row, REJECTED, by, reason)
        write.record(contribution_id, old=old, new={"status": REJECTED}, reason=reason)


def approve(
    engine: Engine, contribution_id: int, *, by: Actor, apply: Apply | None = None, reason: str = ""
) -> int:
    """Approve a staged submission: each value becomes a new version (superseding any
    earlier one). `apply(values, indicators)` gets every value then in force and the
    contributed indicators (ingest.contributed's columns) before the commit; if it raises,
    the approval is undone. Returns the number of values approved."""
    reason = _text(reason, "reason", MAX_TEXT)
    with _write(
        engine, by, "contribution.approve", "contribution", contribution_id, scoped=True
    ) as write:
        session = write.session
        row = _decider_check(write, contribution_id)
        old = _close(row, APPROVED, by, reason)
        for v in row.values:
            session.add(
                ValueVersion(
                    unit_id=row.unit_id,
                    indicator=v.indicator,
                    year=v.year,
                    value=v.value,
                    note=v.note,
                    contribution_id=row.id,
                    approved_by=by.principal,
                )
            )
        session.flush()
        if apply is not None:
            apply(in_force(session), indicator_frame(session))
        changes = [
            {"indicator": v.indicator, "year": v.year, "old": v.old_value, "new": v.value}
            for v in row.values[:200]
        ]
        write.record(
            contribution_id,
            old=old,
            new={"status": APPROVED, "unit_id": row.unit_id, "values": changes},
            reason=reason,
        )
        return len(row.values)


def in_force(session: Session) -> pd.DataFrame:
    """The newest version of every (unit, indicator, year): ingest.contributed.VALUE_COLUMNS."""
    newest = select(func.max(ValueVersion.id)).group_by(
        ValueVersion.unit_id, ValueVersion.indicator, ValueVersion.year
    )
    rows = session.scalars(
        select(ValueVersion).where(ValueVersion.id.in_(newest)).order_by(ValueVersion.id)
    ).all()
    return pd.DataFrame(
        [
            {
                "unit_id": r.unit_id,
                "indicator": r.indicator,
                "year": r.year,
                "value": r.value,
                "approved": _date(r.approved_at),
                "version": r.id,
                "contribution": r.contribution_id or 0,
            }
            for r in rows
        ],
        columns=VALUE_COLUMNS,
    )


def _date(when: dt.datetime | None) -> str:
    return (when or dt.datetime.now(dt.UTC)).date().isoformat()


def indicator_frame(session: Session) -> pd.DataFrame:
    rows = session.scalars(select(ContributedIndicator).order_by(ContributedIndicator.code))
    return pd.DataFrame(
        [{c: getattr(r, c) for c in INDICATOR_COLUMNS} for r in rows], columns=INDICATOR_COLUMNS
    )


def current(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values in force, contributed indicators) as the build's file set holds them."""
    with reading(engine) as session:
        return in_force(session), indicator_frame(session)


def _version(r: ValueVersion) -> VersionInfo:
    return VersionInfo(
        r.id,
        r.unit_id,
        r.indicator,
        r.year,
        r.value,
        r.note,
        r.contribution_id,
        r.reverts_to,
        r.approved_by,
        r.approved_at,
    )


def history(
    engine: Engine, unit_id: str, indicator: str | None = None, year: int | None = None
) -> list[VersionInfo]:
    """Every version of a municipality's values (of one indicator and year), newest first."""
    query = select(ValueVersion).where(ValueVersion.unit_id == unit_id)
    if indicator:
        query = query.where(ValueVersion.indicator == indicator)
    if year is not None:
        query = query.where(ValueVersion.year == year)
    with reading(engine) as session:
        return [_version(r) for r in session.scalars(query.order_by(ValueVersion.id.desc()))]


def revert(
    engine: Engine, version_id: int, *, by: Actor, reason: str = "", apply: Apply | None = None
) -> int:
    """Make an earlier version the one in force again: a new version with its value (the
    history keeps every step). Administrators only. Returns the new version's id."""
    reason = _text(reason, "reason", MAX_TEXT)
    with _write(engine, by, "value.revert", "value", version_id) as write:
        session = write.session
        old = _get(session, ValueVersion, "version", version_id)
        newest = session.scalars(
            select(ValueVersion)
            .where(
                ValueVersion.unit_id == old.unit_id,
                ValueVersion.indicator == old.indicator,
                ValueVersion.year == old.year,
            )
            .order_by(ValueVersion.id.desc())
            .limit(1)
        ).first()
        row = ValueVersion(
            unit_id=old.unit_id,
            indicator=old.indicator,
            year=old.year,
            value=old.value,
            note=old.note,
            contribution_id=old.contribution_id,
            reverts_to=old.id,
            approved_by=by.principal,
        )
        session.add(row)
        session.flush()
        if apply is not None:
            apply(in_force(session), indicator_frame(session))
        key = {"unit_id": old.unit_id, "indicator": old.indicator, "year": old.year}
        write.record(
            row.id,
            old={**key, "value": newest.value, "version": newest.id},
            new={**key, "value": old.value, "version": row.id, "reverts_to": old.id},
            reason=reason,
        )
        return row.id


def clean_indicator(
    data: IndicatorDefinition, themes: Sequence[str], taken: Sequence[str]
) -> IndicatorDefinition:
    code = (data.code or "").strip()
    if not _INDICATOR_CODE.match(code):
        raise InvalidInput("indicator_code", value=code[:CODE])
    if code in taken:
        raise InvalidInput("indicator_taken", value=code)
    if data.direction not in DIRECTIONS:
        raise InvalidInput("direction", value=str(data.direction)[:20])
    if data.theme not in themes:
        raise InvalidInput("theme", value=str(data.theme)[:CODE])
    if isinstance(data.decimals, bool) or data.decimals not in range(0, 5):
        raise InvalidInput("decimals", value=data.decimals)
    return IndicatorDefinition(
        code=code,
        name_lv=_text(data.name_lv, "name_lv", required=True),
        name_en=_text(data.name_en, "name_en", required=True),
        unit_lv=_text(data.unit_lv, "unit_lv", 60, required=True),
        unit_en=_text(data.unit_en, "unit_en", 60, required=True),
        definition_lv=_text(data.definition_lv, "definition_lv", MAX_TEXT),
        definition_en=_text(data.definition_en, "definition_en", MAX_TEXT),
        direction=data.direction,
        theme=data.theme,
        decimals=int(data.decimals),
    )


def define_indicator(
    engine: Engine,
    data: IndicatorDefinition,
    *,
    by: Actor,
    themes: Sequence[str],
    taken: Sequence[str],
) -> str:
    """An indicator only contributions fill (administrators). `themes`: the catalogue's
    theme codes; `taken`: the catalogue's indicator codes (a code is never reused)."""
    clean = clean_indicator(data, themes, taken)
    try:
        with _write(engine, by, "indicator.define", "indicator", clean.code) as write:
            if write.session.get(ContributedIndicator, clean.code) is not None:
                raise InvalidInput("indicator_taken", value=clean.code)
            write.session.add(ContributedIndicator(**clean.__dict__, created_by=by.principal))
            write.record(clean.code, new=clean)
    except IntegrityError as exc:
        raise InvalidInput("indicator_taken", value=clean.code) from exc
    return clean.code


def list_indicators(engine: Engine) -> list[IndicatorDefinition]:
    with reading(engine) as session:
        rows = session.scalars(select(ContributedIndicator).order_by(ContributedIndicator.code))
        return [
            IndicatorDefinition(
                **{c: getattr(r, c) for c in IndicatorDefinition.__dataclass_fields__}
            )
            for r in rows
        ]
