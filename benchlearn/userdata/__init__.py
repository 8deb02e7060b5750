"""What users create — cooperation networks, saved views, seminar decks, good practices —
kept in its own database (SQLAlchemy: SQLite by default, PostgreSQL for a shared deployment),
apart from the read-only warehouse, so a rebuild or a fetch never touches it.

models.py (tables), db.py (engine, migrations), repository.py (reads and writes, each
checking the writer's role and leaving an audit entry), access.py (roles and who may do what),
logic.py (pure helpers), seed.py (the programmes' networks and examples), presentation.py
(slides), widgets.py (the Streamlit side: who is signed in, saving a view).
"""
