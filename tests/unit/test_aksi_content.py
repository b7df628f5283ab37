"""The Rencana Aksi page's content (lib.content.aksi) on crafted steps and need: the "no step" set of the map, the
filters, counts and list order, a step's history and audit (no staff name in public), its dashboard links, and
the file for the minutes."""

import datetime as dt
import io
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.content import aksi
from lib.core import actions, seed
from lib.core.actions import ActionTables
from lib.core.programmes import registry_from_frame
from lib.core.wilayah import AreaRegistry, areas_from_geojson
from lib.render import exports

TODAY = dt.date(2026, 11, 29)
YEAR = 2025


@pytest.fixture(scope="module")
def areas() -> AreaRegistry:
    paths = {level: seed.DATA_DIR / name for level, name in seed.BOUNDARY_FILES.items()}
    return AreaRegistry(areas_from_geojson(paths), pd.DataFrame(columns=["alias", "kode"]))


@pytest.fixture(scope="module")
def programmes():
    return registry_from_frame(pd.read_csv(seed.DATA_DIR / "program.csv"))


def need_rows(areas: AreaRegistry, shares: dict[str, int]) -> pd.DataFrame:
    """Decile rows of one desa per kecamatan, 100 households each, `shares[kecamatan]` of them in deciles 1-4
    (10 where not given), so the share of deciles 1-4 per kecamatan is exactly that percentage."""
    records = []
    for kecamatan in areas.codes_at("kecamatan"):
        desa = areas.children(kecamatan).index[0]
        poor = shares.get(kecamatan, 10)
        for decile, households in ((1, poor), (8, 100 - poor)):
            records.append(dict(kode_wilayah=desa, tahun=YEAR, program="PKH", desil=decile, rumah_tangga=households,
                                penerima=0, status="contoh", sumber="demo", rilis_id=3))
    return pd.DataFrame(records)


def step(code: str, wilayah: str, **fields) -> dict:
    return dict(kode=code, rakor="R-001", judul=f"Langkah {code}", masalah="Eksklusi PKH", ukuran=None, program=None,
                pelaksana="Dinas Sosial", jenis_pelaksana="opd", mitra=None, wilayah=wilayah, indikator=None,
                nilai_target=None, mulai=dt.date(2026, 1, 5), tenggat=dt.date(2026, 12, 31), anggaran_rp=None,
                sumber_dana="apbd", status="data_opd") | fields


def tables(steps: list[dict], progress: list[dict] = ()) -> ActionTables:
    rakor = pd.DataFrame([dict(kode="R-001", tanggal=dt.date(2026, 3, 12), tempat="Ruang Meranti", pimpinan="Pj Bupati",
                               agenda=None, status="data_opd")])
    return ActionTables.from_release({"rakor": rakor, "aksi": pd.DataFrame(steps),
                                      "kemajuan": pd.DataFrame(progress, columns=list(actions.PROGRESS_COLUMNS))})


def report(code: str, when: dt.date, status: str, **fields) -> dict:
    return dict(aksi=code, tanggal=when, status=status, uraian="laporan", bukti=None, pelapor="Dinas Sosial",
                status_data="data_opd") | fields


def with_status(steps: list[dict], progress: list[dict] = ()) -> pd.DataFrame:
    return actions.with_status(tables(steps, progress), TODAY)


# Sangatta Utara, Sangkulirang, Busang, Kaubun: the four neediest of 18 kecamatan (the worst fifth, rounded up).
NEEDIEST = {"64.08.04": 60, "64.08.05": 55, "64.08.06": 50, "64.08.15": 45}


def test_the_no_step_set_is_exactly_the_neediest_areas_no_open_step_reaches(areas):
    steps = with_status([
        step("A-001", "64.08.04.2001"),  # a desa of Sangatta Utara reaches its kecamatan
        step("A-002", "64.08.05"),
        step("A-003", "64.08.06"),  # cancelled: reaches nothing
        step("A-004", "64.08.01"),  # not a needy kecamatan
    ], [report("A-003", dt.date(2026, 10, 1), "dibatalkan")])
    view = aksi.priority_view(need_rows(areas, NEEDIEST), "persen_desil_1_4", None, YEAR, "kecamatan", steps, areas,
                              None, "id")
    assert view.high_need == set(NEEDIEST)
    assert view.without_step == {"64.08.06", "64.08.15"}
    assert view.steps_per_area[["64.08.04", "64.08.05", "64.08.06", "64.08.01", "64.08.02"]].tolist() == [1, 1, 0, 1, 0]
    assert len(view.steps_per_area) == 18 and set(view.points["kode"]) == set(areas.codes_at("kecamatan"))


