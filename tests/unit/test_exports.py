import pandas as pd

from lib.render.exports import neutralise_formula, to_csv_bytes


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
