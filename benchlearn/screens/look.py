"""How a view is drawn: on its page, or on a slide in front of a seminar room.

`Room` says how names are shown (every municipality but the spotlight as a letter when the
deck is anonymised: benchlearn.logic.anonymise); `Look` carries the room and the sizes (the
page's by default, `slide` for the back of a room). Also the saved view's state as a slide
(and the deck's PDF) restores it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from benchlearn.logic import anonymise as an
from benchlearn.state import MAX_COMPARED, ViewState, parse
from benchlearn.ui import naming, refdata

MAP_HEIGHT, SLIDE_MAP_HEIGHT = 600, 640
CHART_HEIGHT, SLIDE_CHART_HEIGHT = 420, 520


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Room:
    """How names are shown: `letters` (unit id -> letter) for every municipality but the
    spotlight when anonymised, else empty; `mask` replaces names and unit ids in any text
    (people's titles and notes, chart data) with letters. `Room()`: names as they are."""

    spot: str | None = None
    letters: dict[str, str] = field(default_factory=dict)
    mask: Callable[[str], str] = _same

    @property
    def anonymised(self) -> bool:
        return bool(self.letters)

    def label(self, ref: refdata.Reference, unit: str, lang: str) -> str:
        return self.letters.get(unit) or naming.unit_label(ref, unit, lang)

    def aliases(self, units: Iterable[str]) -> tuple[tuple[str, str], ...]:
        """(unit, letter) of `units` that have one: a hashable argument for cache.computed."""
        return tuple((u, self.letters[u]) for u in dict.fromkeys(units) if u in self.letters)

    def scrub(self, value):
        """Every string inside a chart spec or map layer with names and ids masked."""
        if not self.anonymised:
            return value
        if isinstance(value, str):
            return self.mask(value)
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        return value


def room_for(ref: refdata.Reference, deck, anonymised: bool, spot: str | None) -> Room:
    """The letters for `deck` (a repository.DeckInfo) and spotlight: the same on every slide
    of the deck, in the room and in its PDF."""
    if not anonymised:
        return Room(spot=spot)
    universe = [u for u in ref.labels["lv"] if len(u) > 2]  # units, not Latvia ("LV")
    named = an.named_units(v.params for v in deck.slides)
    order = an.deck_order(named, universe, f"deck:{deck.id}", ref.local.index)
    letters = an.aliases(order, spot)
    names = an.name_aliases((ref.labels["lv"], ref.labels["en"]), letters)
    keep = [ref.labels[lang].get(spot, "") for lang in ("lv", "en")] if spot else []
    return Room(spot, letters, an.masker({**names, **letters}, keep=[*keep, spot or ""]))


@dataclass(frozen=True)
class Look:
    """How a view is drawn: on its page (`Look()`), or on a slide (`large`: large type and
    thick lines, larger figures; `room`: names masked; `key`: the figure's element key)."""

    room: Room = field(default_factory=Room)
    large: bool = False
    key: str | None = None
    map_height: int = MAP_HEIGHT
    chart_height: int = CHART_HEIGHT


PAGE = Look()


def slide(room: Room, index: int) -> Look:
    """The look of slide `index` of a deck shown in `room`."""
    return Look(room, True, f"slide_{index}", SLIDE_MAP_HEIGHT, SLIDE_CHART_HEIGHT)


def saved_state(ref: refdata.Reference, params: dict, lang: str) -> tuple[ViewState, list]:
    """A saved view's state as the app would restore it from its link, in the presenter's
    language; values that no longer exist are dropped and reported (the notices)."""
    state, notices = parse(params, refdata.options_with_networks(ref))
    years = ref.years.get(state.ind, [])
    return replace(state, lang=lang, year=state.year or (years[-1] if years else None)), notices


def spotlit(state: ViewState, spot: str | None) -> ViewState:
    """The saved state with the spotlight as "my municipality"; the view's own one is kept
    among the compared, so every slide still shows whom it showed."""
    if not spot or spot == state.my:
        return state
    others = [u for u in dict.fromkeys([state.my, *state.cmp]) if u and u != spot]
    return replace(state, my=spot, cmp=others[:MAX_COMPARED])