def test_with_no_step_every_needy_area_is_marked_and_a_kutim_wide_step_reaches_all(areas):
    rows = need_rows(areas, NEEDIEST)
    empty = with_status([step("A-001", "64.08.01")]).iloc[:0]
    assert aksi.priority_view(rows, "persen_desil_1_4", None, YEAR, "kecamatan", empty, areas, None,
                              "id").without_step == set(NEEDIEST)
    everywhere = with_status([step("A-001", "64.08")])
    view = aksi.priority_view(rows, "persen_desil_1_4", None, YEAR, "kecamatan", everywhere, areas, None, "id")
    assert view.without_step == set() and (view.steps_per_area == 1).all()


def test_at_desa_level_a_kecamatan_step_reaches_its_desa(areas):
    rows = need_rows(areas, NEEDIEST)
    steps = with_status([step("A-001", "64.08.04")])
    view = aksi.priority_view(rows, "persen_desil_1_4", None, YEAR, "desa", steps, areas, None, "id")
    sangatta_utara = areas.children("64.08.04").index[0]
    assert sangatta_utara in view.high_need and sangatta_utara not in view.without_step
    assert {areas.children(k).index[0] for k in ("64.08.05", "64.08.06", "64.08.15")} <= view.without_step
    assert view.steps_per_area[areas.children("64.08.04").index].eq(1).all()


def test_the_map_outlines_and_rings_exactly_the_no_step_areas_and_sizes_step_circles(areas):
    steps = with_status([step("A-001", "64.08.04"), step("A-002", "64.08.04;64.08.05"), step("A-003", "64.08.01")])
    view = aksi.priority_view(need_rows(areas, NEEDIEST), "persen_desil_1_4", None, YEAR, "kecamatan", steps, areas,
                              None, "id")
    figure = aksi.priority_map(view, "app/static/geo/kutim_kecamatan.json", "id", center=(1.0, 117.0), zoom=7)
    go.Figure(figure.to_dict())  # a valid plotly figure (the map's own traces are built unvalidated)
    outline = next(trace for trace in figure.data if trace.type == "choroplethmap" and trace.marker.line.width == 4)
    assert list(outline.locations) == ["64.08.06", "64.08.15"]
    ring = next(trace for trace in figure.data if trace.name == "Prioritas tanpa aksi" and trace.type == "scattermap")
    points = view.points.set_index("kode")
    assert list(ring.lon) == points.loc[["64.08.06", "64.08.15"], "lon"].tolist()
    circles = next(trace for trace in figure.data if trace.name == "Aksi (besar lingkaran = jumlah)")
    sizes = dict(zip([row[0] for row in circles.customdata], circles.marker.size))
    assert sizes["Sangatta Utara"] > sizes["Sangkulirang"] == sizes["Muara Ancalong"]
    # Markers only: text on a MapLibre map would fetch a font from the internet.
    assert all("text" not in (trace.mode or "") for trace in figure.data if trace.type == "scattermap")


def test_the_map_title_names_the_areas_without_a_step(areas):
    rows = need_rows(areas, NEEDIEST)
    steps = with_status([step("A-001", "64.08.04")])
    view = aksi.priority_view(rows, "persen_desil_1_4", None, YEAR, "kecamatan", steps, areas, None, "id")
    assert aksi.map_title(view, "id") == "3 kecamatan prioritas tanpa aksi: Busang, Kaubun dan Sangkulirang"
    table = aksi.priority_table(view, "id")
    assert table.iloc[0].tolist() == ["Sangatta Utara", "60,0 %", 1, "Prioritas, ada aksi"]
    assert table.iloc[1].tolist() == ["Sangkulirang", "55,0 %", 0, "Prioritas tanpa aksi"]
    covered = with_status([step("A-001", "64.08")])
    view = aksi.priority_view(rows, "persen_desil_1_4", None, YEAR, "kecamatan", covered, areas, None, "en")
    assert aksi.map_title(view, "en") == "Every priority kecamatan has a step"


def test_a_programme_exclusion_is_a_need_too(areas, programmes):
    rows = need_rows(areas, NEEDIEST)
    view = aksi.priority_view(rows, "eksklusi_program", programmes["PKH"], YEAR, "kecamatan",
                              with_status([step("A-001", "64.08.01")]), areas, None, "id")
    assert view.data.label.startswith("Eksklusi PKH") or "PKH" in view.data.label
    assert view.without_step == set(NEEDIEST)  # nobody receives PKH: exclusion is the needy households


