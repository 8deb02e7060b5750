"""Anonymised slides for a seminar room: every municipality but the one in the spotlight is
shown as a letter (A, B, C, ...), the same letter on every slide of a deck.

Pure (no Streamlit, no database). The presentation asks for the letters once per deck and
spotlight and uses them wherever a slide would show a name: legends, tooltips, table cells,
captions, the data inside chart specs, and the people's own text (titles, notes).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from string import ascii_uppercase


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, 27 -> AB ... (as spreadsheet columns), for any count."""
    if index < 0:
        raise ValueError("index must not be negative")
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = ascii_uppercase[rest] + out
    return out


def named_units(params: Iterable[Mapping[str, str]]) -> list[str]:
    """The municipalities the saved views of a deck name (my, compared, own group), in the
    order of the slides and without repeats: they get the first letters, so a slide about
    three municipalities shows A, B and C rather than Q, F and AB."""
    out: dict[str, None] = {}
    for view in params:
        ids = [view.get("my", "")]
        ids += view.get("cmp", "").split(",")
        ids += view.get("ug", "").rpartition(":")[2].split(",")
        out.update((u, None) for u in ids if u)
    return list(out)


def deck_order(
    named: Iterable[str], universe: Iterable[str], salt: str, current: Iterable[str] = ()
) -> list[str]:
    """Every unit of `universe` once: the deck's `named` ones first (those not in the
    universe are dropped), then those in `current` (today's local governments, so a map
    of them needs short letters), then the rest; within each, in an order fixed by a hash
    of `salt` (the deck) and the unit id. Not by name or code: an alphabetical order would
    hint at who is who."""
    known = list(dict.fromkeys(universe))
    present = set(known)
    first = [u for u in dict.fromkeys(named) if u in present]
    taken = set(first)
    today = {u for u in current if u in present and u not in taken}

    def shuffled(units: Iterable[str]) -> list[str]:
        return sorted(units, key=lambda u: hashlib.sha256(f"{salt}:{u}".encode()).hexdigest())

    rest = [u for u in known if u not in taken and u not in today]
    return first + shuffled(today) + shuffled(rest)


def aliases(order: Iterable[str], spotlight: str | None = None) -> dict[str, str]:
    """unit id -> letter by position in `order`, for every unit except the spotlight
    (which keeps its name). The spotlight's letter is left unused rather than passed on,
    so putting another member in the spotlight mid-seminar renames nobody else."""
    return {u: letter(i) for i, u in enumerate(order) if u != spotlight}


def name_aliases(labels: Iterable[Mapping[str, str]], letters: Mapping[str, str]) -> dict[str, str]:
    """real name -> letter, from unit id -> name maps (one per language), for masking text.
    Names shorter than two characters are left out: they would mask parts of words."""
    out: dict[str, str] = {}
    for names in labels:
        for unit, name in names.items():
            if unit in letters and len(name.strip()) >= 2:
                out[name.strip()] = letters[unit]
    return out


def masker(names: Mapping[str, str], keep: Iterable[str] = ()):
    """A function that replaces every real name in a text with its letter (longest names
    first, so "Jelgavas novads" is not read as "Jelgava" + "s novads"). The names in `keep`
    (the spotlight's) stay as they are, also where a masked one is part of them: the
    spotlight "Aizkraukles novads" contains the former town "Aizkraukle". For the people's
    own text on a slide, which may name municipalities in any form the presenter typed."""
    table = {**_inflected(names), **{k: k for k in _inflected({k: k for k in keep if k})}}
    if not table:
        return lambda text: text
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in ordered))
    return lambda text: pattern.sub(lambda m: table[m.group(0)], text or "")


# Latvian cases of "novads" a presenter may type ("Alūksnes novadā"): without them the town's
# shorter name would match inside the county's ("Alūksne" + "s novadā")
_NOVADS_CASES = ("a", "ā", "am", "u")


def _inflected(names: Mapping[str, str]) -> dict[str, str]:
    """`names` and, for each "<X> novads", its other cases with the same replacement."""
    out = dict(names)
    for name, alias in names.items():
        if name.endswith(" novads"):
            for ending in _NOVADS_CASES:
                out.setdefault(name[:-1] + ending, alias)
    return out


def relabel(labels: Mapping[str, str], letters: Mapping[str, str]) -> dict[str, str]:
    """The display names of units with every anonymised one replaced by its letter."""
    return {u: letters.get(u, name) for u, name in labels.items()}
