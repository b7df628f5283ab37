"""The dashboard's library, in layers; a module imports only from its own layer and the layers below it.

- `core`: settings, the store and its seeding, areas, indicators, targets, formats and texts.
- `ingest`: the staff write path: login checks, reading uploads, rules, problems, the next release.
- `analysis`: arithmetic on the data: programme targeting, map measures, disclosure control, series.
- `render`: figures and files: plotly and pydeck charts and maps, static SVG maps, CSV and Excel.
- `content`: what each page and slide says, assembled from the layers below.
- `ui`: the only layer that calls Streamlit: cached loaders, widgets, notes, layouts, login form.

`tests/unit/test_layers.py` keeps it so.
"""

import pandas as pd

# Text columns in Python object arrays rather than pyarrow: the pages work on small tables, where pyarrow's
# per-call cost, and its releasing the GIL and queueing to take it back while 100 sessions run, outweighed
# the work itself (bench/README.md, "What the load bench taught").
pd.set_option("mode.string_storage", "python")
