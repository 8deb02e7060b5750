"""The URL parser against hostile links: the corpus of tests/hostile/urls.py, and the guarantee
behind its speed: a value longer than its parameter's limit is rejected without being read."""

from __future__ import annotations

import re

import pytest

from benchlearn import state
from benchlearn.i18n import t
from benchlearn.state import (
    MAX_ID,
    MAX_LENGTH,
    MAX_LIST_NOTICES,
    MAX_SHOWN,
    MAX_SLIDE,
    OWN_FIELDS,
    Options,
    parse,
)
from tests.hostile.urls import CASES, FIELDS, OPTIONS, run_all

TEN_MB = 10_000_000
UNCHECKED = Options(**{**vars(OPTIONS), "networks": None})  # network ids not known here


def test_every_hostile_url_is_handled():
    results = run_all()
    assert len(results) == len(CASES) >= 150
    harmful = [(case, detail) for case, outcome, detail in results if outcome != "handled"]
    assert harmful == []


def test_the_corpus_covers_every_parameter_the_parser_knows():
    named = {key for _, params in CASES for key in params}
    assert named >= set(MAX_LENGTH) and set(FIELDS) == set(MAX_LENGTH)
    assert {"tikls", "deck", "slide", "tendences", "anon", "spot", "timer"} <= set(OWN_FIELDS)


class Untouchable(str):
    """A value that may be measured and its first few characters echoed, nothing else: any
    other look at it (compare, hash, split, iterate, test its characters) fails the test."""

    reads: list[int] = []

    def __getitem__(self, index):
        assert isinstance(index, slice) and index.start is None and index.step is None
        assert index.stop is not None and index.stop <= 4 * MAX_SHOWN, index
        Untouchable.reads.append(index.stop)
        return str.__getitem__(self, index)

    def _touched(self, *args, **kwargs):
        raise AssertionError("an oversized value was read past its length")


for _name in [
    "__eq__",
    "__ne__",
    "__lt__",
    "__gt__",
    "__hash__",
    "__contains__",
    "__iter__",
    "__add__",
    "__mod__",
    "__format__",
    "split",
    "rsplit",
    "partition",
    "rpartition",
    "strip",
    "lstrip",
    "rstrip",
    "isdigit",
    "isascii",
    "isprintable",
    "isdecimal",
    "isnumeric",
    "isalnum",
    "encode",
    "lower",
    "upper",
    "casefold",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "replace",
    "removeprefix",
]:
    setattr(Untouchable, _name, Untouchable._touched)


class Pattern:
    """Stands in for the parser's regular expressions: records the length of what it is given."""

    seen: list[int] = []

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def fullmatch(self, text: str):
        Pattern.seen.append(len(text))
        return self.pattern.fullmatch(text)


@pytest.fixture
def watched(monkeypatch):
    for name in ("_WHOLE", "_POSITIVE", "_NATURAL", "_NUMBER"):
        monkeypatch.setattr(state, name, Pattern(getattr(state, name)))
    Untouchable.reads.clear()
    Pattern.seen.clear()


@pytest.mark.parametrize("key", list(MAX_LENGTH))
def test_a_ten_megabyte_value_is_rejected_unread(key, watched):
    value = Untouchable("7" * TEN_MB)
    view, notices = parse({key: value}, OPTIONS)
    again, repeated = parse({key: ["1", value]}, OPTIONS)  # a repeated parameter: the last counts
    assert [n.field for n in notices] == [key] and [n.field for n in repeated] == [key]
    assert notices[0].value == "7" * (MAX_SHOWN - 1) + "…"
    assert view == again == parse({}, OPTIONS)[0]
    assert Untouchable.reads and all(n <= 4 * MAX_SHOWN for n in Untouchable.reads)
    assert Pattern.seen == []  # no grammar was even tried


@pytest.mark.parametrize("key", list(MAX_LENGTH))
def test_a_value_at_its_limit_is_parsed_and_one_past_it_is_not(key, watched):
    """What the regular expressions and the lookups ever see is bounded by MAX_LENGTH."""
    limit = MAX_LENGTH[key]
    parse({key: "1" * limit}, OPTIONS)
    assert all(n <= limit for n in Pattern.seen)
    _, notices = parse({key: Untouchable("1" * (limit + 1))}, OPTIONS)
    assert [n.field for n in notices] == [key]


def test_ids_are_positive_and_fit_every_integer_column():
    assert MAX_ID == 2**31 - 1 < 2**63 - 1  # SQL INTEGER (32-bit on PostgreSQL), int64
    page, notices = parse(
        {"deck": str(MAX_ID), "slide": str(MAX_SLIDE), "tendences": "1"}, UNCHECKED
    )
    assert (page.deck, page.slide, page.tendences) == (MAX_ID, MAX_SLIDE, True) and notices == []
    for bad in (str(MAX_ID + 1), str(2**63), "9" * 40, "0", "-1", "01", "²", "1²", "٣"):
        page, notices = parse({"deck": bad, "slide": bad, "tikls": bad}, UNCHECKED)
        assert (page.deck, page.slide, page.tikls) == (None, None, None)
        assert [n.field for n in notices] == ["tikls", "deck", "slide"]


def test_a_network_must_be_one_of_the_known():
    assert parse({"tikls": "7"}, OPTIONS)[0].tikls == 7  # OPTIONS.networks: 1, 2, 7
    page, notices = parse({"tikls": "8"}, OPTIONS)
    assert page.tikls is None and [n.field for n in notices] == ["tikls"]
    assert parse({"tikls": "8"}, UNCHECKED)[0].tikls == 8  # ids unknown here: the page checks


@pytest.mark.parametrize(
    "key",
    ["year", "pmin", "pmax", "deck", "slide", "tikls", "timer", "k", "pyear", "iyear", "band"],
)
@pytest.mark.parametrize("digits", ["2²", "²", "２０２４", "٢٠٢٤", "2024\u200b", "1e3"])
def test_numbers_take_ascii_digits_only(key, digits):
    view, notices = parse({key: digits}, OPTIONS)
    assert [n.field for n in notices] == [key]


@pytest.mark.parametrize("key", ["cmp", "ug", "kind", "reg", "cols", "thr", "inds"])
def test_a_long_list_of_bad_items_is_a_few_notices(key):
    value = ",".join(["LV9"] * 200)  # within the length limit: each item is looked at
    assert len(value) <= MAX_LENGTH[key]
    _, notices = parse({key: value}, OPTIONS)
    assert 1 <= len(notices) <= MAX_LIST_NOTICES
    _, notices = parse({key: ",".join(["LV9"] * 10_000)}, OPTIONS)  # over it: one notice
    assert len(notices) == 1


def test_years_are_bounded():
    for year in ("1989", "2101", "0000", "9999"):
        view, notices = parse({"ind": "population_avg", "year": year}, OPTIONS)
        assert view.year is None and [n.field for n in notices] == ["year"]
    assert parse({"ind": "population_avg", "year": "2012"}, OPTIONS)[0].year == 2012


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_parameter_has_a_name_for_its_notice(lang):
    for key in MAX_LENGTH:
        assert t(f"field.{key}", lang)
