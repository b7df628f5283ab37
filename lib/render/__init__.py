"""Figures and files: plotly charts and choropleths, pydeck views, static SVG maps, CSV and Excel downloads.

Takes data shaped by `lib.analysis` and `lib.core` and returns objects to show or bytes to download.
"""
