"""Comparison groups and themes as the pages offer them: stored groups, the URL's own group
and cooperation networks (user data) with their members and indicator sets."""

from __future__ import annotations

from benchlearn.i18n import t
from benchlearn.logic.groups import ALL, COMPARED, USER, members_of, selectable_groups
from benchlearn.state import ViewState
from benchlearn.ui import refdata, viewstate
from benchlearn.ui.refdata import Reference
from benchlearn.userdata import widgets as userdata
from benchlearn.userdata.logic import members_in_version, network_id


def group_options(ref: Reference) -> list[str]:
    """Codes for the group selector; a group that no longer exists falls back to "all"."""
    current = viewstate.view()
    options = selectable_groups(ref.groups.index, user=bool(current.get("ug")))
    options += network_codes(current.get("grp"))
    if current.get("grp") not in options:
        current["grp"] = ALL
    return options


def group_of(ref: Reference, state: ViewState, version: str) -> list[str]:
    """Unit ids in the chosen comparison group within `version`."""
    ids = refdata.units_of(ref, version)["unit_id"].tolist()
    if state.grp in (COMPARED, USER):
        return members_of(state.grp, ids, [], state.cmp, state.ug)
    if network_id(state.grp) is not None:
        return network_members(state.grp, ids)
    if state.grp == ALL or state.grp not in ref.groups.index:
        return ids
    return members_of(
        state.grp, ids, refdata.stored_members(state.grp, version)["unit_id"].tolist()
    )


def network_codes(current: str | None = None) -> list[str]:
    """Group codes "net:<id>" of networks with members (and the current one, if a network)."""
    codes = [n.code for n in userdata.networks() if n.members]
    if network_id(current) is not None and current not in codes:
        codes.append(current)
    return codes


def userdata_note(language: str) -> str:
    """Under the group selector while networks cannot be offered as groups; else ""."""
    return t("ud.groups_unavailable", language) if userdata.is_down() else ""


def network(code: str | None):
    """The network behind a "net:<id>" code, or None (not a network, or deleted)."""
    ident = network_id(code)
    return next((n for n in userdata.networks() if n.id == ident), None)


def network_members(code: str, version_ids: list[str]) -> list[str]:
    """A network's members among one version's units (2021 and 2025 members map across)."""
    net = network(code)
    if net is None:
        return []
    return members_in_version(net.members, version_ids, refdata.successors())


def theme_options(ref: Reference, themes: list[str], years: dict) -> list[str]:
    """Catalogue themes plus the indicator sets of networks that have data to show."""
    nets = [n.code for n in userdata.networks() if any(years.get(c) for c in n.indicators)]
    return [*themes, *nets]


def theme_codes(ref: Reference, theme: str, years: dict) -> list[str]:
    """Indicators of a theme (or of a network's set, in its order) that have a year to show."""
    if network_id(theme) is None:
        from benchlearn.logic.benchmark import theme_indicators

        return theme_indicators(ref.catalogue, theme, years)
    net = network(theme)
    codes = net.indicators if net else ()
    return [c for c in codes if c in ref.catalogue.index and years.get(c) is not None]
