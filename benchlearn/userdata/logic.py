"""Pure helpers for networks, saved views, decks and practices (no database, no Streamlit)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlencode, urljoin

from benchlearn.i18n import t
from benchlearn.logic import usertext
from benchlearn.userdata.repository import NetworkInfo, NetworkInput, PracticeInfo, fold

NET_PREFIX = "net:"
PAGE_NAMES = {  # a saved view's page (its URL path) -> the navigation's name for it
    "": "nav.map",
    "tendences": "nav.trends",
    "salidzinajums": "nav.benchmark",
    "profils": "nav.profile",
    "lidzigas": "nav.peers",
    "indeksi": "nav.indices",
    "izpete": "nav.explore",
    "dati": "nav.data",
    "labas-prakses": "nav.practices",
    "tikli": "nav.networks",
}


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


def page_name(path: str, lang: str) -> str:
    """The page of a saved view, as markdown (an unknown path is shown as stored)."""
    key = PAGE_NAMES.get(path)
    try:
        return t(key, lang) if key else t("net.page_other", lang, path=usertext.escape(path))
    except KeyError:  # a page another part of the app has not named yet
        return t("net.page_other", lang, path=usertext.escape(path))


def period(net: NetworkInfo, lang: str) -> str:
    """A network's years: "2020–2023", one year, or "not recorded"."""
    if net.period_start and net.period_end:
        return f"{net.period_start}–{net.period_end}"
    return str(net.period_start or net.period_end or t("ud.not_recorded", lang))


def network_option(net: NetworkInfo, lang: str) -> str:
    """A network in a select box (plain text): its name and its years."""
    return f"{usertext.plain(net.name(lang))} ({period(net, lang)})"


def network_facts(
    net: NetworkInfo, member_names: Sequence[str], indicator_names: Sequence[str], lang: str
) -> dict[str, str | None]:
    """What is known of a network, as markdown (what people typed goes through usertext):
    its period, coordinator, members and indicators (the names given, in the order given),
    and a note naming what is not recorded (None when everything is)."""
    unknown = f"*{t('ud.not_recorded', lang)}*"
    when = period(net, lang) if net.period_start or net.period_end else None
    missing = []
    if not when:
        missing.append(t("net.period", lang).lower())
    if not net.coordinator:
        missing.append(t("net.coordinator", lang).lower())
    if not member_names:
        missing.append(t("net.members_label", lang).lower())
    if not indicator_names:
        missing.append(t("net.indicators_label", lang).lower())
    return {
        "period": f"**{t('net.period', lang)}:** {when or unknown}",
        "coordinator": f"**{t('net.coordinator', lang)}:** "
        f"{usertext.inline(net.coordinator) or unknown}",
        "members": f"**{t('net.members', lang, n=len(member_names))}:** "
        + (", ".join(member_names) if member_names else unknown),
        "indicators": f"**{t('net.indicators', lang, n=len(indicator_names))}:** "
        + (", ".join(indicator_names) if indicator_names else unknown),
        "missing": t("net.unknown_note", lang, fields=", ".join(missing)) if missing else None,
    }


def presentation_link(page_url: str | None, deck_id: int, lang: str) -> str:
    """The absolute address of a deck's presentation (in the reader's language; Latvian
    needs no parameter), relative to the page at `page_url`."""
    query = {"deck": str(deck_id), **({"lang": lang} if lang != "lv" else {})}
    return absolute_link(page_url, f"./prezentacija?{urlencode(query)}")


def network_input(
    base: NetworkInfo,
    *,
    start: float | None,
    end: float | None,
    members: Iterable[str],
    indicators: Iterable[str],
    **texts: str,
) -> NetworkInput:
    """What the network form submits: its texts (name_lv, name_en, coordinator,
    description_lv, description_en), the period as whole years (None when empty), members and
    indicators; the sources, which the form does not edit, are kept from `base`."""
    return NetworkInput(
        **texts,
        period_start=None if start is None else int(start),
        period_end=None if end is None else int(end),
        source_lv=base.source_lv,
        source_en=base.source_en,
        members=tuple(members),
        indicators=tuple(indicators),
    )
