"""Dasbor Kemiskinan Kutai Timur: entry point. Page config, theme, language, mode, and the page list."""

import streamlit as st

from lib.core import settings
from lib.core.i18n import t
from lib.ui import hardening, layout, loaders, notes, presentation, share, widgets

st.set_page_config(
    page_title="Dasbor Kemiskinan Kutai Timur",
    page_icon="static/ikon.png",  # a local file: a Material icon here is fetched from Google Fonts
    layout="wide",
    initial_sidebar_state="auto",  # open on a laptop or projector, closed on a phone (not over the page)
)

share.start_run()  # before any widget: each run records the choices the "Salin tautan" link pins
layout.compact_layout()
lang = widgets.language_picker()
try:
    public = settings.is_public()
except settings.SettingError as error:
    st.error(t("error.settings", lang, message=error))
    st.stop()
# A public server started without the hardening (upload limit, XSRF, no error details) refuses to serve.
if public and (unhardened := hardening.unhardened_options()):
    st.error(t("error.unhardened", lang, options=hardening.requirements(unhardened)))
    st.stop()

# For the whole process, before any session can upload: a household list is read in memory, never spooled to disk.
hardening.keep_uploads_in_memory()
loaders.start_run()  # the release this run reads, once, before anything reads data

pages = [
    st.Page("views/ringkasan.py", title=t("page.ringkasan", lang), icon=":material/dashboard:", default=True),
    st.Page("views/peta.py", title=t("page.peta", lang), icon=":material/map:"),
    st.Page("views/tren.py", title=t("page.tren", lang), icon=":material/show_chart:"),
    st.Page("views/cakupan.py", title=t("page.cakupan", lang), icon=":material/diversity_3:"),
    st.Page("views/profil.py", title=t("page.profil", lang), icon=":material/location_city:"),
    st.Page("views/aksi.py", title=t("page.aksi", lang), icon=":material/checklist:", url_path="aksi"),
    st.Page("views/tentang.py", title=t("page.tentang", lang), icon=":material/menu_book:", url_path="tentang"),
]

# Data management exists only in the internal mode: the public server has no page, no upload, no write path.
if not public:
    pages.append(st.Page("views/kelola.py", title=t("page.kelola", lang), icon=":material/upload_file:"))
    pages.append(st.Page("views/aksi_kelola.py", title=t("aksi_kelola.page", lang), icon=":material/edit_note:"))

slides_page = st.Page("views/presentasi.py", title=t("page.presentasi", lang), icon=":material/slideshow:")
st.sidebar.caption(t("app.mode_public" if public else "app.mode_internal", lang))
notes.last_changed(lang)
st.sidebar.caption(t("app.footer", lang))
if not presentation.presenting():  # the slides follow releases themselves, together with their auto-advance
    loaders.follow_new_releases()

# The projector sees the slides only: no page list, and no sidebar (hidden by the projector layout).
page = st.navigation([*pages, slides_page], position="hidden" if presentation.presenting() else "sidebar")
# "Salin tautan" on every page but the staff's (Kelola Data, Kelola Rencana Aksi) and the slides themselves; its link
# follows the page's widgets as they are drawn.
if not presentation.presenting() and page.url_path not in ("kelola", "aksi_kelola"):
    share.copy_link(lang, page.url_path)
page.run()