MIXED = [
    step("A-001", "64.08.04", pelaksana="Dinas Sosial", tenggat=dt.date(2026, 10, 31)),  # late
    step("A-002", "64.08.05.2001", pelaksana="PT KPC", jenis_pelaksana="perusahaan", rakor="R-002"),
    step("A-003", "64.08", pelaksana="Bappeda", tenggat=dt.date(2027, 3, 1)),
    step("A-004", "64.08.06", pelaksana="Dinas Sosial", tenggat=dt.date(2026, 1, 31)),  # done before due
]
MIXED_PROGRESS = [report("A-004", dt.date(2026, 1, 20), "selesai"), report("A-002", dt.date(2026, 6, 1), "berjalan")]


def mixed() -> pd.DataFrame:
    return with_status(MIXED, MIXED_PROGRESS)


@pytest.mark.parametrize(("chosen", "codes"), [
    (aksi.StepFilter(), ["A-001", "A-002", "A-003", "A-004"]),
    (aksi.StepFilter(pelaksana=("Dinas Sosial",)), ["A-001", "A-004"]),
    (aksi.StepFilter(jenis=("perusahaan",)), ["A-002"]),
    # a desa of Sangkulirang, and the Kutim-wide step
    (aksi.StepFilter(kecamatan=("64.08.05",)), ["A-002", "A-003"]),
    (aksi.StepFilter(status=("selesai", "berjalan")), ["A-002", "A-004"]),
    (aksi.StepFilter(late_only=True), ["A-001"]),
    (aksi.StepFilter(rakor=("R-002",)), ["A-002"]),
    (aksi.StepFilter(pelaksana=("Dinas Sosial",), status=("selesai",)), ["A-004"]),
])
def test_each_filter_narrows_the_list(chosen, codes):
    assert aksi.filter_steps(mixed(), chosen)["kode"].tolist() == codes


def test_the_list_puts_late_steps_first_and_closed_ones_last(areas):
    shown = aksi.step_table(mixed(), areas, "id")
    assert shown["Kode"].tolist() == ["A-001", "A-002", "A-003", "A-004"]
    assert shown.columns[:3].tolist() == ["Kode", "Status", "Tenggat"]
    assert shown.iloc[0][["Status", "Tenggat", "Wilayah"]].tolist() == ["Terlambat", "31 Oktober 2026", "Sangatta Utara"]
    assert shown.iloc[1]["Laporan terakhir"] == "1 Juni 2026"
    order = aksi.in_list_order(with_status([step("A-001", "64.08.01", tenggat=dt.date(2027, 5, 1)),
                                            step("A-002", "64.08.01", tenggat=dt.date(2025, 5, 1))]))
    assert order["kode"].tolist() == ["A-002", "A-001"]


def test_counts_by_status_and_by_party_kind():
    counts = aksi.status_counts(mixed())
    assert counts.to_dict() == {"direncanakan": 1, "berjalan": 1, "selesai": 1, "terlambat": 1, "dibatalkan": 0}
    table = aksi.party_status_counts(mixed())
    assert table.index.tolist() == ["opd", "perusahaan"]
    assert table.loc["opd"].tolist() == [1, 0, 1, 1, 0]
    chart = aksi.party_status_chart(table, "id")
    go.Figure(chart.to_dict())
    assert [trace.name for trace in chart.data] == ["Direncanakan", "Berjalan", "Selesai", "Terlambat"]


def test_a_steps_history_is_newest_first():
    progress = [report("A-001", dt.date(2026, 5, 1), "berjalan", uraian="mulai"),
                report("A-001", dt.date(2026, 7, 1), "selesai", uraian="rampung", bukti="https://contoh.id/ba.pdf"),
                report("A-002", dt.date(2026, 8, 1), "berjalan")]
    history = aksi.progress_history("A-001", tables(MIXED, progress).progress, "id")
    assert history["Uraian kemajuan"].tolist() == ["rampung", "mulai"]
    assert history.iloc[0][["Tanggal", "Status", "Bukti"]].tolist() == ["1 Juli 2026", "Selesai", "https://contoh.id/ba.pdf"]


AUDIT = pd.DataFrame([
    dict(tabel="aksi", kode="A-001", oleh="staf.bappeda", diubah_pada=pd.Timestamp("2026-11-28 01:30", tz="UTC"),
         perubahan=json.dumps({"tenggat": ["2026-10-31", "2026-12-15"], "jenis_pelaksana": ["opd", "ormas"]})),
    dict(tabel="kemajuan", kode="A-001", oleh="staf.dinsos", diubah_pada=pd.Timestamp("2026-11-20 02:00", tz="UTC"),
         perubahan=json.dumps({"aksi": [None, "A-001"], "status": [None, "berjalan"]})),
    dict(tabel="aksi", kode="A-001", oleh="staf.bappeda", diubah_pada=pd.Timestamp("2026-11-01 00:00", tz="UTC"),
         perubahan=json.dumps({"judul": [None, "Verifikasi"], "pelaksana": [None, "Dinas Sosial"]})),
    dict(tabel="aksi", kode="A-002", oleh="staf.lain", diubah_pada=pd.Timestamp("2026-11-01 00:00", tz="UTC"),
         perubahan=json.dumps({"judul": [None, "Lain"]})),
])


