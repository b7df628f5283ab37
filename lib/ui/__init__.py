"""The Streamlit layer, the only part of `lib` that imports Streamlit: cached loaders and the live refresh,
URL-bound widgets, source and freshness notes, page CSS, the presentation mode, the login form and the
public server's hardening.
"""
