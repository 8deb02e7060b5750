"""Pure helpers for networks, saved views, decks and practices (no database, no Streamlit)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlencode, urljoin

from benchlearn.userdata.repository import NetworkInfo, PracticeInfo, fold

NET_PREFIX = "net:"


def network_id(code: str | None) -> int | None:
    """42 from "net:42"; None for any other code."""
    if not code or not code.startswith(NET_PREFIX):
        return None
    tail = code.removeprefix(NET_PREFIX)
    return int(tail) if tail.isdigit() else None


def view_link(page: str, params: Mapping[str, str], lang: str | None = None) -> str:
    """The address of a view relative to any page of the app: "./tendences?ind=..." (so it
    works under a path prefix too). With `lang`, the reader's language replaces the saved
    one (a view is the same in either language)."""
    query = {k: v for k, v in params.items() if k != "lang"}
    if lang and lang != "lv":
        query["lang"] = lang
    text = urlencode(query, safe=",:")
    return f"./{page}" + (f"?{text}" if text else "")


def absolute_link(page_url: str | None, relative: str) -> str:
    """`relative` (from view_link) made absolute against the address of the current page,
    for participants who type or scan it; unchanged when the address is unknown."""
    if not page_url:
        return relative
    return urljoin(page_url, relative)


def without_language(params: Mapping[str, str]) -> dict[str, str]:
    """What a saved view keeps: everything in the URL except the reader's language."""
    return {k: v for k, v in params.items() if k != "lang"}


def step(current: int, count: int, delta: int) -> int:
    """The slide index after moving by `delta`, kept within the deck (no wrap-around)."""
    if count <= 0:
        return 0
    return min(max(current + delta, 0), count - 1)


def move(items: Sequence[int], index: int, delta: int) -> list[int]:
    """`items` with the element at `index` moved `delta` places (clamped)."""
    out = list(items)
    if not 0 <= index < len(out):
        return out
    target = min(max(index + delta, 0), len(out) - 1)
    out.insert(target, out.pop(index))
    return out


def members_in_version(
    members: Iterable[str], version_ids: Iterable[str], successors: Mapping[str, set[str]]
) -> list[str]:
    """A network's members among the units of one boundary version.

    Members are stored as they were chosen (on the 2021 or the 2025 boundaries). A member
    that is not a unit of this version stands for the units it became or came from:
    `successors` maps a unit id to the ids of the units that share territory with it in
    other versions (e.g. Varakļānu novads -> the merged Madonas novads of 2025).
    """
    ids = set(version_ids)
    out: list[str] = []
    for unit in members:
        candidates = [unit] if unit in ids else sorted(successors.get(unit, set()) & ids)
        out.extend(c for c in candidates if c not in out)
    return out


def search_practices(
    practices: Iterable[PracticeInfo],
    query: str = "",
    *,
    unit: str | None = None,
    network: int | None = None,
    indicator: str | None = None,
    tag: str | None = None,
    names: Mapping[str, str] | None = None,
) -> list[PracticeInfo]:
    """Entries matching every word of `query` (in titles, summaries, tags, municipality and
    former municipality names) and every filter given. A unit filter also finds entries of
    the unit's territory before 2021 (recorded as former_unit_id)."""
    names = names or {}
    words = fold(query).split()
    out = []
    for p in practices:
        if unit and unit not in (p.unit_id, p.former_unit_id):
            continue
        if network is not None and p.network_id != network:
            continue
        if indicator and indicator not in p.indicators:
            continue
        if tag and tag not in p.tags:
            continue
        haystack = fold(
            " ".join(
                [
                    p.title_lv,
                    p.title_en,
                    p.summary_lv,
                    p.summary_en,
                    *p.tags,
                    names.get(p.unit_id or "", ""),
                    names.get(p.former_unit_id or "", ""),
                ]
            )
        )
        if all(w in haystack for w in words):
            out.append(p)
    return out


def practices_for_indicators(
    practices: Iterable[PracticeInfo], codes: Iterable[str]
) -> list[PracticeInfo]:
    """Entries that concern any of these indicators."""
    wanted = set(codes)
    return [p for p in practices if wanted & set(p.indicators)]


def networks_of(networks: Iterable[NetworkInfo], unit: str, related: Iterable[str] = ()) -> list:
    """Networks the unit (or a unit it became or came from) is a member of."""
    ids = {unit, *related}
    return [n for n in networks if ids & set(n.members)]


def all_tags(practices: Iterable[PracticeInfo]) -> list[str]:
    return sorted({t for p in practices for t in p.tags}, key=fold)


def successor_map(units) -> dict[str, set[str]]:
    """Local governments that share territory across the 2021 and 2025 boundaries, from the
    parents of the same parish in both versions (units query: version, unit_id, parent_id).
    Only changed units appear: Madonas and Varakļānu novads <-> the merged Madonas novads."""
    parishes = units[units["version"].isin(["parish2021", "parish2025"])]
    parents = parishes.pivot_table(
        index="unit_id", columns="version", values="parent_id", aggfunc="first"
    ).dropna()
    out: dict[str, set[str]] = {}
    if {"parish2021", "parish2025"} - set(parents.columns):
        return out
    for old, new in zip(parents["parish2021"], parents["parish2025"], strict=True):
        if old != new:
            out.setdefault(old, set()).add(new)
            out.setdefault(new, set()).add(old)
    return out