def test_the_audit_of_a_step_in_words_with_the_staff_account_only_internally():
    internal = aksi.change_history("A-001", AUDIT, "id", with_staff=True)
    assert internal["Perubahan"].tolist() == [
        "Tenggat: 31 Oktober 2026 → 15 Desember 2026; Jenis pelaksana: OPD → ORMAS",
        "Laporan kemajuan ditambahkan (Berjalan)",
        "Aksi dicatat",
    ]
    assert internal["Waktu (WITA)"].iloc[0] == "28 November 2026 09.30 WITA"
    assert internal["Akun staf"].tolist() == ["staf.bappeda", "staf.dinsos", "staf.bappeda"]
    public = aksi.change_history("A-001", AUDIT, "id", with_staff=False)
    assert "staf" not in public.to_csv() and len(public) == 3


def test_a_rollback_count_of_reports_reads_as_a_change():
    assert aksi.change_text("kemajuan", {"laporan": [2, 1]}, "en") == "Progress reports: 2 → 1"


def test_a_steps_problem_links_to_the_view_that_shows_the_gap(areas, programmes):
    steps = with_status([step("A-001", "64.08.04.2001;64.08.04", ukuran="eksklusi_program", program="PKH"),
                         step("A-002", "64.08.05;64.08.17", ukuran="persen_desil_1_2", program="RTLH"),
                         step("A-003", "64.08.01", ukuran="eksklusi_program", program="Bedah rumah"),
                         step("A-004", "64.08.01")])
    links = [aksi.gap_links(row, programmes, areas, "id") for _, row in steps.iterrows()]
    assert [(link.page, link.query) for link in links[0]] == [
        ("views/peta.py", {"ukuran": "eksklusi_program", "program": "PKH", "tingkat": "desa", "kecamatan": "64.08.04"}),
        ("views/cakupan.py", {"program": "PKH", "kecamatan": "64.08.04"}),
    ]
    assert "Sangatta Utara" in links[0][0].label
    assert [(link.page, link.query) for link in links[1]] == [("views/peta.py", {"ukuran": "persen_desil_1_2"}),
                                                              ("views/cakupan.py", {"program": "RTLH"})]
    assert links[2] == [] and links[3] == []  # a programme the dashboard does not know; no measure


def test_the_file_for_the_minutes_has_every_field_and_the_demo_label(areas):
    demo = ActionTables.from_release({**tables(MIXED, MIXED_PROGRESS).as_release()})
    demo = actions.demo_tables(demo.rakor, demo.steps, demo.progress)
    frame = aksi.export_table(actions.with_status(demo, TODAY), demo.rakor, areas, "id")
    assert frame["Kode"].tolist() == ["A-001", "A-002", "A-003", "A-004"]
    first = frame.iloc[0]
    assert first["Tenggat"] == dt.date(2026, 10, 31) and first["Status"] == "Terlambat"
    assert first["Rakor"] == "R-001 · 12 Maret 2026, Ruang Meranti"
    assert first["Wilayah"] == "Sangatta Utara" and first["Kode wilayah"] == "64.08.04"
    assert set(frame["Data contoh"]) == {"DATA CONTOH — bukan data resmi"}
    written = pd.read_excel(io.BytesIO(exports.to_xlsx_bytes(frame)))
    assert written.shape == frame.shape
    assert "Pj Bupati" not in exports.to_csv_bytes(frame).decode("utf-8-sig")  # no person's name


def test_the_steps_provenance_is_their_kind_and_release():
    releases = pd.DataFrame({"id": [3, 7], "dataset": ["program", "aksi"],
                             "dibuat_pada": pd.to_datetime(["2026-01-01", "2026-11-28"], utc=True)})
    shown = aksi.steps_provenance(with_status(MIXED), releases)
    assert shown.kinds == ("data_opd",) and not shown.demo and shown.release == 7
    demo = aksi.steps_provenance(with_status(MIXED).assign(status="contoh"), releases)
    assert demo.demo


def test_today_is_kutim_time():
    assert aksi.today_in_kutim(dt.datetime(2026, 11, 29, 16, 30, tzinfo=dt.UTC)) == dt.date(2026, 11, 30)
    assert aksi.today_in_kutim(dt.datetime(2026, 11, 29, 15, 59, tzinfo=dt.UTC)) == dt.date(2026, 11, 29)
