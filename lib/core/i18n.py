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
    "share.button": {"id": "Salin tautan", "en": "Copy link"},
    "share.hint": {
        "id": "Tautan tampilan ini dengan semua pilihannya, tahun juga, agar tetap sama saat data baru terbit. "
        "Salin dengan tombol di pojok kanan atas kotak.",
        "en": "A link to this view with every choice pinned, the year too, so it stays the same when new data is "
        "published. Copy it with the button at the top right of the box.",
    },
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
        # the newest release of any dataset: a page's figures name the release they came in, which may be older
        "id": "Data terakhir berubah {updated} (rilis terbaru {release})",
        "en": "Data last changed {updated} (newest release {release})",
    },
    "page.tren": {"id": "Tren", "en": "Trends"},
    # Freshness and provenance
    "freshness": {
        "id": "Data per {period} · diperbarui {updated} (rilis terbaru {release})",
        "en": "Data as of {period} · updated {updated} (newest release {release})",
    },
    "source": {"id": "Sumber", "en": "Source"},
    "sources": {"id": "Sumber", "en": "Sources"},
    "demo_label": {"id": "DATA CONTOH — bukan data resmi", "en": "DEMO DATA — not official figures"},
    # Tentang data (views/tentang.py, lib/content/tentang.py)
    "page.tentang": {"id": "Tentang data", "en": "About the data"},
    "tentang.heading": {"id": "Tentang data", "en": "About the data"},
    "tentang.intro": {
        "id": "Dari mana setiap angka di dasbor ini berasal, apa artinya, dan mengapa angka dari sumber yang berbeda "
        "bisa tidak sama.",
        "en": "Where every figure on this dashboard comes from, what it means, and why figures from different sources "
        "can disagree.",
    },
    "tentang.yes": {"id": "ya", "en": "yes"},
    "tentang.conflicts.heading": {"id": "Angka yang berbeda antarsumber", "en": "Figures that differ between sources"},
    "tentang.conflicts.intro": {
        "id": "Untuk titik data ini, sumber lain melaporkan angka yang berbeda. Dasbor menampilkan angka dari sumber "
        "terkuat (kolom Ditampilkan); catatan menyebut dugaan penyebabnya (salah ketik, seri lama, metode lain).",
        "en": "For these points another source reports a different figure. The dashboard shows the figure from the "
        "strongest source (column Shown); the note gives the likely cause (a typo, an old series, another method).",
    },
    "tentang.conflicts.none": {"id": "Tidak ada angka yang dilaporkan berbeda oleh sumber lain.",
                               "en": "No figure is reported differently by another source."},
    "tentang.indicator.heading": {"id": "Per indikator", "en": "By indicator"},
    "tentang.indicator.pick": {"id": "Indikator", "en": "Indicator"},
    "tentang.definition": {"id": "Definisi", "en": "Definition"},
    "tentang.primary_source": {"id": "Sumber utama", "en": "Primary source"},
    "tentang.points": {"id": "Semua titik data untuk Kutai Timur, Kalimantan Timur dan Indonesia",
                       "en": "Every point for Kutai Timur, Kalimantan Timur and Indonesia"},
    "tentang.col.indicator": {"id": "Indikator", "en": "Indicator"},
    "tentang.col.shown": {"id": "Ditampilkan", "en": "Shown"},
    "tentang.col.other_value": {"id": "Angka lain", "en": "Other figure"},
    "tentang.col.other_source": {"id": "Sumber lain", "en": "Other source"},
    "tentang.col.other_kind": {"id": "Jenis sumber lain", "en": "Other source's kind"},
    "tentang.col.other_reports": {"id": "Laporan lain", "en": "Other reports"},
    "tentang.col.meaning": {"id": "Arti", "en": "Meaning"},
    "tentang.col.figure": {"id": "Angka", "en": "Figure"},
    "tentang.col.unit": {"id": "Satuan", "en": "Unit"},
    "tentang.col.values": {"id": "Angka indikator", "en": "Indicator figures"},
    "tentang.col.counts": {"id": "Jumlah penerima tanpa desil", "en": "Recipient counts without deciles"},
    "tentang.col.programme_rows": {"id": "Angka program per desa dan desil", "en": "Programme figures per desa and decile"},
    "tentang.dualism.heading": {"id": "Dualisme data: penduduk miskin BPS dan daftar penerima bantuan",
                                "en": "Two sets of numbers: BPS's poor and the assistance registers"},
    "tentang.dualism.intro": {
        "id": "BPS memperkirakan jumlah penduduk miskin dari survei; dinas menghitung keluarga dalam daftar penerima. "
        "Keduanya sah, tetapi mengukur hal yang berbeda.",
        "en": "BPS estimates the number of poor people from a survey; agencies count the families on their "
        "beneficiary lists. Both are valid, but they measure different things.",
    },
    "tentang.dualism.poor_persons": {"id": "Penduduk miskin (estimasi BPS, Susenas)",
                                     "en": "Poor people (BPS estimate, Susenas)"},
    "tentang.dualism.demo_recipients": {"id": "Data contoh: penerima {programme}", "en": "Demo data: {programme} recipients"},
    "tentang.dualism.none": {"id": "Belum ada jumlah penerima Kutai Timur yang dipublikasikan.",
                             "en": "No published recipient counts for Kutai Timur yet."},
    "tentang.dualism.estimate_vs_register": {
        "id": "**Estimasi atau daftar.** Angka BPS adalah estimasi dari sampel Susenas: orang yang pengeluaran per "
        "kapitanya di bawah garis kemiskinan. Angka dinas adalah hitungan dalam daftar (DTKS, kini DTSEN): keluarga "
        "atau rumah tangga yang diperingkat ke desil kesejahteraan dengan *proxy means test* (ciri rumah, aset, "
        "pekerjaan), lalu dipilih menurut aturan dan kuota tiap program. Daftar bisa memuat keluarga di atas garis "
        "kemiskinan dan melewatkan keluarga di bawahnya.",
        "en": "**Estimate or register.** The BPS figure is an estimate from the Susenas sample: people whose spending "
        "per head is below the poverty line. The agencies' figure is a count on a register (DTKS, now DTSEN): families "
        "or households ranked into welfare deciles by a *proxy means test* (housing, assets, work), then chosen by "
        "each programme's rules and quota. A register can hold families above the poverty line and miss families "
        "below it.",
    },
    "tentang.dualism.persons_vs_families": {
        "id": "**Orang atau keluarga.** BPS menghitung jiwa; program menghitung KK atau KPM. {persons} penduduk "
        "miskin (BPS, {year}) dibagi {families} KK dalam data dinas tahun itu memberi sekitar {ratio} orang per KK: "
        "jumlah KK baru sebanding dengan jumlah jiwa setelah dikalikan ukuran keluarga.",
        "en": "**People or families.** BPS counts people; programmes count families (KK) or beneficiary households "
        "(KPM). {persons} poor people (BPS, {year}) divided by the {families} families in the agency's data that year "
        "gives about {ratio} people per family: a count of families compares with a count of people only once "
        "multiplied by family size.",
    },
    "tentang.dualism.line_vs_deciles": {
        "id": "**Garis kemiskinan atau desil.** Desil 1–4 adalah 40 % keluarga termiskin secara nasional (cakupan "
        "P3KE), jauh lebih banyak daripada penduduk di bawah garis kemiskinan ({rate} di Kutai Timur pada {year}). "
        "Karena itu sasaran program desil 1–4 wajar lebih banyak daripada penduduk miskin BPS, tanpa berarti salah "
        "satu angka keliru.",
        "en": "**Poverty line or deciles.** Deciles 1–4 are the poorest 40 % of families nationally (the P3KE "
        "coverage), far more than the people below the poverty line ({rate} in Kutai Timur in {year}). So a "
        "programme aimed at deciles 1–4 naturally reaches more people than BPS counts as poor, without either figure "
        "being wrong.",
    },
    "tentang.glossary.heading": {"id": "Istilah", "en": "Terms"},
    "tentang.term.desil": {"id": "Desil kesejahteraan", "en": "Welfare decile (desil)"},
    "tentang.term.desil.text": {
        "id": "DTSEN mengurutkan keluarga dari yang paling miskin sampai yang paling sejahtera dan membaginya menjadi "
        "sepuluh kelompok sama besar: desil 1 = 10 % termiskin, desil 10 = 10 % paling sejahtera. Peringkatnya "
        "nasional dan dihitung dari ciri rumah tangga, bukan dari pengeluaran yang diukur. Batas rupiah per desil "
        "yang beredar bukan angka resmi.",
        "en": "DTSEN ranks families from the poorest to the best-off and splits them into ten equal groups: decile 1 "
        "= the poorest 10 %, decile 10 = the best-off 10 %. The ranking is national and computed from household "
        "characteristics, not from measured spending. Rupiah thresholds per decile that circulate are not official.",
    },
    "tentang.term.dtsen": {"id": "DTSEN dan DTKS", "en": "DTSEN and DTKS"},
    "tentang.term.dtsen.text": {
        "id": "DTKS (Data Terpadu Kesejahteraan Sosial, Kemensos) adalah daftar nama keluarga sasaran bantuan sosial; "
        "sejak 2025 digantikan DTSEN (Data Tunggal Sosial dan Ekonomi Nasional), yang menyatukan DTKS, Regsosek dan "
        "P3KE. Keduanya daftar administratif, bukan survei BPS.",
        "en": "DTKS (the Social Welfare Integrated Data, Ministry of Social Affairs) is the register of families "
        "targeted by social assistance; since 2025 it is replaced by DTSEN (Single National Social and Economic "
        "Data), which merges DTKS, Regsosek and P3KE. Both are administrative registers, not BPS surveys.",
    },
    "tentang.term.p3ke": {"id": "P3KE", "en": "P3KE"},
    "tentang.term.p3ke.text": {
        "id": "Data Pensasaran Percepatan Penghapusan Kemiskinan Ekstrem: keluarga di desil 1–4. Dasbor ini memakai "
        "desil 1–4 sebagai sasaran program yang tidak punya aturan desil sendiri.",
        "en": "Targeting data for the Acceleration of Extreme Poverty Eradication: families in deciles 1–4. This "
        "dashboard takes deciles 1–4 as the target of a programme with no decile rule of its own.",
    },
    "tentang.term.eksklusi": {"id": "Eksklusi", "en": "Exclusion"},
    "tentang.term.eksklusi.text": {
        "id": "Rumah tangga di desil sasaran program (misalnya desil 1–4 untuk PKH) yang tidak menerima program itu: "
        "rumah tangga sasaran dikurangi penerima di desil sasaran, dijumlahkan per wilayah.",
        "en": "Households in a programme's target deciles (deciles 1–4 for PKH, say) that the programme does not "
        "reach: target households minus recipients in the target deciles, summed per area.",
    },
    "tentang.term.inklusi": {"id": "Inklusi", "en": "Inclusion"},
    "tentang.term.inklusi.text": {
        "id": "Penerima program yang berada di desil {from_decile}–10, separuh yang lebih sejahtera, seperti dalam "
        "kajian penyasaran. Penerima di antara desil sasaran dan desil {from_decile} (desil 5 untuk PKH) tidak "
        "dihitung sebagai inklusi.",
        "en": "Recipients of a programme in deciles {from_decile}–10, the better-off half, as targeting reviews count "
        "it. Recipients between the target deciles and decile {from_decile} (decile 5 for PKH) are not counted as "
        "inclusion.",
    },
    "tentang.term.kk_kpm_jiwa": {"id": "KK, KPM dan jiwa", "en": "KK, KPM and jiwa"},
    "tentang.term.kk_kpm_jiwa.text": {
        "id": "KK (kartu keluarga) = satu keluarga; satu rumah tangga bisa berisi lebih dari satu KK. KPM (keluarga "
        "penerima manfaat) = keluarga yang menerima bantuan. Jiwa = orang. Angka BPS dihitung dalam jiwa, program "
        "dalam KK atau KPM (PBI-JK dalam jiwa).",
        "en": "KK (family card) = one family; one household can hold more than one KK. KPM (beneficiary family) = a "
        "family receiving assistance. Jiwa = persons. BPS figures count persons, programmes count KK or KPM (PBI-JK "
        "counts persons).",
    },
    "tentang.kinds.heading": {"id": "Jenis angka", "en": "Kinds of figure"},
    "tentang.kinds.intro": {
        "id": "Setiap angka di dasbor punya jenis: seberapa dekat ia dengan rilis resmi. Kolom jumlah menghitung "
        "angka yang ada di dasbor saat ini.",
        "en": "Every figure on the dashboard has a kind: how close it is to an official release. The count columns "
        "count the figures the dashboard holds now.",
    },
    "tentang.kind.rilis_bps": {"id": "Tabel atau Berita Resmi Statistik BPS, di situs BPS atau salinan resminya.",
                               "en": "A BPS table or official statistics release (BRS), on a BPS site or an official copy."},
    "tentang.kind.bps_media": {"id": "Angka BPS sebagaimana dikutip media atau portal pemerintah.",
                               "en": "A BPS figure as quoted by the media or a government portal."},
    "tentang.kind.data_opd": {"id": "Data yang diunggah OPD lewat Kelola Data: hitungan administratif, bukan survei.",
                              "en": "Data an agency uploaded through Manage data: an administrative count, not a survey."},
    "tentang.kind.data_opd_media": {"id": "Hitungan administratif OPD sebagaimana dilaporkan media.",
                                    "en": "An agency's administrative count as the media reported it."},
    "tentang.kind.pernyataan": {"id": "Angka yang disebut pejabat (bupati, kepala dinas atau Bappeda), bukan rilis BPS.",
                                "en": "A figure an official stated (regent, head of an agency or Bappeda), not a BPS release."},
    "tentang.kind.estimasi": {"id": "Diturunkan dari angka yang dipublikasikan; catatannya menyebut caranya.",
                              "en": "Derived from published figures; its note says how."},
    "tentang.kind.belum_terverifikasi": {"id": "Hanya ditemukan di sumber lemah (situs cermin, blog, situs berbagi dokumen).",
                                         "en": "Found only in a weak source (a mirror site, a blog, a document-sharing site)."},
    "tentang.kind.contoh": {"id": "Data buatan untuk peragaan dasbor, bukan data resmi.",
                            "en": "Made-up data to demonstrate the dashboard, not official figures."},
    "tentang.calendar.heading": {"id": "Kapan BPS merilis angka", "en": "When BPS releases figures"},
    "tentang.calendar.intro": {"id": "Pola jadwal rilis yang biasa; tanggal pastinya ada di kalender rilis BPS.",
                               "en": "The usual release pattern; the exact dates are in BPS's release calendar."},
    "tentang.calendar.susenas_maret": {"id": "Kemiskinan Maret (Susenas Maret): dirilis sekitar Juli.",
                                       "en": "March poverty (Susenas March): released around July."},
    "tentang.calendar.susenas_september": {
        "id": "Kemiskinan September (Susenas September): dirilis sekitar Januari tahun berikutnya, untuk provinsi dan "
        "nasional.",
        "en": "September poverty (Susenas September): released around January of the next year, for provinces and the "
        "nation.",
    },
    "tentang.calendar.kabupaten": {
        "id": "Angka kabupaten (termasuk Kutai Timur): setahun sekali, dari Susenas Maret.",
        "en": "Regency figures (Kutai Timur's included): once a year, from Susenas March.",
    },
    "tentang.calendar.ipm": {"id": "IPM: dirilis sekitar November–Desember.",
                             "en": "HDI (IPM): released around November–December."},
    "tentang.calendar.tpt": {"id": "TPT: dari Sakernas Agustus, dirilis sekitar November.",
                             "en": "Unemployment (TPT): from Sakernas August, released around November."},
    "tentang.licence.heading": {"id": "Batas wilayah dan data contoh", "en": "Boundaries and demo data"},
    "tentang.licence.text": {
        "id": "Batas wilayah: [cahyadsn/wilayah_boundaries](https://github.com/cahyadsn/wilayah_boundaries), lisensi "
        "MIT, hak cipta (c) 2024 Cahya DSN. Kode dan nama mengikuti Kepmendagri No 300.2.2-2430 Tahun 2025. "
        "Poligonnya sudah disederhanakan oleh sumbernya, jadi batas kecamatan dan desa tidak selalu berimpit.",
        "en": "Boundaries: [cahyadsn/wilayah_boundaries](https://github.com/cahyadsn/wilayah_boundaries), MIT licence, "
        "copyright (c) 2024 Cahya DSN. Codes and names follow Kepmendagri No 300.2.2-2430 of 2025. The source "
        "simplified its polygons, so kecamatan and desa borders do not always line up.",
    },
    "tentang.demo.text": {
        "id": "Yang merupakan data contoh: penduduk dan rumah tangga tiap desa, pembagian rumah tangga ke desil "
        "kesejahteraan, serta penerima dan anggaran program per desa dan desil. Angka itu dibuat oleh skrip dan "
        "dikalibrasi ke jumlah kabupaten yang dipublikasikan (penduduk miskin BPS dan jumlah penerima di tabel "
        "dualisme data di atas); desil 1 disamakan dengan penduduk miskin BPS, sebuah penyederhanaan. Jangan "
        "mengutip angka desa atau kecamatan sebagai fakta: OPD menggantinya dengan data mereka lewat Kelola Data. "
        "Angka BPS dan jumlah penerima tanpa desil adalah angka yang dipublikasikan, masing-masing dengan sumbernya.",
        "en": "What is demo data: each desa's population and households, the split of households into welfare "
        "deciles, and programme recipients and budgets per desa and decile. A script made them, calibrated to the "
        "published regency totals (BPS's poor people and the recipient counts in the table above); decile 1 is "
        "equated with BPS's poor, a simplification. Do not quote desa or kecamatan figures as facts: agencies "
        "replace them with their own data through Manage data. BPS figures and recipient counts without deciles are "
        "published figures, each with its source.",
    },
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
    # Ringkasan
    "ringkasan.heading": {"id": "Ringkasan indikator Kutai Timur", "en": "Kutai Timur at a glance"},
    "ringkasan.versus": {"id": "dibanding {previous}", "en": "versus {previous}"},
    "ringkasan.no_previous": {"id": "tidak ada periode sebelumnya", "en": "no earlier period"},
    "ringkasan.method_break": {
        "id": "metode berubah sejak {year}: tidak dibandingkan dengan {previous}",
        "en": "method changed in {year}: not compared with {previous}",
    },
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
    # Ringkasan's first screen: card comparisons and target chips, the "Perlu perhatian" block
    "ringkasan.peer.64": {"id": "Kaltim", "en": "Kaltim"},
    "ringkasan.peer.ID": {"id": "Indonesia", "en": "Indonesia"},
    "ringkasan.peers_none": {"id": "Kaltim, Indonesia: belum ada angka {year}",
                             "en": "Kaltim, Indonesia: no figure for {year}"},
    "ringkasan.chip": {"id": "{whose} {year}: {value}", "en": "{whose} {year}: {value}"},
    "ringkasan.chip_unjudged": {"id": "{whose} {year}: {value} · belum dinilai",
                                "en": "{whose} {year}: {value} · not judged yet"},
    "ringkasan.chip_met": {"id": "{whose} {year}: {value} · tercapai", "en": "{whose} {year}: {value} · met"},
    "ringkasan.chip_missed": {"id": "{whose} {year}: {value} · belum tercapai ({gap})",
                              "en": "{whose} {year}: {value} · not met ({gap})"},
    "ringkasan.chip_ahead": {"id": "{whose} {year}: {value} · jarak {gap}", "en": "{whose} {year}: {value} · {gap} to go"},
    "ringkasan.chip_none": {"id": "Belum ada target Kutim", "en": "No Kutim target yet"},
    "ringkasan.trend_column": {"id": "Tren Kutai Timur", "en": "Kutai Timur trend"},
    "ringkasan.attention_heading": {"id": "Perlu perhatian · {year}", "en": "Needs attention · {year}"},
    "ringkasan.attention_areas": {"id": "Rumah tangga desil 1–2 tertinggi:", "en": "Most households in deciles 1–2:"},
    "ringkasan.attention_area": {"id": "{name} {value}", "en": "{name} {value}"},
    "ringkasan.attention_gap": {"id": "Eksklusi terbesar:", "en": "Largest exclusion:"},
    "ringkasan.attention_programme": {"id": "{programme}: {count} sasaran belum menerima",
                                      "en": "{programme}: {count} targets not reached"},
    "ringkasan.attention_no_gap": {"id": "Setiap program menjangkau semua rumah tangga sasarannya.",
                                   "en": "Every programme reaches all its target households."},
    # The public mode's rounding in one short line in the block; the whole rule (cakupan.suppressed_note) as its tooltip.
    "ringkasan.rounding_short": {"id": "Versi publik: jumlah dibulatkan ke kelipatan {k}",
                                 "en": "Public version: counts rounded to multiples of {k}"},
    # Targets
    "target.none": {
        "id": "Belum ada target Kutai Timur untuk indikator ini (target RPJMD dimasukkan oleh staf sebagai data).",
        "en": "No Kutai Timur target for this indicator yet (RPJMD targets are entered by staff as data).",
    },
    "target.national": {"id": "Target nasional {year} ({document}): {value}", "en": "National target {year} ({document}): {value}"},
    "target.unjudged": {
        "id": "{whose} {year} ({document}): {value} — belum dapat dinilai: angka terakhir hanya {kind}",
        "en": "{whose} {year} ({document}): {value} — cannot be judged yet: the latest figure is only {kind}",
    },
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
    "tren.conflict_legend": {
        "id": "◆ pada garis: sumber lain melaporkan angka berbeda untuk periode itu (kedua angka dan sumbernya "
              "tampil saat kursor di atas titik; semua sumber di halaman Tentang data).",
        "en": "◆ on a line: another source reports a different figure for that period (both figures and their sources "
              "show on hover; every source on the About the data page).",
    },
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
    "peta.darker_worse_short": {"id": "lebih gelap = lebih buruk", "en": "darker = worse"},
    "peta.darker_higher": {"id": "lebih gelap = nilai lebih tinggi", "en": "darker = higher"},
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
    # Cakupan's per-area table on screen: short headers (the full name in the header's tooltip)
    "cakupan.short.households": {"id": "Sasaran", "en": "Target"},
    "cakupan.short.reached": {"id": "Menerima", "en": "Reached"},
    "cakupan.short.coverage": {"id": "Cakupan", "en": "Coverage"},
    "cakupan.short.excluded": {"id": "Eksklusi", "en": "Exclusion"},
    "cakupan.short.included": {"id": "Inklusi", "en": "Inclusion"},
    "cakupan.short.recipients": {"id": "Semua penerima", "en": "All recipients"},
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
        "id": "Kode Kemendagri {code} · Batas wilayah: cahyadsn/wilayah_boundaries (MIT). "
        "Desil: peringkat kesejahteraan rumah tangga (DTSEN), desil 1 = 10 % termiskin.",
        "en": "Kemendagri code {code} · Boundaries: cahyadsn/wilayah_boundaries (MIT). "
        "Deciles: household welfare rank (DTSEN), decile 1 = poorest 10 %.",
    },
    "profil.open": {"id": "Buka profil {name}", "en": "Open the profile of {name}"},
    "profil.download": {"id": "Unduh profil (HTML)", "en": "Download profile (HTML)"},
    "profil.print_hint": {
        "id": "Untuk PDF: cetak halaman ini (Ctrl+P) ke A4 — menu, tombol dan pilihan tidak ikut tercetak.",
        "en": "For a PDF: print this page (Ctrl+P) on A4 — menus, buttons and pickers are left out.",
    },
    "profil.kutim": {"id": "Kutim: {value}", "en": "Kutim: {value}"},
    "profil.kutim_coverage": {"id": "Cakupan Kutim", "en": "Kutim coverage"},
    "profil.trend": {"id": "Tren cakupan {years}", "en": "Coverage trend {years}"},
    "profil.trend_alt": {"id": "{measure}: {first} ({first_year}) → {last} ({last_year})",
                         "en": "{measure}: {first} ({first_year}) → {last} ({last_year})"},
    # Presentasi
    "page.presentasi": {"id": "Presentasi", "en": "Presentation"},
    # Slide titles that state the finding (lib.content.findings)
    "finding.subject.persentase_penduduk_miskin_P0": {"id": "Kemiskinan {area}", "en": "Poverty in {area}"},
    "finding.subject.jumlah_penduduk_miskin": {"id": "Penduduk miskin {area}", "en": "Poor people in {area}"},
    "finding.fell": {"id": "{subject} turun ke {value} pada {period}", "en": "{subject} fell to {value} in {period}"},
    "finding.rose": {"id": "{subject} naik ke {value} pada {period}", "en": "{subject} rose to {value} in {period}"},
    "finding.same": {"id": "{subject} tetap {value} pada {period}", "en": "{subject} unchanged at {value} in {period}"},
    "finding.level": {"id": "{subject}: {value} pada {period}", "en": "{subject}: {value} in {period}"},
    "finding.span": {"id": "{subject}: {first} ({first_period}) → {last} ({last_period})",
                     "en": "{subject}: {first} ({first_period}) → {last} ({last_period})"},
    "finding.and": {"id": "{first} dan {last}", "en": "{first} and {last}"},
    "finding.highest": {"id": "{measure} tertinggi di {area} ({value})", "en": "{measure}: highest in {area} ({value})"},
    "finding.lowest": {"id": "{measure} terendah di {area} ({value})", "en": "{measure}: lowest in {area} ({value})"},
    "finding.all_equal": {"id": "{measure} sama di semua wilayah ({value})",
                          "en": "{measure}: the same in every area ({value})"},
    "finding.rank": {"id": "{area} urutan ke-{rank} terburuk dari {count} wilayah ({value})",
                     "en": "{area}: worst {rank} of {count} areas ({value})"},
    "finding.gap": {"id": "{programme}: {total} sasaran belum menerima; terbanyak {area}",
                    "en": "{programme}: {total} targets not reached; most in {area}"},
    "finding.no_gap": {"id": "{programme}: semua rumah tangga sasaran menerima",
                       "en": "{programme}: every target household reached"},
    "finding.lowest_coverage": {"id": "{area}: cakupan terendah pada {programme} ({value})",
                                "en": "{area}: lowest coverage in {programme} ({value})"},
    "finding.all_better": {"id": "Semua {count} kecamatan membaik sejak {start}",
                           "en": "All {count} kecamatan improved since {start}"},
    "finding.none_worse": {"id": "Tidak ada kecamatan yang memburuk sejak {start}",
                           "en": "No kecamatan got worse since {start}"},
    "finding.all_worse": {"id": "Semua {count} kecamatan memburuk sejak {start}",
                          "en": "All {count} kecamatan got worse since {start}"},
    "finding.some_worse": {"id": "{worse} dari {count} kecamatan memburuk sejak {start}",
                           "en": "{worse} of {count} kecamatan got worse since {start}"},
    # Cakupan's figure titles (lib.content.findings)
    "finding.coverage_of": {"id": "Cakupan {programme}", "en": "{programme} coverage"},
    "finding.reach": {"id": "{programme} menjangkau {value} sasaran", "en": "{programme} reaches {value} of its target"},
    "finding.reach_lowest": {"id": "{programme} menjangkau {value} sasaran; terendah di {area} ({low})",
                             "en": "{programme} reaches {value} of its target; lowest in {area} ({low})"},
    "finding.exclusion_top": {"id": "Eksklusi {programme} terbesar di {area}: {count} rumah tangga",
                              "en": "Largest {programme} exclusion in {area}: {count} households"},
    "finding.exclusion_tied": {"id": "Eksklusi {programme} terbesar di {area}: masing-masing {count} rumah tangga",
                               "en": "Largest {programme} exclusion in {area}: {count} households each"},
    "finding.exclusion_in": {"id": "Eksklusi {programme} di {area}: {count} rumah tangga",
                             "en": "{programme} exclusion in {area}: {count} households"},
    "finding.decile_spread": {"id": "{subject} tertinggi di desil {high} ({high_value}), terendah di desil {low} "
                                    "({low_value})",
                              "en": "{subject}: highest in decile {high} ({high_value}), lowest in decile {low} "
                                    "({low_value})"},
    "finding.decile_equal": {"id": "{subject} sama di semua desil ({value})",
                             "en": "{subject}: the same in every decile ({value})"},
    "finding.decile_one": {"id": "{subject} di desil {decile}: {value}", "en": "{subject} in decile {decile}: {value}"},
    "finding.areas_count": {"id": "{count} wilayah", "en": "{count} areas"},
    "slide.screen": {"id": "Tinggi layar proyektor", "en": "Projector screen height"},
    "slide.screen_help": {
        "id": "Slide diatur untuk tinggi layar ini: gambar utama mengisi 80 % tinggi, teks sedikitnya 26 px.",
        "en": "Slides are laid out for this screen height: the main visual fills 80 % of it, text is 26 px or more.",
    },
    "slide.screen.720": {"id": "720 px (1280×720)", "en": "720 px (1280×720)"},
    "slide.screen.768": {"id": "768 px (1024×768)", "en": "768 px (1024×768)"},
    "slide.screen.800": {"id": "800 px (1280×800)", "en": "800 px (1280×800)"},
    "slide.screen.900": {"id": "900 px (1600×900)", "en": "900 px (1600×900)"},
    "slide.screen.1080": {"id": "1080 px (1920×1080)", "en": "1080 px (1920×1080)"},
    "slide.screen.1200": {"id": "1200 px (1920×1200)", "en": "1200 px (1920×1200)"},
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
    "slide.coverage_axis": {"id": "Rumah tangga sasaran yang menerima (%)", "en": "Target households reached (%)"},
    "slide.change_axis": {"id": "Perubahan ({unit})", "en": "Change ({unit})"},
    "slide.kind.tindak_lanjut": {"id": "Tindak lanjut rakor sebelumnya", "en": "Follow-up of the last meeting"},
    "slide.kind.prioritas_tanpa_aksi": {"id": "Wilayah prioritas tanpa aksi", "en": "Priority areas without a step"},
    "slide.aksi.late": {"id": "Rakor {date}: {late} dari {n} langkah terlambat",
                        "en": "Meeting of {date}: {late} of {n} steps overdue"},
    "slide.aksi.none_late": {"id": "Rakor {date}: tidak ada langkah yang terlambat",
                             "en": "Meeting of {date}: no step overdue"},
    "slide.aksi.all_late": {"id": "Rakor {date}: semua {n} langkah terlambat",
                            "en": "Meeting of {date}: all {n} steps overdue"},
    "slide.aksi.all_done": {"id": "Rakor {date}: semua {n} langkah selesai",
                            "en": "Meeting of {date}: all {n} steps done"},
    "slide.aksi.all_cancelled": {"id": "Rakor {date}: semua langkah dibatalkan",
                                 "en": "Meeting of {date}: every step cancelled"},
    "slide.aksi.status_on": {"id": "Status per {date}", "en": "Status as of {date}"},
    "slide.aksi.due": {"id": "tenggat {date}", "en": "due {date}"},
    "slide.aksi.late_by": {"id": "Terlambat {n} hari", "en": "{n} days overdue"},
    "slide.aksi.more": {"id": "+ {n} langkah lain ({statuses})", "en": "+ {n} more steps ({statuses})"},
    "slide.aksi.no_steps": {"id": "Belum ada rakor sebelumnya yang mencatat langkah.",
                            "en": "No earlier meeting has recorded steps yet."},
    "slide.aksi.without_step": {"id": "{n} {level} prioritas belum punya langkah",
                                "en": "{n} priority {level} without a step"},
    "slide.aksi.without_step_named": {"id": "{n} {level} prioritas belum punya langkah: {names}",
                                      "en": "{n} priority {level} without a step: {names}"},
    "slide.aksi.all_reached": {"id": "Semua {level} prioritas sudah punya langkah",
                               "en": "Every priority {level} has a step"},
    "slide.aksi.no_priority": {"id": "Tidak ada.", "en": "None."},
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
    "col.other_reports": {"id": "Laporan lain (sumber, jenis, angka)", "en": "Other reports (source, kind, value)"},
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
    # Data truth on Cakupan, Peta and Profil: published counts beside demo estimates, provenance in files and pictures
    "col.data_contoh": {"id": "Data contoh", "en": "Demo data"},
    "col.angka_terbit": {"id": "Angka terbit", "en": "Published count"},
    "col.angka_terbit_sumber": {"id": "Sumber angka terbit", "en": "Source of published count"},
    "col.angka_terbit_jenis": {"id": "Jenis angka terbit", "en": "Kind of published count"},
    "col.ukuran": {"id": "Ukuran", "en": "Measure"},
    "published.heading": {"id": "Angka terbit", "en": "Published count"},
    "published.metric": {"id": "Angka terbit {programme} {year}", "en": "Published count {programme} {year}"},
    "published.note": {
        "id": "Angka yang dipublikasikan tanpa rincian desil, di tingkatnya sendiri: bukan data contoh, tidak "
              "dibulatkan dan tidak dijumlahkan dengan perkiraan di bawah.",
        "en": "A count published without deciles, at its own level: not demo data, not rounded and never added to "
              "the estimates below.",
    },
    "cakupan.estimate": {"id": "Perkiraan dari data desa per desil", "en": "Estimate from village data by decile"},
    "figure.subtitle": {"id": "{area}, {period}", "en": "{area}, {period}"},
    "figure.kutim_kecamatan": {"id": "Kecamatan di Kutai Timur", "en": "Kecamatan of Kutai Timur"},
    "figure.desa_of": {"id": "Desa di {area}", "en": "Villages of {area}"},
    "figure.kaltim": {"id": "Kabupaten/kota di Kalimantan Timur", "en": "Regencies of Kalimantan Timur"},
    "profil.published": {"id": "Angka terbit {area} dan Kutai Timur", "en": "Published counts: {area} and Kutai Timur"},
    "profil.population_published": {"id": "jiwa (angka terbit, {kind})", "en": "people (published, {kind})"},
    "profil.population_of_desa": {"id": "jiwa (jumlah desa, {kind})", "en": "people (sum of villages, {kind})"},
    "profil.households_published": {"id": "rumah tangga (angka terbit, {kind})", "en": "households (published, {kind})"},
    "profil.households_of_desa": {"id": "rumah tangga (jumlah desa, {kind})",
                                  "en": "households (sum of villages, {kind})"},
    # Recaps of recipients per desa without deciles (issue 14): coverage of all households, never targeting
    "recap.heading": {"id": "Rekap penerima per desa (tanpa desil): {programme} {year}",
                      "en": "Recap of recipients per village (no deciles): {programme} {year}"},
    "recap.recipients": {"id": "Penerima (jumlah rekap desa)", "en": "Recipients (sum of village recaps)"},
    "recap.money": {"id": "Bantuan tersalur (rekap desa)", "en": "Assistance paid (village recaps)"},
    "recap.households": {"id": "Semua rumah tangga {year}", "en": "All households {year}"},
    "recap.coverage": {"id": "Cakupan dari semua rumah tangga", "en": "Coverage of all households"},
    "recap.note": {
        "id": "Cakupan dari semua rumah tangga, tanpa data desil: bukan ukuran ketepatan sasaran (eksklusi dan inklusi "
              "perlu data desil).",
        "en": "Coverage of all households, no decile data: not a targeting measure (exclusion and inclusion need "
              "decile data).",
    },
    "recap.desa": {"id": "{desa} desa dalam rekap; desa lain di kecamatan yang sama dihitung 0 penerima.",
                   "en": "{desa} villages in the recap; other villages of the same kecamatan count as 0 recipients."},
    "recap.other_year": {"id": "Rumah tangga tahun {households_year}, tahun terdekat dengan {year} yang ada datanya.",
                         "en": "Households of {households_year}, the nearest year to {year} with data."},
    "recap.beside_published": {
        "id": "Jumlah rekap desa tampil di samping angka terbit wilayah ini dan tidak dijumlahkan dengannya.",
        "en": "The sum of village recaps is shown beside this area's published count, never added to it.",
    },
    "recap.needs_deciles": {
        "id": "Belum ada data desil {programme} {year}: cakupan sasaran, eksklusi dan inklusi perlu data desil.",
        "en": "No decile data for {programme} {year}: coverage of target, exclusion and inclusion need decile data.",
    },
    "measure.cakupan_semua": {"id": "Cakupan {programme} dari semua rumah tangga (tanpa data desil)",
                              "en": "{programme} coverage of all households (no decile data)"},
    "peta.recap_fallback": {
        "id": "Belum ada data desil {programme} {year}: peta ini menunjukkan cakupan dari semua rumah tangga menurut "
              "rekap penerima per desa, bukan ukuran ketepatan sasaran.",
        "en": "No decile data for {programme} {year}: this map shows coverage of all households from the recap of "
              "recipients per village, not a targeting measure.",
    },
    "profil.recaps": {"id": "Rekap penerima per desa (tanpa desil): {area}",
                      "en": "Recaps of recipients per village (no deciles): {area}"},
    # Rencana Aksi: statuses, kinds of responsible party, funding sources (ids of lib/core/actions.py)
    "aksi.status.direncanakan": {"id": "Direncanakan", "en": "Planned"},
    "aksi.status.berjalan": {"id": "Berjalan", "en": "Under way"},
    "aksi.status.selesai": {"id": "Selesai", "en": "Done"},
    "aksi.status.terlambat": {"id": "Terlambat", "en": "Overdue"},
    "aksi.status.dibatalkan": {"id": "Dibatalkan", "en": "Cancelled"},
    "aksi.party.opd": {"id": "OPD", "en": "Regency agency (OPD)"},
    "aksi.party.perusahaan": {"id": "Perusahaan/CSR", "en": "Company/CSR"},
    "aksi.party.ormas": {"id": "ORMAS", "en": "Civil society organisation"},
    "aksi.party.mitra_pembangunan": {"id": "Mitra pembangunan", "en": "Development partner"},
    "aksi.party.pemerintah_desa": {"id": "Pemerintah desa", "en": "Village government"},
    "aksi.party.instansi_vertikal": {"id": "Instansi vertikal", "en": "Central government agency"},
    "aksi.party.akademisi": {"id": "Akademisi", "en": "Academia"},
    "aksi.fund.apbd": {"id": "APBD", "en": "Regency budget (APBD)"},
    "aksi.fund.apbdes_dd": {"id": "APBDes/Dana Desa", "en": "Village budget/Village Fund"},
    "aksi.fund.apbn": {"id": "APBN", "en": "National budget (APBN)"},
    "aksi.fund.csr": {"id": "CSR", "en": "CSR"},
    "aksi.fund.lainnya": {"id": "Lainnya", "en": "Other"},
    # Kelola Rencana Aksi (views/aksi_kelola.py, lib/ingest/actions.py): the staff entry page and its template.
    "aksi_kelola.page": {"id": "Kelola Rencana Aksi", "en": "Manage action plan"},
    "aksi_kelola.public": {"id": "Kelola Rencana Aksi tidak tersedia pada versi publik.",
                           "en": "Managing the action plan is not available in the public version."},
    "aksi_kelola.intro": {"id": "Catat keputusan rakor selagi rapat berjalan: rakor, langkah konkrit (siapa, apa, di "
                                "mana, kapan), perubahan langkah dan laporan kemajuannya. Setiap simpan menjadi rilis "
                                "baru yang tampil di halaman Rencana Aksi dan slide dalam 15 detik.",
                          "en": "Record what the meeting decides while it runs: meetings, concrete steps (who, what, "
                                "where, by when), changes to steps and their progress. Every save is a new release "
                                "shown on the Action plan page and the slides within 15 seconds."},
    "aksi_kelola.signed_in": {"id": "Masuk sebagai **{user}**", "en": "Signed in as **{user}**"},
    "aksi_kelola.log_out": {"id": "Keluar", "en": "Sign out"},
    "aksi_kelola.demo_warning": {
        "id": "Yang tercatat sekarang adalah **contoh**. Simpan pertama yang nyata (rakor, langkah atau impor) "
              "menghapus semua rakor, langkah dan kemajuan contoh; contohnya tetap ada di riwayat rilis.",
        "en": "What is recorded now is a **demo**. The first real save (a meeting, a step or an import) removes every "
              "demo meeting, step and progress report; the demo stays in the release history."},
    "aksi_kelola.tab.rakor": {"id": "Rakor", "en": "Meeting"},
    "aksi_kelola.tab.step": {"id": "Langkah baru", "en": "New step"},
    "aksi_kelola.tab.edit": {"id": "Ubah langkah", "en": "Edit a step"},
    "aksi_kelola.tab.progress": {"id": "Laporan kemajuan", "en": "Progress report"},
    "aksi_kelola.tab.batch": {"id": "Impor Excel", "en": "Excel import"},
    "aksi_kelola.tab.history": {"id": "Riwayat perubahan", "en": "Change log"},
    "aksi_kelola.submit.rakor": {"id": "Simpan rakor", "en": "Save meeting"},
    "aksi_kelola.submit.step": {"id": "Simpan langkah", "en": "Save step"},
    "aksi_kelola.submit.edit": {"id": "Simpan perubahan", "en": "Save changes"},
    "aksi_kelola.submit.progress": {"id": "Simpan laporan", "en": "Save report"},
    "aksi_kelola.submit.batch": {"id": "Terbitkan {count} baris", "en": "Publish {count} rows"},
    "aksi_kelola.problems": {"id": "Belum disimpan: perbaiki {count} masalah berikut.",
                             "en": "Not saved: fix the {count} problems below (described in Indonesian)."},
    "aksi_kelola.saved": {"id": "Tersimpan sebagai rilis {release}: {what}.", "en": "Saved as release {release}: {what}."},
    "aksi_kelola.no_change": {"id": "Tidak ada yang berubah: semua isian sama dengan yang tercatat.",
                              "en": "Nothing changed: every field is as recorded."},
    "aksi_kelola.gone": {"id": "Tidak tersimpan: {what} sudah tidak ada (mungkin diubah staf lain). Pilih lagi.",
                         "en": "Not saved: {what} no longer exists (another staff member may have changed it). "
                               "Choose again."},
    "aksi_kelola.no_rakor": {"id": "(tanpa rakor)", "en": "(no meeting)"},
    "aksi_kelola.none": {"id": "(tidak ada)", "en": "(none)"},
    "aksi_kelola.choose": {"id": "Pilih…", "en": "Choose…"},
    "aksi_kelola.area_placeholder": {"id": "Ketik nama atau kode…", "en": "Type a name or a code…"},
    "aksi_kelola.no_steps": {"id": "Belum ada langkah nyata yang tercatat: tambahkan di tab Langkah baru.",
                             "en": "No real step recorded yet: add one in the New step tab."},
    "aksi_kelola.pick_step": {"id": "Langkah", "en": "Step"},
    "aksi_kelola.help.area": {"id": "Cari nama atau kode kecamatan/desa; boleh lebih dari satu. Nama yang diketik "
                                    "sendiri dicocokkan seperti unggahan.",
                              "en": "Search district/village names or codes; several allowed. A name typed in is "
                                    "matched as uploads are."},
    "aksi_kelola.help.amount": {"id": "Misalnya Rp150.000.000 atau 150 juta.", "en": "For example Rp150.000.000 or "
                                                                                      "150 juta."},
    "aksi_kelola.help.institution": {"id": "Nama lembaga, bukan nama orang: halaman publik menampilkannya.",
                                     "en": "An institution, never a person: the public page shows it."},
    "aksi_kelola.help.position": {"id": "Jabatan, bukan nama orang: halaman publik menampilkannya.",
                                  "en": "A position, never a person's name: the public page shows it."},
    "aksi_kelola.template": {"id": "Unduh templat Excel", "en": "Download the Excel template"},
    "aksi_kelola.template_help": {
        "id": "Isi lembar rakor, langkah dan kemajuan di bawah baris contoh (baris contoh dilewati saat impor); "
              "lembar petunjuk menjelaskan kolom dan pilihan yang diterima.",
        "en": "Fill in the sheets rakor, langkah and kemajuan below the example row (example rows are skipped); the "
              "sheet petunjuk explains the columns and the accepted choices."},
    "aksi_kelola.upload": {"id": "Templat yang sudah diisi (.xlsx)", "en": "The filled-in template (.xlsx)"},
    "aksi_kelola.batch_problems": {"id": "Tidak ada yang diterbitkan: perbaiki {count} masalah di berkas, lalu unggah "
                                         "ulang.",
                                   "en": "Nothing was published: fix the {count} problems in the file (described in "
                                         "Indonesian), then upload it again."},
    "aksi_kelola.preview": {"id": "Akan ditambahkan: {rakor} rakor, {steps} langkah, {progress} laporan kemajuan.",
                            "en": "To be added: {rakor} meetings, {steps} steps, {progress} progress reports."},
    "aksi_kelola.history_empty": {"id": "Belum ada perubahan yang tercatat.", "en": "No change recorded yet."},
    "aksi_kelola.preview_new_rakor": {"id": "rakor baru ke-{number}", "en": "new meeting no. {number}"},
    "aksi_kelola.audit.new": {"id": "{table} {code} ditambahkan", "en": "{table} {code} added"},
    "aksi_kelola.audit.edit": {"id": "{table} {code} diubah ({fields})", "en": "{table} {code} changed ({fields})"},
    "aksi_kelola.table.rakor": {"id": "rakor", "en": "meeting"},
    "aksi_kelola.table.aksi": {"id": "langkah", "en": "step"},
    "aksi_kelola.table.kemajuan": {"id": "laporan kemajuan langkah", "en": "progress report of step"},
    "aksi_kelola.col.when": {"id": "Waktu (WITA)", "en": "Time (WITA)"},
    "aksi_kelola.col.who": {"id": "Oleh", "en": "By"},
    "aksi_kelola.col.what": {"id": "Perubahan", "en": "Change"},
    "aksi_kelola.field.rakor.tanggal": {"id": "Tanggal rakor", "en": "Meeting date"},
    "aksi_kelola.field.rakor.tempat": {"id": "Tempat", "en": "Place"},
    "aksi_kelola.field.rakor.pimpinan": {"id": "Pimpinan rakor", "en": "Chaired by"},
    "aksi_kelola.field.rakor.agenda": {"id": "Agenda", "en": "Agenda"},
    "aksi_kelola.field.langkah.rakor": {"id": "Rakor (kode atau tanggal)", "en": "Meeting (code or date)"},
    "aksi_kelola.field.langkah.judul": {"id": "Langkah", "en": "Step"},
    "aksi_kelola.field.langkah.masalah": {"id": "Masalah yang dijawab", "en": "Problem it answers"},
    "aksi_kelola.field.langkah.ukuran": {"id": "Ukuran di peta", "en": "Map measure"},
    "aksi_kelola.field.langkah.program": {"id": "Program", "en": "Programme"},
    "aksi_kelola.field.langkah.pelaksana": {"id": "Pelaksana (lembaga)", "en": "Responsible institution"},
    "aksi_kelola.field.langkah.jenis_pelaksana": {"id": "Jenis pelaksana", "en": "Kind of party"},
    "aksi_kelola.field.langkah.mitra": {"id": "Mitra", "en": "Partners"},
    "aksi_kelola.field.langkah.wilayah": {"id": "Wilayah (kecamatan/desa)", "en": "Areas (districts/villages)"},
    "aksi_kelola.field.langkah.indikator": {"id": "Indikator target", "en": "Target indicator"},
    "aksi_kelola.field.langkah.nilai_target": {"id": "Nilai target", "en": "Target value"},
    "aksi_kelola.field.langkah.mulai": {"id": "Mulai", "en": "Start"},
    "aksi_kelola.field.langkah.tenggat": {"id": "Tenggat", "en": "Due"},
    "aksi_kelola.field.langkah.anggaran_rp": {"id": "Anggaran (Rp)", "en": "Budget (Rp)"},
    "aksi_kelola.field.langkah.sumber_dana": {"id": "Sumber dana", "en": "Funding source"},
    "aksi_kelola.field.kemajuan.aksi": {"id": "Kode langkah", "en": "Step code"},
    "aksi_kelola.field.kemajuan.tanggal": {"id": "Tanggal laporan", "en": "Report date"},
    "aksi_kelola.field.kemajuan.status": {"id": "Status", "en": "Status"},
    "aksi_kelola.field.kemajuan.uraian": {"id": "Yang sudah dikerjakan", "en": "What was done"},
    "aksi_kelola.field.kemajuan.bukti": {"id": "Bukti (tautan atau catatan)", "en": "Evidence (link or note)"},
    "aksi_kelola.field.kemajuan.pelapor": {"id": "Pelapor (lembaga)", "en": "Reported by (institution)"},
    "aksi_kelola.guide.1": {"id": "Templat Rencana Aksi: isi lembar rakor, langkah dan kemajuan mulai baris 3 (baris 2 "
                                  "adalah contoh dan dilewati saat impor). Lembar yang tidak dipakai boleh kosong.",
                            "en": "Action plan template: fill in the sheets rakor, langkah and kemajuan from row 3 "
                                  "(row 2 is an example, skipped on import). Unused sheets may stay empty."},
    "aksi_kelola.guide.2": {"id": "Wajib diisi: rakor: tanggal, tempat, pimpinan; langkah: langkah, masalah, pelaksana, "
                                  "jenis pelaksana, wilayah, mulai, tenggat; kemajuan: kode langkah, tanggal, status, "
                                  "yang sudah dikerjakan, pelapor.",
                            "en": "Required: rakor: date, place, chair; langkah: step, problem, institution, kind, "
                                  "areas, start, due; kemajuan: step code, date, status, what was done, reporter."},
    "aksi_kelola.guide.3": {"id": "Tanggal: sel tanggal Excel, 31/12/2026 atau 2026-12-31. Tenggat tidak boleh sebelum "
                                  "tanggal mulai. Anggaran: 150000000, Rp150.000.000 atau 150 juta.",
                            "en": "Dates: an Excel date cell, 31/12/2026 or 2026-12-31. The due date may not be before "
                                  "the start. Budget: 150000000, Rp150.000.000 or 150 juta."},
    "aksi_kelola.guide.4": {"id": "Wilayah: nama atau kode Kemendagri kecamatan/desa, beberapa dipisah ; atau , "
                                  "(misalnya: Kec. Sangatta Utara; 64.08.15). Nama kecamatan yang sama dengan nama desa "
                                  "ditulis dengan 'Kec.' atau 'Desa' di depannya.",
                            "en": "Areas: names or Kemendagri codes of districts/villages, several separated by ; or , "
                                  "(for example: Kec. Sangatta Utara; 64.08.15). A district named like one of its "
                                  "villages takes 'Kec.' or 'Desa' in front."},
    "aksi_kelola.guide.5": {"id": "Rakor sebuah langkah: kode rakor yang sudah tercatat (R-001) atau tanggal rakor, "
                                  "termasuk rakor yang ditambahkan di lembar rakor berkas ini.",
                            "en": "A step's meeting: the code of a recorded meeting (R-001) or its date, including a "
                                  "meeting added in this file's rakor sheet."},
    "aksi_kelola.guide.6": {"id": "Jenis pelaksana, sumber dana, status, ukuran dan program: pilih dari daftar di "
                                  "kanan (atau ketik kodenya). Pelaksana dan pelapor adalah lembaga, bukan nama orang.",
                            "en": "Kind of party, funding source, status, measure and programme: pick from the lists "
                                  "on the right (or type the code). Institutions only, never a person's name."},
    "aksi_kelola.guide.7": {"id": "Kemajuan hanya untuk langkah yang sudah tercatat (kode A-…). Satu baris rusak "
                                  "membatalkan seluruh impor: semua masalah ditampilkan sekaligus.",
                            "en": "Progress only for steps already recorded (codes A-…). One broken row stops the "
                                  "whole import: every problem is listed at once."},
    # Rencana Aksi: the map of steps over a need measure
    "aksi.map.without_step": {"id": "Prioritas tanpa aksi", "en": "Priority area without a step"},
    "aksi.map.high_need": {"id": "Prioritas, ada aksi", "en": "Priority area with a step"},
    "aksi.map.steps": {"id": "Aksi (besar lingkaran = jumlah)", "en": "Steps (circle size = number)"},
    "aksi.map.step_count": {"id": "{n} aksi", "en": "{n} step(s)"},
    "aksi.col.steps": {"id": "Jumlah aksi", "en": "Steps"},
    "aksi.col.priority": {"id": "Prioritas", "en": "Priority"},
    # Rencana Aksi page
    "page.aksi": {"id": "Rencana Aksi", "en": "Action Plan"},
    "aksi.heading": {"id": "Rencana Aksi penanggulangan kemiskinan", "en": "Poverty-reduction action plan"},
    "aksi.intro": {
        "id": "Langkah konkrit yang disepakati rakor TKPK: siapa mengerjakan apa, di mana, sampai kapan, dan "
              "kemajuannya. Langkah yang lewat tenggat dan belum selesai berstatus terlambat.",
        "en": "The concrete steps the TKPK coordination meetings agreed: who does what, where, by when, and how far "
              "they got. A step past its due date and not done is overdue.",
    },
    "aksi.metric.total": {"id": "Jumlah aksi", "en": "Steps"},
    "aksi.by_party": {"id": "Menurut jenis pelaksana:", "en": "By kind of responsible party:"},
    "aksi.filter.party": {"id": "Pelaksana", "en": "Responsible party"},
    "aksi.filter.kind": {"id": "Jenis pelaksana", "en": "Kind of party"},
    "aksi.filter.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "aksi.filter.status": {"id": "Status", "en": "Status"},
    "aksi.filter.rakor": {"id": "Rakor", "en": "Meeting (rakor)"},
    "aksi.filter.late": {"id": "Tenggat", "en": "Due date"},
    "aksi.filter.late_option": {"id": "Hanya yang terlambat", "en": "Overdue only"},
    "aksi.filter.all": {"id": "Semua", "en": "All"},
    "aksi.shown": {"id": "{shown} dari {total} aksi, yang terlambat di atas.",
                   "en": "{shown} of {total} steps, overdue ones first."},
    "aksi.download_csv": {"id": "Unduh CSV untuk notulen", "en": "Download CSV for the minutes"},
    "aksi.download_xlsx": {"id": "Unduh Excel untuk notulen", "en": "Download Excel for the minutes"},
    "aksi.detail": {"id": "Rincian dan riwayat aksi", "en": "Step details and history"},
    "aksi.progress": {"id": "Laporan kemajuan (terbaru di atas)", "en": "Progress reports (newest first)"},
    "aksi.no_progress": {"id": "Belum ada laporan kemajuan.", "en": "No progress report yet."},
    "aksi.changes": {"id": "Riwayat perubahan", "en": "Change history"},
    "aksi.changes_internal": {"id": "Versi internal: dengan akun staf yang mengubah.",
                              "en": "Internal version: with the staff account that made each change."},
    "aksi.changes_public": {"id": "Nama staf yang mengubah tidak ditampilkan di versi publik.",
                            "en": "The public version does not show who on the staff made a change."},
    "aksi.no_changes": {"id": "Belum ada perubahan tercatat sejak aksi ini dicatat.",
                        "en": "No change recorded since this step was recorded."},
    "aksi.change.created": {"id": "Aksi dicatat", "en": "Step recorded"},
    "aksi.change.report": {"id": "Laporan kemajuan ditambahkan ({status})", "en": "Progress report added ({status})"},
    "aksi.link.peta": {"id": "Lihat di peta: {measure}, {area}", "en": "See on the map: {measure}, {area}"},
    "aksi.link.kutim": {"id": "semua kecamatan", "en": "every kecamatan"},
    "aksi.link.cakupan": {"id": "Lihat cakupan {programme}", "en": "See {programme} coverage"},
    "aksi.chart.heading": {"id": "Aksi per jenis pelaksana dan status", "en": "Steps by kind of party and status"},
    "aksi.map.heading": {"id": "Wilayah prioritas tanpa aksi", "en": "Priority areas without a step"},
    "aksi.map.title": {"id": "{n} {level} prioritas tanpa aksi: {names}", "en": "{n} priority {level} without a step: {names}"},
    "aksi.map.title_none": {"id": "Setiap {level} prioritas dijangkau aksi", "en": "Every priority {level} has a step"},
    "aksi.map.more": {"id": "{names} dan {n} lainnya", "en": "{names} and {n} more"},
    "aksi.map.note": {
        "id": "Prioritas: seperlima wilayah dengan kebutuhan terbesar menurut ukuran ini. Garis tebal hitam dan "
              "cincin hitam: prioritas yang belum dijangkau aksi mana pun. Aksi di kecamatan menjangkau desanya, aksi "
              "di desa menjangkau kecamatannya; aksi yang dibatalkan tidak dihitung. Peta memuat semua aksi, apa pun "
              "saringan daftar di atas.",
        "en": "Priority: the fifth of the areas with the greatest need by this measure. Thick black outline and black "
              "ring: a priority area no step reaches. A step in a kecamatan reaches its villages, a step in a village "
              "its kecamatan; cancelled steps do not count. The map holds every step, whatever the list's filters.",
    },
    "aksi.map.table": {"id": "Tabel peta aksi", "en": "Map table"},
    "aksi.level.kecamatan": {"id": "kecamatan", "en": "kecamatan"},
    "aksi.level.desa": {"id": "desa", "en": "villages"},
    "aksi.source_staff": {"id": "Dicatat staf TKPK", "en": "Recorded by TKPK staff"},
    "aksi.col.code": {"id": "Kode", "en": "Code"},
    "aksi.col.step": {"id": "Aksi", "en": "Step"},
    "aksi.col.problem": {"id": "Masalah", "en": "Problem"},
    "aksi.col.party": {"id": "Pelaksana", "en": "Responsible party"},
    "aksi.col.kind": {"id": "Jenis pelaksana", "en": "Kind of party"},
    "aksi.col.partners": {"id": "Mitra", "en": "Partners"},
    "aksi.col.areas": {"id": "Wilayah", "en": "Areas"},
    "aksi.col.area_codes": {"id": "Kode wilayah", "en": "Area codes"},
    "aksi.col.indicator": {"id": "Indikator sasaran", "en": "Target indicator"},
    "aksi.col.target": {"id": "Sasaran", "en": "Target"},
    "aksi.col.target_value": {"id": "Nilai sasaran", "en": "Target value"},
    "aksi.col.period": {"id": "Jadwal", "en": "Schedule"},
    "aksi.col.start": {"id": "Mulai", "en": "Start"},
    "aksi.col.due": {"id": "Tenggat", "en": "Due"},
    "aksi.col.budget": {"id": "Anggaran", "en": "Budget"},
    "aksi.col.budget_rp": {"id": "Anggaran (Rp)", "en": "Budget (Rp)"},
    "aksi.col.funding": {"id": "Sumber dana", "en": "Funding source"},
    "aksi.col.rakor": {"id": "Rakor", "en": "Meeting (rakor)"},
    "aksi.col.status": {"id": "Status", "en": "Status"},
    "aksi.col.last_report": {"id": "Laporan terakhir", "en": "Latest report"},
    "aksi.col.date": {"id": "Tanggal", "en": "Date"},
    "aksi.col.report": {"id": "Uraian kemajuan", "en": "Progress"},
    "aksi.col.evidence": {"id": "Bukti", "en": "Evidence"},
    "aksi.col.reporter": {"id": "Pelapor", "en": "Reported by"},
    "aksi.col.when": {"id": "Waktu (WITA)", "en": "Time (WITA)"},
    "aksi.col.change": {"id": "Perubahan", "en": "Change"},
    "aksi.col.by": {"id": "Akun staf", "en": "Staff account"},
    "aksi.field.rakor": {"id": "Rakor", "en": "Meeting"},
    "aksi.field.judul": {"id": "Aksi", "en": "Step"},
    "aksi.field.masalah": {"id": "Masalah", "en": "Problem"},
    "aksi.field.ukuran": {"id": "Ukuran kesenjangan", "en": "Gap measure"},
    "aksi.field.program": {"id": "Program", "en": "Programme"},
    "aksi.field.pelaksana": {"id": "Pelaksana", "en": "Responsible party"},
    "aksi.field.jenis_pelaksana": {"id": "Jenis pelaksana", "en": "Kind of party"},
    "aksi.field.mitra": {"id": "Mitra", "en": "Partners"},
    "aksi.field.wilayah": {"id": "Wilayah", "en": "Areas"},
    "aksi.field.indikator": {"id": "Indikator sasaran", "en": "Target indicator"},
    "aksi.field.nilai_target": {"id": "Nilai sasaran", "en": "Target value"},
    "aksi.field.mulai": {"id": "Mulai", "en": "Start"},
    "aksi.field.tenggat": {"id": "Tenggat", "en": "Due"},
    "aksi.field.anggaran_rp": {"id": "Anggaran", "en": "Budget"},
    "aksi.field.sumber_dana": {"id": "Sumber dana", "en": "Funding source"},
    "aksi.field.status": {"id": "Status", "en": "Status"},
    "aksi.field.laporan": {"id": "Jumlah laporan kemajuan", "en": "Progress reports"},
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
    "error.store_unavailable": {
        "id": "Basis data dasbor sedang tidak dapat dihubungi (misalnya sedang dimulai ulang). Angka yang sudah "
        "diterbitkan tetap aman; halaman ini mencoba lagi sendiri setiap 5 detik. Jika berlanjut lebih dari beberapa "
        "menit, hubungi pengelola server.",
        "en": "The dashboard's database cannot be reached right now (it may be restarting). Published figures are safe; "
        "this page tries again by itself every 5 seconds. If this lasts more than a few minutes, contact the server's "
        "administrator.",
    },
    "error.store_not_ready": {
        "id": "Dasbor belum punya data untuk ditampilkan: basis datanya belum dibangun, belum dimutakhirkan ke versi "
        "aplikasi ini, atau belum berisi rilis. Server dasbor tidak pernah membangun atau mengubah susunan basis data "
        "sendiri; pengelola server menyiapkannya dengan `make store` (atau `make run` / `make run-public`, yang "
        "menjalankannya dulu), lalu memuat ulang halaman ini.",
        "en": "The dashboard has no data to show yet: its database has not been built, not been migrated to this "
        "version of the app, or holds no release. The dashboard's server never builds or alters the database itself; "
        "the server's administrator prepares it with `make store` (or `make run` / `make run-public`, which run it "
        "first), then reloads this page.",
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
