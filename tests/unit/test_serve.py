"""benchlearn.serve: the index.html it serves and the folder around it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchlearn import navigation, serve


@pytest.mark.parametrize(
    ("option", "expected"), [("", ""), (None, ""), ("bl", "/bl"), ("/bl/", "/bl"), ("a/b", "/a/b")]
)
def test_base_path_is_how_the_frontend_spells_it(option, expected):
    assert serve.base_path(option) == expected


def test_the_script_comes_first_in_the_head_and_changes_nothing_else():
    original = (serve.STREAMLIT_STATIC / "index.html").read_text(encoding="utf-8")
    html = serve.index_html(original, "/bl", ["tendences", "dati"])
    start, end = html.index("<script>(() =>"), html.index("</script>") + len("</script>")
    assert html.index("<head>") < start < end < html.index('<script type="module"')
    assert '"/bl", ["tendences", "dati"]' in html[start:end]
    assert html[:start] + html[end:] == original.replace("<head>", "<head>\n    ", 1)


def test_the_frontend_folder_links_streamlits_files_and_serves_its_own_index():
    folder = Path(serve.frontend_dir())
    names = {p.name for p in serve.STREAMLIT_STATIC.iterdir()}
    assert {p.name for p in folder.iterdir()} == names
    assert all((folder / n).is_symlink() for n in names - {"index.html"})
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert not (folder / "index.html").is_symlink()
    assert json.dumps(navigation.page_paths()) in index
