"""benchlearn.logic.usertext: user text becomes markdown that loads nothing and hides no link."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchlearn.logic import usertext
from tests.hostile.usertext import inspect, inspect_plain

TRACKER = "https://tracker.example/p.gif"


def test_ordinary_text_reads_as_written():
    text = "Gulbenes novads – līdzdalības budžets 2022. gadā (50 000 EUR)."
    assert usertext.plain(text) == text
    assert usertext.inline(text).replace("\\", "") == text
    assert usertext.markdown(text).replace("\\", "") == text


@pytest.mark.parametrize(
    "text",
    [
        f"![pikselis]({TRACKER})",
        f"![a][r]\n\n[r]: {TRACKER}",
        f"<img src='{TRACKER}'>",
        f"&#33;[x]({TRACKER})",
        f"[![x]({TRACKER})](https://example.lv)",
    ],
)
def test_an_image_becomes_a_link_that_shows_its_target(text):
    out = usertext.markdown(text)
    assert "![" not in out and "<img" not in out.lower() and "src=" not in out
    assert "&lt;img" in out or "](https://" in out
    if "<img" not in text:
        assert "https\\:\\/\\/" in out  # the target is on screen


def test_a_link_shows_its_target():
    out = usertext.inline("[pieteikties](https://example.lv/a?b=1&c=2)")
    assert out == (
        "[pieteikties](https://example.lv/a?b=1\\&c=2) "
        "\\(https\\:\\/\\/example\\.lv\\/a\\?b\\=1&amp;c\\=2\\)"
    )
    assert usertext.plain("[pieteikties](https://example.lv/x)") == (
        "pieteikties (https://example.lv/x)"
    )
    # an address that is its own text is shown once
    assert (
        usertext.inline("<https://example.lv>")
        == "[https\\:\\/\\/example\\.lv](https://example.lv)"
    )
    assert usertext.plain("raksti info@example.lv") == "raksti info@example.lv"
    assert "](mailto:info@example.lv)" in usertext.inline("raksti info@example.lv")


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "<java\nscript:alert(1)>",
        "java\u200bscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "//tracker.example/p",
        "https:\\\\tracker.example",
        "https://www.banka.lv@tracker.example/",
        "/tikli",
    ],
)
def test_other_targets_stay_text(target):
    out = usertext.markdown(f"[spied]({target})")
    assert "](" not in out  # no link at all, its words and target as text
    assert out.replace("\\", "").startswith(("spied (", "[spied](&lt;"))


def test_hosts_are_shown_in_ascii():
    assert usertext.safe_url("https://аpple.com/x") == "https://xn--pple-43d.com/x"
    assert usertext.safe_url("HTTPS://ＥＸＡＭＰＬＥ．com/ā (1)") == (
        "https://example.com/%C4%81%20%281%29"
    )
    assert usertext.safe_url("mailto:info@example.lv?subject=Sveiki") == (
        "mailto:info@example.lv?subject=Sveiki"
    )
    assert usertext.safe_url("./tendences?ind=x", relative=True) == "./tendences?ind=x"
    assert usertext.safe_url("./tendences") is None  # only where the app built it


def test_html_streamlit_directives_and_latex_are_text():
    out = usertext.inline(":red[sarkans] $x^2$ <b>x</b> <!-- c -->")
    assert out == (
        "\\:red\\[sarkans\\] \\$x\\^2\\$ &lt;b&gt;x&lt;\\/b&gt; &lt;&#33;\\-\\- c \\-\\-&gt;"
    )


def test_block_structure_is_kept_and_one_line_has_none():
    text = (
        "# Virsraksts\n\n**Svarīgi:** teksts  \nnākamā rinda\n\n- viens\n- divi\n  1. a\n\n> citāts"
    )
    assert usertext.markdown(text) == (
        "**Virsraksts**\n\n**Svarīgi\\:** teksts  \nnākamā rinda\n\n"
        "- viens\n- divi\n  1. a\n\n> citāts"
    )
    one = usertext.inline(text)
    assert "\n" not in one and one.startswith("\\# Virsraksts \\*\\*Svar")


def test_control_and_bidi_characters_are_dropped():
    assert usertext.plain("a\u202eb\x00c&#x202E;d\u200be") == "abcde"
    assert usertext.plain("👨\u200d👩") == "👨\u200d👩"  # joiners in emoji stay


def test_program_links():
    assert usertext.link("Dokuments", "https://example.lv/a.pdf") == (
        "[Dokuments](https://example.lv/a.pdf) \\(https\\:\\/\\/example\\.lv\\/a\\.pdf\\)"
    )
    assert usertext.link("Dokuments: https://example.lv", "https://example.lv") == (
        "[Dokuments\\: https\\:\\/\\/example\\.lv](https://example.lv)"
    )
    assert usertext.link("x", "javascript:alert(1)") == "x \\(javascript\\:alert\\(1\\)\\)"


def test_hostile_lengths_stay_fast():
    import time

    start = time.perf_counter()
    for text in ("[" * 20_000, "![" * 10_000, "[a](" * 5_000, "`` ` " * 4_000, "<" * 20_000):
        usertext.markdown(text)
        usertext.inline(text)
    assert time.perf_counter() - start < 5


MARKUP = st.sampled_from(
    list("[]()!<>&\\`*_~:$#|-=+.\"' \n\t")
    + [
        "![",
        "](",
        "http://",
        "https://t.example/p.gif",
        "javascript:",
        "data:",
        "<img ",
        "www.",
        "&#33;",
        "&lt;",
        "&#x202E;",
        "[r]: ",
        "\u202e",
        "\u00a0",
        "ā",
        "@x.lv",
        "```",
        "> ",
        "1. ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKUP, max_size=40).map("".join))
def test_any_mix_of_markup_comes_out_safe(text):
    assert inspect(usertext.markdown(text)) == []
    assert inspect(usertext.inline(text), one_line=True) == []
    assert inspect_plain(usertext.plain(text)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_comes_out_safe(text):
    assert inspect(usertext.markdown(text)) == []
    assert inspect(usertext.inline(text), one_line=True) == []
