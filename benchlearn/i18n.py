"""Interface text in Latvian (default) and English: message catalogues read with Babel.

The texts live in gettext catalogues, one per language, with symbolic keys as msgid:
benchlearn/locale/{lv,en}/LC_MESSAGES/benchlearn.po. They are read once per process (Babel's
read_po) and compiled in memory, so a fresh clone needs no build step. `t` looks a key up and fills
its {placeholders}; `tn` does the same for a message with plural forms, choosing the form by the
CLDR rule in the catalogue's Plural-Forms header (Latvian has three: 0/11/20, 1/21/101, the rest).
Numbers, percentages and dates are formatted by benchlearn.formatting before they are put in.
Terms follow ../shared/docs/GLOSSARY.md; tests/unit/test_i18n_catalogues.py keeps both catalogues
complete, alike in placeholders and free of unused keys.
"""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"
DOMAIN = "benchlearn"
LOCALE_DIR = Path(__file__).with_name("locale")


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(lang: str) -> Catalog:
    """The catalogue of `lang` as Babel reads it (cached: read once per process); a broken
    .po file stops here with the line at fault rather than losing messages."""
    with catalogue_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN, abort_invalid=True)


@cache
def _translations(lang: str) -> Translations:
    """gettext's own lookup and plural choice over the catalogue, compiled in memory."""
    buffer = BytesIO()
    write_mo(buffer, catalogue(lang))
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@cache
def _keys(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(singular keys, plural keys) of `lang`."""
    single, plural = set(), set()
    for message in catalogue(lang):
        if message.id:
            (plural if message.pluralizable else single).add(
                message.id[0] if message.pluralizable else message.id
            )
    return frozenset(single), frozenset(plural)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else DEFAULT_LANG


def has_text(key: str) -> bool:
    """Whether the catalogues hold `key` (singular or plural)."""
    single, plural = _keys(DEFAULT_LANG)
    return key in single or key in plural


def is_plural(key: str) -> bool:
    return key in _keys(DEFAULT_LANG)[1]


def t(key: str, lang: str, **values: object) -> str:
    """Text for `key` in `lang`, with {placeholders} filled. KeyError for an unknown key."""
    lang = _lang(lang)
    if key not in _keys(lang)[0]:
        raise KeyError(key if key not in _keys(lang)[1] else f"{key} is plural: use tn()")
    text = _translations(lang).gettext(key)
    return text.format(**values) if values else text


def tn(key: str, count: int, lang: str, **values: object) -> str:
    """Text for `key` in the plural form `count` takes in `lang` ("1 rinda", "21 pašvaldība",
    "11 pašvaldību"; "1 row", "2 rows"). {n} is `count` unless `n` is given (say, formatted)."""
    lang = _lang(lang)
    if key not in _keys(lang)[1]:
        raise KeyError(key if key not in _keys(lang)[0] else f"{key} is not plural: use t()")
    text = _translations(lang).ngettext(key, key, int(count))
    values.setdefault("n", count)
    return text.format(**values)


def md_safe(text: str) -> str:
    """Stop Markdown from reading a leading "2024. gads" as a numbered list item."""
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


def formula_text(formula: str, names: dict[str, str], lang: str) -> str:
    """A catalogue formula with indicator names instead of codes, for people. One pass, so a
    name put in (say «Annual average population») is never read again as a code."""

    def word(match: re.Match) -> str:
        if match["change"]:
            name = names.get(match["change"], match["change"])
            return t("formula.pct_change", lang, years=match["years"], name=name)
        if match["choices"]:
            first, *rest = [names.get(c.strip(), c.strip()) for c in match["choices"].split(",")]
            return t("formula.first_of", lang, first=first, rest=", ".join(rest))
        return names.get(match["code"], match["code"])

    text = _FORMULA_WORD.sub(word, formula)
    return text.replace("*", "×").replace("/", "÷")


_FORMULA_WORD = re.compile(
    r"pct_change\((?P<change>\w+),\s*(?P<years>\d+)\)"
    r"|first_of\((?P<choices>[\w\s,]+)\)"
    r"|\b(?P<code>[a-z][a-z0-9_]*)\b"
)
