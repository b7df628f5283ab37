"""A load generator that speaks Streamlit's own WebSocket protocol: `python -m bench.load --help`."""
