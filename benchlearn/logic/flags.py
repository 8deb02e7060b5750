"""What a value is: reported, computed, constructed, rounded or from an unverified source.

`observations.flags` is a comma-separated list of tokens (any of `derived`, `constructed`,
`rounded`, `unverified`, `contributed` with `approved:<date>`); empty or NULL is a figure as
the official source reports it. A derived value inherits `constructed`, `rounded`,
`unverified` and `contributed` from its inputs
("derived,constructed"). Pure Python: a short mark for a cell, the status in words (Latvian or
English) for tooltips and downloads, and a legend of the marks a table shows.

Marks: Σ constructed (summed from the units before a reform that make up today's unit),
≈ rounded as published, ? unverified source, ✎ contributed by the municipality (not official
statistics). A value only computed from reported figures gets
no mark (the indicator's definition already says it is a ratio); its words say "computed".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from benchlearn.i18n import has_text, t

DERIVED, CONSTRUCTED, ROUNDED, UNVERIFIED = "derived", "constructed", "rounded", "unverified"
# A municipality's own figure, approved by an administrator (ingest.contributed): its flags
# are "contributed,approved:<date>"; values derived from it carry "contributed" only.
CONTRIBUTED, APPROVED = "contributed", "approved"
# A value computed with first_of's later choice carries 'basis:<input>' (benchlearn.formulas):
# a per-capita figure on the population at the start of the year, where CSP publishes no
# annual average for the unit and year. Read here as the token "basis".
BASIS = "basis"
TOKENS: tuple[str, ...] = (DERIVED, BASIS, CONSTRUCTED, ROUNDED, UNVERIFIED, CONTRIBUTED)
MARKS: dict[str, str] = {
    BASIS: "*",
    CONSTRUCTED: "Σ",
    ROUNDED: "≈",
    UNVERIFIED: "?",
    CONTRIBUTED: "✎",
}
NBSP = "\u00a0"  # between a number and its mark, so the mark never wraps onto its own line

# Classes for counting (the Data page's coverage): one per value, the first that applies.
REPORTED, COMPUTED = "reported", "computed"
CLASSES: tuple[str, ...] = (REPORTED, COMPUTED, CONSTRUCTED, ROUNDED, UNVERIFIED, CONTRIBUTED)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ == "NAType"  # pandas.NA, without importing pandas


def tokens(flags: object) -> tuple[str, ...]:
    """The known tokens of a flags string, in TOKENS order; () for a reported figure.

    Tolerant of spaces, case, repeats, NULL/NaN and tokens this version does not know
    (they are ignored rather than shown as something they are not)."""
    if _missing(flags):
        return ()
    found = {part.strip().lower() for part in str(flags).split(",")}
    found |= {BASIS for part in found if part.startswith(f"{BASIS}:")}
    return tuple(token for token in TOKENS if token in found)


def value_class(flags: object) -> str:
    """One class per value for counting: constructed, then rounded, then unverified win over
    computed; a value without tokens is reported."""
    found = tokens(flags)
    for token in (CONTRIBUTED, CONSTRUCTED, ROUNDED, UNVERIFIED):
        if token in found:
            return token
    return COMPUTED if DERIVED in found else REPORTED


def mark(flags: object) -> str:
    """The cell mark: "Σ", "≈", "?", or several ("Σ≈"); "" for reported or only computed."""
    found = tokens(flags)
    return "".join(MARKS[token] for token in MARKS if token in found)


def marked(text: str, flags: object) -> str:
    """A cell's text with its mark after it ("1 234 Σ"); no mark on a missing value ("–")."""
    sign = mark(flags)
    if not sign or text in ("", "–"):
        return text
    return f"{text}{NBSP}{sign}"


def _tagged(flags: object, tag: str) -> str | None:
    """The value of the first "<tag>:<value>" part of a flags string, or None."""
    if _missing(flags):
        return None
    for part in str(flags).split(","):
        if part.strip().lower().startswith(f"{tag}:"):
            return part.strip()[len(tag) + 1 :]
    return None


