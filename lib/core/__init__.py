"""The ground every other layer stands on: settings, the store, areas, indicators, targets, formats, texts.

Nothing here knows about uploads, maps or pages; only the Python standard library, pandas, SQLAlchemy,
Babel, rapidfuzz and the geometry stack.
"""
