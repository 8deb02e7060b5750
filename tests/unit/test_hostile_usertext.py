"""Every hostile user text of tests/hostile/usertext.py comes out safe (no Streamlit here)."""

from __future__ import annotations

import subprocess
import sys

from benchlearn.settings import REPO_ROOT
from tests.hostile import usertext as hostile


def test_the_corpus_is_large_and_named_uniquely():
    names = [name for name, _ in hostile.CASES]
    assert len(names) >= 60
    assert len(set(names)) == len(names)


def test_every_hostile_text_is_handled():
    results = hostile.run_all()
    assert len(results) == len(hostile.CASES)
    harmful = [(name, detail) for name, outcome, detail in results if outcome != "handled"]
    assert not harmful, harmful


def test_the_corpus_runs_without_streamlit():
    code = (
        "import sys; from tests.hostile import usertext as h; h.run_all(); "
        "sys.exit('streamlit' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True)
    assert run.returncode == 0, run.stderr.decode()


def test_the_reader_catches_what_it_should():
    """inspect is not a rubber stamp: raw markdown of each kind is reported."""
    for unsafe in (
        "![x](https://tracker.example/p.gif)",
        "<img src=x>",
        "[x](javascript:alert(1))",
        "[x](https://example.lv)",  # target not shown
        ":red[x]",
        "$x$",
        "[r]: https://tracker.example",
        "a &#x3C; b",
        "\u202egnp",
    ):
        assert hostile.inspect(unsafe), unsafe
    assert hostile.inspect("a\nb", one_line=True)
    assert not hostile.inspect("[x](https://example.lv) \\(https\\:\\/\\/example\\.lv\\)")