def basis_code(flags: object) -> str | None:
    """The input a first_of formula fell back to ('population_start_of_year'), or None."""
    return _tagged(flags, BASIS)


def approved_date(flags: object) -> str | None:
    """The approval date of a contributed value ('2026-12-06'), or None."""
    return _tagged(flags, APPROVED)


def is_contributed(flags: object) -> bool:
    """A municipality's contributed value, or one computed from such (the pages' switch
    that hides contributed values hides both)."""
    return CONTRIBUTED in tokens(flags)


def _words(token: str, flags: object, lang: str) -> str:
    if token == CONTRIBUTED:
        date = approved_date(flags)
        key = "flags.contributed_on" if date else "flags.contributed"
        return t(key, lang, date=date) if date else t(key, lang)
    if token != BASIS:
        return t(f"flags.{token}", lang)
    code = basis_code(flags)
    key = f"flags.basis.{code}"
    return t(key, lang) if has_text(key) else t("flags.basis", lang, code=code)


def status(flags: object, lang: str) -> str:
    """The status in words: "oficiāla statistika" / "official statistics", or what applies,
    e.g. "aprēķināts; konstruēts (saskaitīts no pašvaldībām pirms reformas)"."""
    found = tokens(flags)
    if not found:
        return t("flags.reported", lang)
    return "; ".join(_words(token, flags, lang) for token in found)


def status_with_parts(flags: object, parts: object, lang: str) -> str:
    """The status in words, and for a constructed value the units it was built from:
    "konstruēts (saskaitīts no pašvaldībām pirms reformas): Aizkraukles novads (LV0320200) + …"."""
    text = status(flags, lang)
    if CONSTRUCTED in tokens(flags) and not _missing(parts) and str(parts).strip():
        return f"{text}: {str(parts).strip()}"
    return text


def statuses(
    flags: Iterable[object], parts: Iterable[object] | None, lang: str, valued: Iterable[bool]
) -> list[str]:
    """status_with_parts per row; "" where the row has no value (nothing to describe)."""
    flags = list(flags)
    parts = [None] * len(flags) if parts is None else list(parts)
    return [
        status_with_parts(f, p, lang) if v else ""
        for f, p, v in zip(flags, parts, valued, strict=True)
    ]


def marks_present(flags: Iterable[object]) -> list[str]:
    """The tokens with a mark that occur in `flags`, in MARKS order."""
    seen: set[str] = set()
    for value in flags:
        seen.update(tokens(value))
    return [token for token in MARKS if token in seen]


def legend(flags: Iterable[object], lang: str) -> str:
    """'Apzīmējumi: Σ konstruēts no … · ≈ noapaļots, kā publicēts', listing only the marks
    present in `flags`; "" when none is (a table of reported figures needs no legend)."""
    flags = list(flags)
    present = marks_present(flags)
    if not present:
        return ""
    example = {token: next(f for f in flags if token in tokens(f)) for token in present}
    if CONTRIBUTED in example:  # values approved on different days: the legend says no date
        example[CONTRIBUTED] = CONTRIBUTED
    items = " · ".join(f"{MARKS[token]} {_words(token, example[token], lang)}" for token in present)
    return f"{t('flags.legend', lang)}: {items}"


def summary_by_year(by_year: Mapping[int, object], lang: str) -> str:
    """Status over years in one line, runs of the same status joined:
    "2012–2020: konstruēts no …; 2021–2024: oficiāla statistika" ("" without years)."""
    runs: list[list] = []  # [first, last, text]
    for year in sorted(by_year):
        text = status(by_year[year], lang)
        if runs and runs[-1][2] == text and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year, text])
    if len(runs) == 1:
        return runs[0][2]
    return "; ".join(
        f"{first}{'' if first == last else f'–{last}'}: {text}" for first, last, text in runs
    )
