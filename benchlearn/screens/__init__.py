"""What each page shows for a view, computed once and drawn by one path.

A page, its presentation slide and the deck's PDF (benchlearn.deck_paper) show the same
view: each module here computes what a view shows from (reference, view state, language,
room) and draws it with Streamlit; the page adds its own controls around the drawing
(selectors, downloads), the slide passes a `Look` with large sizes and the room's masking.

- `look`: `Room` (names masked for a seminar room), `Look` (page or slide sizes), a saved
  view's state as a slide restores it.
- `map`, `comparison`, `trends`, `profile`: one module per page.
"""
