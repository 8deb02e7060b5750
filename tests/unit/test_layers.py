"""The layers of the code stay layered: logic and chart builders never reach up into Streamlit
or the interface layer (benchlearn/ui/), and only the view state touches the URL."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE = sorted(
    [*(ROOT / "benchlearn/logic").glob("*.py"), *(ROOT / "benchlearn/charts").glob("*.py")]
)
UP = ("streamlit", "benchlearn.ui", "benchlearn.views", "benchlearn.screens")


def imported(path: Path) -> list[str]:
    """Every module a file imports, as written (relative imports resolved by name only)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def test_the_scan_sees_files_and_imports():
    assert len(PURE) > 20
    assert "benchlearn.ui.naming" in imported(ROOT / "benchlearn/paper.py")


@pytest.mark.parametrize("path", PURE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_logic_and_charts_import_nothing_above_them(path):
    reaching = [name for name in imported(path) if name.startswith(UP)]
    assert reaching == [], f"{path.relative_to(ROOT)} imports {reaching}"


def test_only_the_view_state_touches_the_url():
    readers = [
        str(path.relative_to(ROOT))
        for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("benchlearn/**/*.py"), ROOT / "app.py"]
        if "st.query_params" in path.read_text(encoding="utf-8")
    ]
    assert readers == ["benchlearn/ui/viewstate.py"]
