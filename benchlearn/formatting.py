"""Numbers, percentages and dates for the interface in Latvian and English, by Babel (CLDR).

Babel formats with the CLDR data of the locale `lv` or `en`; on top of it the app keeps a house
style that ../shared/docs/GLOSSARY.md and the tests hold:

- Latvian groups thousands with a narrow no-break space (U+202F, `THIN`), where CLDR has a
  no-break space: "28 446" never wraps and reads as one number;
- a negative number takes the minus sign (U+2212) in both languages, not CLDR's hyphen-minus;
- a percentage has a narrow no-break space before "%" in both languages ("12,7 %", "12.7 %"),
  as Latvian writes it; English keeps the same so a table reads alike under either switch;
- a Latvian date is 21.11.2026. (CLDR's short date has a two-digit year); an English one is
  ISO 2026-11-21, unambiguous for a reader from any country and the same as in file names.

Texts (messages) live in benchlearn/locale; benchlearn.i18n looks them up and never formats.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from decimal import Decimal
from functools import cache

from babel import Locale, dates
from babel import numbers as babel_numbers

from benchlearn.i18n import DEFAULT_LANG, t

THIN = "\u202f"  # narrow no-break space: Latvian thousands separator that never wraps
MINUS = "\u2212"
MISSING = "–"

_DATE = {"lv": "dd.MM.y.", "en": "yyyy-MM-dd"}
_TIME = "HH:mm"


def _locale(lang: str) -> str:
    return "en" if lang == "en" else "lv"


@cache
def _cldr(lang: str) -> Locale:
    return Locale.parse(_locale(lang))


@cache
def _symbols(lang: str) -> tuple[str, str]:
    """CLDR's group separator and minus sign for `lang`, to swap for the house style."""
    locale = _locale(lang)
    return babel_numbers.get_group_symbol(locale), babel_numbers.get_minus_sign_symbol(locale)


def _house_style(text: str, lang: str) -> str:
    group, minus = _symbols(lang)
    if lang != "en":
        text = text.replace(group, THIN)
    return text.replace(minus, MINUS)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _decimal(value: float) -> Decimal:
    # the exact binary value, so rounding is the same as Python's own formatting of a float
    return Decimal(int(value)) if isinstance(value, numbers.Integral) else Decimal(float(value))


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


@cache
def _number_pattern(decimals: int) -> babel_numbers.NumberPattern:
    """The parsed pattern, kept: tables format thousands of numbers a run, and parsing the
    pattern and the locale anew each time cost ten times the formatting itself."""
    return babel_numbers.parse_pattern(_pattern(decimals))


def format_number(value: float | None, decimals: int = 0, lang: str = DEFAULT_LANG) -> str:
    """28 446 and 3,5 in Latvian; 28,446 and 3.5 in English; '–' for missing."""
    if _missing(value):
        return MISSING
    text = _number_pattern(decimals).apply(_decimal(value), _cldr(lang))
    return _house_style(text, lang)


def format_decimal(value: float | None, lang: str = DEFAULT_LANG) -> str:
    """A number with the decimals it has, up to three (the locale's CLDR pattern): 0,25; 1 500."""
    if _missing(value):
        return MISSING
    return _house_style(babel_numbers.format_decimal(_decimal(value), locale=_locale(lang)), lang)


def format_percent(value: float | None, decimals: int = 0, lang: str = DEFAULT_LANG) -> str:
    """A value already in percent (12.7 means 12.7 %): '12,7 %' in Latvian, '12.7 %' in English."""
    if _missing(value):
        return MISSING
    text = babel_numbers.format_percent(
        _decimal(value) / 100, format=_pattern(decimals) + THIN + "%", locale=_locale(lang)
    )
    return _house_style(text, lang)


def format_value(value: float | None, unit: str, decimals: int, lang: str) -> str:
    """A number with its unit: '12,7 %', '28 446 iedzīvotāji'; 'nav datu' when missing."""
    if _missing(value):
        return t("no_data", lang)
    if unit == "%":
        return format_percent(value, decimals, lang)
    return f"{format_number(value, decimals, lang)} {unit}"


def format_rank(rank: int | None, n: int, lang: str) -> str:
    """'5. vieta no 43' / '5 of 43'; '–' without a rank."""
    return MISSING if rank is None else t("rank", lang, rank=rank, n=n)


def format_date(day: dt.date | dt.datetime, lang: str) -> str:
    """21.11.2026. in Latvian, 2026-11-21 in English."""
    return dates.format_date(day, _DATE[_locale(lang)], locale=_locale(lang))


def format_datetime(moment: dt.datetime, lang: str) -> str:
    """21.11.2026. 14:05 in Latvian, 2026-11-21 14:05 in English (in the moment's own zone)."""
    pattern = f"{_DATE[_locale(lang)]} {_TIME}"
    return dates.format_datetime(moment, pattern, locale=_locale(lang))
