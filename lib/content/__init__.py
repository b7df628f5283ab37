"""What each page and slide says: the summary cards, map and coverage views, profiles, slides and agenda.

Assembles the layers below into plain data and figures; the pages in `views/` only read widgets and draw it.
"""
