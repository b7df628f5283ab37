"""Arithmetic on published data: programme targeting, map measures and classes, disclosure control, series.

Pure functions over pandas frames, built on `lib.core`; nothing here draws or talks to Streamlit.
"""
