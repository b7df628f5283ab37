"""Interface text in Indonesian (default) and English.

One dictionary, keyed by a dotted name; every key has both languages (a test checks). Placeholders use
`str.format` names, e.g. `t("freshness", lang, period=..., updated=...)`.
"""

from __future__ import annotations

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"

TEXTS: dict[str, dict[str, str]] = {
    # App shell
    "app.title": {"id": "Dasbor Kemiskinan Kutai Timur", "en": "Kutai Timur Poverty Dashboard"},
    "app.subtitle": {
        "id": "Indikator kemiskinan dan capaian program perlindungan sosial Kabupaten Kutai Timur",
        "en": "Poverty indicators and social-protection programme outcomes of Kutai Timur Regency",
    },
    "app.language": {"id": "Bahasa", "en": "Language"},
    "app.mode_public": {
        "id": "Versi publik: hanya data agregat, tanpa data pribadi.",
        "en": "Public version: aggregates only, no personal data.",
    },
    "app.mode_internal": {"id": "Versi internal TKPK", "en": "TKPK internal version"},
    "app.footer": {
        "id": "TKPK Kabupaten Kutai Timur · Bappeda. Batas wilayah: cahyadsn/wilayah_boundaries (MIT).",
        "en": "TKPK Kutai Timur Regency · Bappeda. Boundaries: cahyadsn/wilayah_boundaries (MIT).",
    },
    "page.ringkasan": {"id": "Ringkasan", "en": "Summary"},
    "page.kelola": {"id": "Kelola Data", "en": "Manage data"},
    "app.last_changed": {
        "id": "Data terakhir berubah {updated} (rilis {release})",
        "en": "Data last changed {updated} (release {release})",
    },
    "page.tren": {"id": "Tren", "en": "Trends"},
    # Freshness and provenance
    "freshness": {
        "id": "Data per {period} · diperbarui {updated} (rilis {release})",
        "en": "Data as of {period} · updated {updated} (release {release})",
    },
    "source": {"id": "Sumber", "en": "Source"},
    "sources": {"id": "Sumber", "en": "Sources"},
    "demo_label": {"id": "DATA CONTOH — bukan data resmi", "en": "DEMO DATA — not official figures"},
    # Provenance kinds (lib.core.provenance): what kind of figure a number is
    "kind.rilis_bps": {"id": "rilis BPS", "en": "BPS release"},
    "kind.bps_media": {"id": "angka BPS via media", "en": "BPS figure via the media"},
    "kind.data_opd": {"id": "data OPD", "en": "agency data"},
    "kind.data_opd_media": {"id": "data OPD via media", "en": "agency figure via the media"},
    "kind.pernyataan": {"id": "pernyataan resmi", "en": "official statement"},
    "kind.estimasi": {"id": "estimasi", "en": "estimate"},
    "kind.belum_terverifikasi": {"id": "belum terverifikasi", "en": "unverified"},
    "kind.contoh": {"id": "data contoh", "en": "demo data"},
    "provenance.kind": {"id": "Jenis", "en": "Kind"},
    "provenance.more_sources": {"id": "+ {n} sumber lain", "en": "+ {n} other sources"},
    "provenance.stamp": {"id": "rilis {release}, {time}", "en": "release {release}, {time}"},
    "provenance.conflicts": {"id": "{n} angka berbeda antarsumber", "en": "{n} figures differ between sources"},
    "provenance.conflict_marker": {"id": "Sumber berbeda", "en": "Sources differ"},
    "provenance.conflict_detail": {"id": "{source} ({kind}): {value}", "en": "{source} ({kind}): {value}"},
    "provenance.chosen": {"id": "Ditampilkan: {value} dari {source} ({kind})",
                          "en": "Shown: {value} from {source} ({kind})"},
    "reported_bps": {
        "id": "Angka BPS sebagaimana dilaporkan media; ganti dengan tabel resmi BPS Kutai Timur bila tersedia.",
        "en": "BPS figures as reported in the press; replace with BPS Kutai Timur's own tables when available.",
    },
    # Ringkasan
    "ringkasan.heading": {"id": "Ringkasan indikator Kutai Timur", "en": "Kutai Timur at a glance"},
    "ringkasan.versus": {"id": "dibanding {previous}", "en": "versus {previous}"},
    "ringkasan.no_previous": {"id": "tidak ada periode sebelumnya", "en": "no earlier period"},
    "ringkasan.method_break": {
        "id": "metode berubah sejak {year}: tidak dibandingkan dengan {previous}",
        "en": "method changed in {year}: not compared with {previous}",
    },
    "ringkasan.period": {"id": "Periode {period}", "en": "Period {period}"},
    "ringkasan.no_data": {"id": "Belum ada data untuk Kutai Timur.", "en": "No data for Kutai Timur yet."},
    "ringkasan.compare_heading": {
        "id": "Kutai Timur dibanding Kalimantan Timur dan Indonesia",
        "en": "Kutai Timur beside East Kalimantan and Indonesia",
    },
    "ringkasan.compare_caption": {
        "id": "Nilai terbaru Kutai Timur; provinsi dan nasional pada periode yang sama (Maret bila ada).",
        "en": "Latest Kutai Timur value; province and nation for the same period (March where available).",
    },
    "ringkasan.compare_none": {"id": "tidak ada data", "en": "no data"},
    # Targets
    "target.none": {
        "id": "Belum ada target Kutai Timur untuk indikator ini (target RPJMD dimasukkan oleh staf sebagai data).",
        "en": "No Kutai Timur target for this indicator yet (RPJMD targets are entered by staff as data).",
    },
    "target.national": {"id": "Target nasional {year} ({document}): {value}", "en": "National target {year} ({document}): {value}"},
    "target.met": {
        "id": "{whose} {year} ({document}): {value} — tercapai",
        "en": "{whose} {year} ({document}): {value} — met",
    },
    "target.missed": {
        "id": "{whose} {year} ({document}): {value} — belum tercapai, selisih {gap}",
        "en": "{whose} {year} ({document}): {value} — not met, gap {gap}",
    },
    "target.ahead": {
        "id": "{whose} {year} ({document}): {value} — jarak dari nilai terbaru {gap}",
        "en": "{whose} {year} ({document}): {value} — distance from latest value {gap}",
    },
    # Whose target a chart or table shows beside Kutim's figures, by area code (ID, Kaltim, Kutim).
    "target.whose.ID": {"id": "Target nasional", "en": "National target"},
    "target.whose.64": {"id": "Target Kaltim", "en": "Kaltim target"},
    "target.whose.64.08": {"id": "Target Kutim", "en": "Kutim target"},
    "target.whose": {"id": "Target {area}", "en": "{area} target"},
    # Words inside the target documents' names (data/reference/target.csv), said in the reader's language.
    "document.as_reported": {"id": "(menurut pemberitaan)", "en": "(as reported)"},
    "document.bappeda_kutim": {"id": "pernyataan Bappeda Kutim", "en": "statement of Bappeda Kutim"},
    # Tren
    "tren.heading": {"id": "Tren indikator", "en": "Indicator trends"},
    "tren.indicator": {"id": "Indikator", "en": "Indicator"},
    "tren.areas": {"id": "Wilayah yang dibandingkan", "en": "Areas to compare"},
    "tren.areas_help": {
        "id": "Hanya wilayah yang memiliki data untuk indikator ini.",
        "en": "Only areas with data for this indicator.",
    },
    "tren.pick_area": {"id": "Pilih sedikitnya satu wilayah.", "en": "Pick at least one area."},
    "tren.no_data": {
        "id": "Tidak ada data {indicator} untuk wilayah yang dipilih.",
        "en": "No {indicator} data for the selected areas.",
    },
    "tren.method_old": {"id": "metode lama", "en": "old method"},
    "tren.method_new": {"id": "metode baru", "en": "new method"},
    "tren.method_since": {"id": "metode sejak {year}", "en": "method from {year}"},
    "tren.method_note": {
        "id": "Metode berubah pada {year}: nilai sebelum dan sesudahnya digambar sebagai seri terpisah. {note}",
        "en": "The method changed in {year}: values before and after are drawn as separate series. {note}",
    },
    "tren.download": {"id": "Unduh CSV data grafik", "en": "Download chart data (CSV)"},
    "tren.table": {"id": "Tabel data grafik", "en": "Chart data table"},
    "tren.x_axis": {"id": "Periode", "en": "Period"},
    "tren.targets_caption": {
        "id": "Target digambar sebagai rentang (batas bawah–atas) pada tahun targetnya.",
        "en": "Targets are drawn as ranges (lower–upper bound) in their target year.",
    },
    "tren.definition": {"id": "Definisi", "en": "Definition"},
    # Peta
    "page.peta": {"id": "Peta", "en": "Map"},
    "peta.heading": {"id": "Peta kemiskinan", "en": "Poverty map"},
    "peta.level": {"id": "Tingkat wilayah", "en": "Area level"},
    "peta.level.kaltim": {"id": "Kabupaten/kota Kaltim", "en": "Kaltim regencies"},
    "peta.level.kecamatan": {"id": "Kecamatan Kutim", "en": "Kutim kecamatan"},
    "peta.level.desa": {"id": "Desa Kutim", "en": "Kutim villages"},
    "peta.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "peta.all_kecamatan": {"id": "Semua kecamatan", "en": "All kecamatan"},
    "peta.measure": {"id": "Indikator", "en": "Indicator"},
    "peta.year": {"id": "Tahun", "en": "Year"},
    "peta.programme": {"id": "Program", "en": "Programme"},
    "peta.classification": {"id": "Pengelompokan warna", "en": "Colour classes"},
    "peta.class.quantiles": {"id": "Kuantil (jumlah wilayah sama)", "en": "Quantiles (equal counts)"},
    "peta.class.natural_breaks": {"id": "Jeda alami (Fisher-Jenks)", "en": "Natural breaks (Fisher-Jenks)"},
    "peta.class.equal_interval": {"id": "Interval sama", "en": "Equal intervals"},
    "peta.palette": {"id": "Warna", "en": "Colours"},
    "peta.palette.oranye_merah": {"id": "Oranye–merah", "en": "Orange–red"},
    "peta.palette.ungu": {"id": "Ungu", "en": "Purple"},
    "peta.palette.biru": {"id": "Biru", "en": "Blue"},
    "peta.settings": {"id": "Pengaturan peta", "en": "Map settings"},
    "peta.view": {"id": "Tampilan", "en": "View"},
    "peta.view.peta": {"id": "Peta", "en": "Map"},
    "peta.view.3d": {"id": "3D desa", "en": "3D villages"},
    "peta.no_data": {"id": "tidak ada data", "en": "no data"},
    "peta.hidden_or_no_data": {"id": "tidak ada data / disembunyikan", "en": "no data / hidden"},
    "peta.rank": {"id": "peringkat {rank} dari {total} (1 = terburuk)", "en": "rank {rank} of {total} (1 = worst)"},
    "peta.click_hint": {
        "id": "Klik sebuah kecamatan untuk melihat desanya.",
        "en": "Click a kecamatan to see its villages.",
    },
    "peta.click_hint_kaltim": {
        "id": "Klik Kutai Timur untuk melihat kecamatannya.",
        "en": "Click Kutai Timur to see its kecamatan.",
    },
    "peta.back": {"id": "Kembali ke semua kecamatan", "en": "Back to all kecamatan"},
    "peta.table": {"id": "Tabel peta", "en": "Map table"},
    "peta.download": {"id": "Unduh CSV tabel peta", "en": "Download map table (CSV)"},
    "peta.darker_worse": {
        "id": "Warna lebih gelap = kondisi lebih buruk. Abu-abu = tidak ada data.",
        "en": "Darker = worse. Grey = no data.",
    },
    "peta.3d_caption": {
        "id": "Tinggi kolom = {measure}; tanpa peta dasar (bekerja tanpa internet). Seret untuk memutar.",
        "en": "Column height = {measure}; no basemap (works offline). Drag to rotate.",
    },
    "peta.no_kaltim_data": {
        "id": "Tidak ada data {indicator} kabupaten/kota untuk tahun {year}.",
        "en": "No regency {indicator} data for {year}.",
    },
    "measure.rumah_tangga_desil_1": {"id": "Rumah tangga miskin (desil 1)", "en": "Poor households (decile 1)"},
    "measure.persen_desil_1_2": {"id": "Rumah tangga desil 1–2", "en": "Households in deciles 1–2"},
    "measure.persen_desil_1_4": {"id": "Rumah tangga desil 1–4", "en": "Households in deciles 1–4"},
    "measure.cakupan_program": {"id": "Cakupan {programme} pada rumah tangga layak", "en": "{programme} coverage of eligible households"},
    "measure.eksklusi_program": {"id": "Rumah tangga layak yang belum menerima {programme}", "en": "Eligible households not reached by {programme}"},
    "col.peringkat": {"id": "Peringkat (1 = terburuk)", "en": "Rank (1 = worst)"},
    "col.kelas": {"id": "Kelas warna", "en": "Colour class"},
    # Cakupan Program
    "page.cakupan": {"id": "Cakupan Program", "en": "Programme Coverage"},
    "cakupan.heading": {"id": "Cakupan program perlindungan sosial", "en": "Social-protection programme coverage"},
    "cakupan.area": {"id": "Wilayah", "en": "Area"},
    "cakupan.all_kutim": {"id": "Seluruh Kutai Timur", "en": "All of Kutai Timur"},
    "cakupan.desa": {"id": "Desa", "en": "Village"},
    "cakupan.all_desa": {"id": "Semua desa", "en": "All villages"},
    "cakupan.deciles": {"id": "Desil sasaran", "en": "Target deciles"},
    "cakupan.deciles_help": {
        "id": "Bawaan: desil yang layak menurut aturan program ({rule}).",
        "en": "Default: the deciles eligible under the programme's rule ({rule}).",
    },
    "cakupan.coverage": {"id": "Cakupan sasaran", "en": "Coverage of target"},
    "cakupan.households": {"id": "Rumah tangga sasaran", "en": "Target households"},
    "cakupan.reached": {"id": "Sasaran yang menerima", "en": "Target households reached"},
    "cakupan.excluded": {"id": "Eksklusi (sasaran belum menerima)", "en": "Exclusion (target not reached)"},
    "cakupan.included": {"id": "Inklusi (penerima desil 6–10)", "en": "Inclusion (recipients in deciles 6–10)"},
    "cakupan.recipients": {"id": "Semua penerima", "en": "All recipients"},
    "cakupan.realisation": {"id": "Realisasi anggaran", "en": "Budget realisation"},
    "cakupan.realisation_detail": {"id": "{spent} dari {budget}", "en": "{spent} of {budget}"},
    "cakupan.no_budget": {"id": "Data anggaran tidak tersedia untuk program ini.", "en": "No budget data for this programme."},
    "cakupan.definitions": {"id": "Definisi ukuran", "en": "Definitions"},
    "cakupan.definitions_text": {
        "id": "- **Cakupan** = penerima di desil sasaran ÷ rumah tangga di desil sasaran.\n"
        "- **Eksklusi** = rumah tangga di desil sasaran yang belum menerima.\n"
        "- **Inklusi** = penerima di desil 6–10 (di luar 40–50 % termiskin).\n"
        "- **Desil** = peringkat kesejahteraan rumah tangga (DTSEN): desil 1 = 10 % termiskin. Batas rupiah per "
        "desil tidak resmi; desil ditampilkan sebagai kelompok peringkat saja.\n"
        "- **Tumpang tindih program** (rumah tangga yang menerima lebih dari satu program) memerlukan data tingkat "
        "rumah tangga; data agregat desa tidak memungkinkan menghitungnya.",
        "en": "- **Coverage** = recipients in the target deciles ÷ households in the target deciles.\n"
        "- **Exclusion** = households in the target deciles not receiving.\n"
        "- **Inclusion** = recipients in deciles 6–10 (outside the poorest 40–50 %).\n"
        "- **Decile** = household welfare rank (DTSEN): decile 1 = poorest 10 %. Rupiah bounds per decile are "
        "unofficial; deciles are shown as rank groups only.\n"
        "- **Programme overlap** (households receiving more than one programme) needs household-level data; "
        "village aggregates cannot measure it.",
    },
    "cakupan.map": {"id": "Peta cakupan", "en": "Coverage map"},
    "cakupan.ranking": {"id": "Wilayah dengan eksklusi terbesar", "en": "Areas with the largest exclusion"},
    "cakupan.by_decile": {"id": "Cakupan menurut desil", "en": "Coverage by decile"},
    "cakupan.trend": {"id": "Tren cakupan", "en": "Coverage trend"},
    "cakupan.table": {"id": "Tabel per wilayah", "en": "Table by area"},
    "cakupan.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "cakupan.download_xlsx": {"id": "Unduh Excel", "en": "Download Excel"},
    "cakupan.largest_exclusion": {
        "id": "Eksklusi terbesar: **{name}** ({count} rumah tangga sasaran belum menerima).",
        "en": "Largest exclusion: **{name}** ({count} target households not reached).",
    },
    "cakupan.no_data": {
        "id": "Tidak ada data {programme} untuk {year} di wilayah ini.",
        "en": "No {programme} data for {year} in this area.",
    },
    "cakupan.target_decile": {"id": "desil sasaran", "en": "target decile"},
    "cakupan.other_decile": {"id": "desil lain", "en": "other decile"},
    "cakupan.suppressed_note": {
        "id": "Versi publik: setiap jumlah dibulatkan ke salah satu kelipatan {k} terdekat (misalnya 3 tampil "
        "sebagai 0 atau 5), dengan cara yang sama di setiap halaman, dan persentase dihitung dari angka yang sudah "
        "dibulatkan serta hanya ditampilkan bila dasarnya sedikitnya {least} rumah tangga, agar jumlah kecil tidak "
        "dapat dihitung dari angka lain. Selisih tiap angka kurang dari {k}; rincian bisa berbeda dari totalnya. "
        "Anggaran hanya ditampilkan untuk seluruh Kutai Timur.",
        "en": "Public version: every count is rounded to one of the two nearest multiples of {k} (3, for example, "
        "shows as 0 or 5), the same way on every page, and percentages are computed from the rounded counts and "
        "shown only over at least {least} households, so small counts cannot be worked out from other figures. "
        "Each figure is off by less than {k}; parts may differ from their total. Budgets are shown for all of "
        "Kutai Timur only.",
    },
    "cakupan.deciles_public": {
        "id": "Versi publik: desil sasaran mengikuti aturan program ({rule}), agar jumlah per desil tidak dapat "
        "dihitung dengan membandingkan pilihan desil.",
        "en": "Public version: the target deciles follow the programme's rule ({rule}), so counts per decile cannot "
        "be worked out by comparing decile choices.",
    },
    # Profil Wilayah
    "page.profil": {"id": "Profil Wilayah", "en": "Area Profile"},
    "profil.heading": {"id": "Profil wilayah", "en": "Area profile"},
    "profil.level.kecamatan": {"id": "Kecamatan", "en": "Kecamatan (district)"},
    "profil.level.desa": {"id": "Desa/kelurahan", "en": "Village"},
    "profil.rank": {
        "id": "peringkat desil 1–4 di antara {level} (1 = terbesar)",
        "en": "rank by deciles 1–4 among {level} (1 = largest)",
    },
    "profil.year": {"id": "data tahun {year}", "en": "data for {year}"},
    "profil.programmes": {"id": "Cakupan program {year}", "en": "Programme coverage {year}"},
    "profil.footer": {
        "id": "Kode Kemendagri {code} · {release} · Batas wilayah: cahyadsn/wilayah_boundaries (MIT). "
        "Desil: peringkat kesejahteraan rumah tangga (DTSEN), desil 1 = 10 % termiskin.",
        "en": "Kemendagri code {code} · {release} · Boundaries: cahyadsn/wilayah_boundaries (MIT). "
        "Deciles: household welfare rank (DTSEN), decile 1 = poorest 10 %.",
    },
    "profil.release": {"id": "rilis {release}, {updated}", "en": "release {release}, {updated}"},
    "profil.open": {"id": "Buka profil {name}", "en": "Open the profile of {name}"},
    "profil.download": {"id": "Unduh profil (HTML)", "en": "Download profile (HTML)"},
    "profil.print_hint": {
        "id": "Untuk PDF: cetak halaman ini (Ctrl+P) ke A4 — menu, tombol dan pilihan tidak ikut tercetak.",
        "en": "For a PDF: print this page (Ctrl+P) on A4 — menus, buttons and pickers are left out.",
    },
    # Presentasi
    "page.presentasi": {"id": "Presentasi", "en": "Presentation"},
    "slide.heading": {"id": "Presentasi rakor", "en": "Coordination-meeting presentation"},
    "slide.start": {"id": "Mulai presentasi (layar penuh, tanpa menu)", "en": "Start the presentation (no menus)"},
    "slide.print_all": {
        "id": "Semua slide untuk dicetak ke PDF (satu slide per halaman, cadangan tanpa internet)",
        "en": "All slides for printing to PDF (one slide a page, an offline backup)",
    },
    "slide.keys": {
        "id": "Pindah slide dengan PageDown/PageUp (clicker) atau panah kiri/kanan. Tambahkan `&auto=30` pada "
        "alamat untuk berganti slide otomatis tiap 30 detik. Urutan slide diatur di berkas agenda "
        "(pengaturan DASBOR_AGENDA).",
        "en": "Move with PageDown/PageUp (clicker) or the left/right arrows. Add `&auto=30` to the address to "
        "advance every 30 seconds. The slide order comes from the agenda file (setting DASBOR_AGENDA).",
    },
    "slide.agenda_problems": {
        "id": "Berkas agenda tidak dapat dipakai; agenda bawaan ditampilkan. Perbaiki:",
        "en": "The agenda file cannot be used; the default agenda is shown. Fix:",
    },
    "slide.number": {"id": "No.", "en": "No."},
    "slide.title": {"id": "Judul", "en": "Title"},
    "slide.kind": {"id": "Jenis", "en": "Kind"},
    "slide.kind.ringkasan": {"id": "Indikator utama", "en": "Headline indicators"},
    "slide.kind.peta_kaltim": {"id": "Peta kabupaten/kota Kaltim", "en": "Kaltim regency map"},
    "slide.kind.peta_kecamatan": {"id": "Peta kecamatan Kutim", "en": "Kutim kecamatan map"},
    "slide.kind.kesenjangan_program": {"id": "Peringkat kesenjangan program", "en": "Programme gap ranking"},
    "slide.kind.tren": {"id": "Tren dan target", "en": "Trend and targets"},
    "slide.kind.profil": {"id": "Profil wilayah", "en": "Area profile"},
    "slide.kind.sejak_rakor": {"id": "Sejak rakor terakhir", "en": "Since the last meeting"},
    "slide.previous": {"id": "Sebelumnya", "en": "Previous"},
    "slide.next": {"id": "Berikutnya", "en": "Next"},
    "slide.worst": {"id": "Paling memburuk", "en": "Worsened most"},
    "slide.best": {"id": "Paling membaik", "en": "Improved most"},
    "slide.change": {"id": "Perubahan", "en": "Change"},
    "slide.direction": {"id": "Arah", "en": "Direction"},
    "slide.worse": {"id": "memburuk", "en": "worse"},
    "slide.better": {"id": "membaik", "en": "better"},
    "slide.same": {"id": "tetap", "en": "unchanged"},
    "slide.none_worse": {"id": "Tidak ada kecamatan yang memburuk.", "en": "No kecamatan got worse."},
    "slide.none_better": {"id": "Tidak ada kecamatan yang membaik.", "en": "No kecamatan improved."},
    "slide.change_axis": {"id": "Perubahan {start}–{end}", "en": "Change {start}–{end}"},
    "col.desil": {"id": "Desil", "en": "Decile"},
    "col.rumah_tangga": {"id": "Rumah tangga", "en": "Households"},
    "col.penerima": {"id": "Penerima", "en": "Recipients"},
    "col.persen_menerima": {"id": "% menerima", "en": "% receiving"},
    "col.tahun": {"id": "Tahun", "en": "Year"},
    # Column names of downloads and tables
    "col.wilayah": {"id": "Wilayah", "en": "Area"},
    "col.kode_wilayah": {"id": "Kode wilayah", "en": "Area code"},
    "col.periode": {"id": "Periode", "en": "Period"},
    "col.nilai": {"id": "Nilai", "en": "Value"},
    "col.seri": {"id": "Seri", "en": "Series"},
    "col.jenis": {"id": "Jenis", "en": "Kind"},
    "col.sumber": {"id": "Sumber", "en": "Source"},
    "col.status": {"id": "Jenis sumber", "en": "Kind of source"},
    "col.catatan": {"id": "Catatan", "en": "Note"},
    "kind.value": {"id": "nilai", "en": "value"},
    "kind.target": {"id": "target", "en": "target"},
    # Units
    "unit.persen": {"id": "%", "en": "%"},
    "unit.poin_persen": {"id": "poin persen", "en": "percentage points"},
    "unit.ribu_jiwa": {"id": "ribu jiwa", "en": "thousand people"},
    "unit.juta_jiwa": {"id": "juta jiwa", "en": "million people"},
    "unit.jiwa": {"id": "jiwa", "en": "people"},
    "unit.rumah_tangga": {"id": "rumah tangga", "en": "households"},
    "unit.rupiah_kapita_bulan": {"id": "Rp/kapita/bulan", "en": "Rp per capita per month"},
    "value.rupiah_kapita_bulan": {"id": "{amount}/kapita/bulan", "en": "{amount} per capita per month"},
    "unit.indeks": {"id": "indeks", "en": "index"},
    "unit.rasio": {"id": "rasio 0–1", "en": "ratio 0–1"},
    # Errors
    "error.url_param": {
        "id": "Parameter alamat `{param}` berisi nilai yang tidak dikenal: {values}. Nilai itu diabaikan; pilih lagi "
        "dari daftar di halaman ini atau perbaiki tautannya.",
        "en": "The address parameter `{param}` has unknown values: {values}. They were ignored; pick again from the "
        "list on this page or fix the link.",
    },
    "error.settings": {
        "id": "Pengaturan dasbor tidak dapat dipakai: {message}",
        "en": "The dashboard settings cannot be used: {message}",
    },
    "error.store_not_ready": {
        "id": "Versi publik belum punya data untuk ditampilkan: basis datanya belum dibangun atau belum berisi rilis, "
        "dan server publik hanya membaca. Pengelola server membangunnya dengan `make store` (atau `make run-public`, "
        "yang membangunnya dulu), lalu memuat ulang halaman ini.",
        "en": "The public version has no data to show yet: its database has not been built or holds no release, "
        "and the public server only reads. The server's administrator builds it with `make store` (or "
        "`make run-public`, which builds it first), then reloads this page.",
    },
    "error.unhardened": {
        "id": "Versi publik tidak dijalankan: pengaturan server Streamlit berikut belum diperketat.\n\n{options}\n\n"
        "Jalankan versi publik dengan `make run-public`, atau setel variabel lingkungan di atas sebelum "
        "`streamlit run`.",
        "en": "The public version does not run: these Streamlit server settings are not hardened.\n\n{options}\n\n"
        "Start the public version with `make run-public`, or set the environment variables above before "
        "`streamlit run`.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for `key` in `lang` (falling back to Indonesian), with placeholders filled in."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def target_name(area: str, area_name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Whose target it is: `Target nasional`, `Target Kaltim`, `Target Kutim`, else `Target <area name>`, so a
    national target drawn beside Kutim's figures is never read as Kutim's own."""
    key = f"target.whose.{area}"
    return t(key, lang) if key in TEXTS else t("target.whose", lang, area=area_name)


def document_name(document: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A target document's name from the data with its known phrases in `lang`, whichever language the data
    wrote them in: `statement of Bappeda Kutim` reads `pernyataan Bappeda Kutim` in Indonesian."""
    for key in ("document.as_reported", "document.bappeda_kutim"):
        for written in TEXTS[key].values():
            document = document.replace(written, t(key, lang))
    return document
