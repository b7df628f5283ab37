import csv
import io

import pandas as pd

from lib.core.targets import Target
from lib.render.exports import neutralise_formula, to_csv_bytes, to_xlsx_bytes, trend_download


def test_formula_cells_are_neutralised_and_numbers_kept():
    frame = pd.DataFrame({"teks": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "Sangatta"], "angka": [-1.5, 2, 3, 4, 5]})
    text = to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'-2" in text and "'@SUM" in text
    assert "\nSangatta," in text and "-1.5" in text


def test_csv_starts_with_bom_for_excel():
    assert to_csv_bytes(pd.DataFrame({"a": [1]})).startswith(b"\xef\xbb\xbf")


def test_non_text_passes_unchanged():
    assert neutralise_formula(-3) == -3


def test_tables_export_only_through_the_neutralising_downloads():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True


def test_whole_numbers_are_integers_and_missing_ones_empty():
    # pandas makes a month column with a gap float: 9.0 in the file, until the download writes it as 9.
    frame = pd.DataFrame({"bulan": [9.0, None], "bulan_teks": pd.Series([3, None], dtype=object), "nilai": [8.07, 9.5]})
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines() == ["bulan,bulan_teks,nilai", "9,3,8.07", ",,9.5"]
    read = pd.read_excel(io.BytesIO(to_xlsx_bytes(frame)))
    assert read["bulan"].tolist()[0] == 9 and pd.isna(read["bulan"].tolist()[1])


def test_trend_download_has_integer_months_rounded_values_and_whose_target(registry):
    indicator = registry["persentase_penduduk_miskin_P0"]
    table = pd.DataFrame({
        "kode_wilayah": ["64.08", "ID"], "wilayah": ["Kabupaten Kutai Timur", "Indonesia"],
        "seri": ["Kabupaten Kutai Timur", "Indonesia"], "tahun": [2025, 2024], "bulan": [None, 9],
        "nilai": [8.070000000001, 8.57], "status": ["rilis_bps", "bps_media"], "sumber": ["a", "b"], "catatan": [None, None],
        "sumber_lain": ['[{"nilai": 8.1, "sumber": "https://lain.example/x", "jenis": "bps_media", "catatan": null}]', None],
    })
    targets = [Target("ID", 2025, 7.0, 8.0, "RKP 2025", "c"), Target("64.08", 2024, 0.0, 0.0, "statement of Bappeda Kutim", "d")]
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(trend_download(table, targets, indicator, "id")).decode("utf-8-sig"))))
    assert [(r["tahun"], r["bulan"]) for r in rows] == [("2025", ""), ("2024", "9"), ("2025", ""), ("2024", "")]
    assert [r["Nilai (%)"] for r in rows[:2]] == ["8.07", "8.57"]
    assert [r["Seri"] for r in rows[2:]] == ["Target nasional (RKP 2025)", "Target Kutim (pernyataan Bappeda Kutim)"]
    assert [(r["nilai_bawah"], r["nilai_atas"]) for r in rows[2:]] == [("7", "8"), ("0", "0")]
    # Each point says what kind of figure it is and what other sources report for it.
    assert [r["Jenis sumber"] for r in rows[:2]] == ["rilis BPS", "angka BPS via media"]
    assert rows[0]["Laporan lain (sumber, jenis, angka)"] == "lain.example (angka BPS via media): 8,10 %"
