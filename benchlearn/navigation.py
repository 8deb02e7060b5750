"""The app's pages in one table: script, URL path, title, icon, menu, and which fields of the
shared selection each page reads.

app.py builds the top bar and the sidebar from it; benchlearn.serve reads the URL paths to
tell a browser that opens a page by link where the server is.
"""

from __future__ import annotations

from dataclasses import dataclass

SELECTION = ("ind", "year", "my", "cmp", "grp", "bv")
LEARN, ANALYSE = "nav.section_learn", "nav.section_analyse"  # the two menus


@dataclass(frozen=True)
class PageSpec:
    script: str
    url_path: str  # "" for the default page, which lives at "/"
    title: str  # i18n key
    icon: str
    menu: str = ""  # i18n key of the top bar menu; "" for a plain link
    # The sidebar offers only these, so no control there seems to do something it does not;
    # the others stay in the URL for the pages that use them.
    fields: tuple[str, ...] = SELECTION
    hidden: bool = False


# URL paths differ from the file names on purpose: under plain `streamlit run`, a fresh server
# resolves its very first request against the legacy pages/ folder (benchlearn.serve turns
# that off), and a file-name URL would then run the page script without the shell.
# Three groups, so the top bar fits a projector's width without Streamlit's untranslated
# "more" menu: the comparisons a council opens first as plain links, then learning from
# others and the analysts' tools as menus.
PAGES = (
    # The map colours one indicator in one year and marks my municipality: the compared
    # municipalities and the group play no part.
    PageSpec("pages/map.py", "", "nav.map", ":material/map:", fields=("ind", "year", "my", "bv")),
    PageSpec("pages/trends.py", "tendences", "nav.trends", ":material/show_chart:"),
    PageSpec("pages/benchmark.py", "salidzinajums", "nav.benchmark", ":material/table_chart:"),
    PageSpec("pages/profile.py", "profils", "nav.profile", ":material/location_city:"),
    PageSpec("pages/peers.py", "lidzigas", "nav.peers", ":material/join_inner:", LEARN),
    PageSpec("pages/indices.py", "indeksi", "nav.indices", ":material/leaderboard:", LEARN),
    PageSpec("pages/networks.py", "tikli", "nav.networks", ":material/hub:", LEARN, ()),
    PageSpec(
        "pages/practices.py",
        "labas-prakses",
        "nav.practices",
        ":material/lightbulb:",
        LEARN,
        (),
    ),
    PageSpec(
        "pages/present.py",
        "prezentacija",
        "nav.present",
        ":material/slideshow:",
        LEARN,
        (),  # slides are drawn from saved views: no selection, and no names in the sidebar
        hidden=True,  # opened from a deck on the networks page
    ),
    PageSpec("pages/explorer.py", "izpete", "nav.explore", ":material/query_stats:", ANALYSE),
    PageSpec("pages/console.py", "sql", "nav.sql", ":material/terminal:", ANALYSE, ()),
    PageSpec("pages/data.py", "dati", "nav.data", ":material/dataset:", ANALYSE, ()),
    PageSpec(
        "pages/contribute.py", "iesniegt", "nav.contribute", ":material/upload_file:", ANALYSE, ()
    ),
    PageSpec(
        "pages/admin.py",
        "admin",
        "nav.admin",
        ":material/admin_panel_settings:",
        ANALYSE,
        (),
        hidden=True,  # opened from the sidebar by administrators
    ),
)


def fields_of(url_path: str) -> tuple[str, ...]:
    """The selection fields the page at `url_path` reads (all of them for an unknown path)."""
    return next((p.fields for p in PAGES if p.url_path == url_path), SELECTION)


def page_paths() -> list[str]:
    """The URL paths of the pages other than the default one."""
    return [p.url_path for p in PAGES if p.url_path]
