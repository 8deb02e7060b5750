"""`python -m benchlearn.serve [streamlit options]`: `streamlit run app.py`, with one fix.

Streamlit decides on a server's first session whether the app is a legacy multipage app: it
is if a `pages/` folder lies beside the main script, as ours does (it holds the scripts that
app.py's st.navigation runs). That first session then looks the URL up among the legacy
pages. A first visitor who arrives by a page link (/dati) gets the page, but also an English
"Page not found" dialog, because the legacy pages have file names, not our URL paths.
st.navigation turns the legacy mode off, but only once app.py has run, which is too late for
that first visit. Setting the flag before the server starts is what st.navigation does
itself, so nothing else changes.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from benchlearn.settings import REPO_ROOT

APP = REPO_ROOT / "app.py"


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
