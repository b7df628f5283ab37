"""Downloads: tables exactly as shown, as CSV and Excel that open safely and read right in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

from lib.core import fmt, provenance
from lib.core.i18n import document_name, t, target_name
from lib.core.indicators import Indicator
from lib.core.targets import Target

# A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Prefix text that a spreadsheet would execute with an apostrophe; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """What every download writes: numbers stay numbers, whole ones as integers (a month is 9, not the 9.0 pandas
    makes of a column with gaps), and text neutralised against formula injection."""
    cells = {}
    for column, values in frame.items():
        values = values.infer_objects() if values.dtype == object else values
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            cells[column] = values.astype("Int64")
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            cells[column] = values.map(neutralise_formula)
        else:
            cells[column] = values
    return pd.DataFrame(cells, index=frame.index, columns=frame.columns)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel detects the encoding; numbers with a decimal point and no thousands mark."""
    return _cells(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook of `frame`, its cells written like the CSV's (Excel would run a formula here too)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _cells(frame).to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def trend_download(table: pd.DataFrame, targets: list[Target], indicator: Indicator, lang: str) -> pd.DataFrame:
    """What the trend chart plots, one row per point: observed values, then target ranges."""
    observed = pd.DataFrame(
        {
            t("col.jenis", lang): t("kind.value", lang),
            t("col.kode_wilayah", lang): table["kode_wilayah"],
            t("col.wilayah", lang): table["wilayah"],
            t("col.seri", lang): table["seri"],
            t("col.periode", lang): [fmt.period(y, None if pd.isna(m) else m, lang) for y, m in zip(table["tahun"], table["bulan"])],
            "tahun": table["tahun"],
            "bulan": table["bulan"],
            f"{t('col.nilai', lang)} ({indicator.unit(lang)})": table["nilai"].round(indicator.desimal),
            "nilai_bawah": None,
            "nilai_atas": None,
            t("col.status", lang): table["status"].map(lambda kind: provenance.kind_label(kind, lang)),
            t("col.sumber", lang): table["sumber"],
            t("col.catatan", lang): table["catatan"],
            t("col.other_reports", lang): [
                provenance.reports_text(provenance.other_reports(cell), lambda value: indicator.format(value, lang), lang)
                for cell in table["sumber_lain"]],
        }
    )
    names = dict(zip(table["kode_wilayah"], table["wilayah"]))
    planned = pd.DataFrame(
        [
            {
                t("col.jenis", lang): t("kind.target", lang),
                t("col.kode_wilayah", lang): target.area,
                t("col.wilayah", lang): names.get(target.area),
                t("col.seri", lang): f"{target_name(target.area, names.get(target.area, target.area), lang)} "
                                     f"({document_name(target.document, lang)})",
                t("col.periode", lang): str(target.year),
                "tahun": target.year,
                "nilai_bawah": round(target.lower, indicator.desimal),
                "nilai_atas": round(target.upper, indicator.desimal),
                t("col.sumber", lang): target.source,
            }
            for target in targets
        ],
        columns=observed.columns,
    )
    return pd.concat([observed, planned], ignore_index=True) if len(planned) else observed


def provenance_cells(kinds: pd.Series, sources: pd.Series, lang: str) -> dict[str, pd.Series]:
    """Columns for a download of published rows: each row's kind of source, its source, and the demo label on a
    row of demo data (so a demo figure copied out of the file still says what it is)."""
    return {
        t("col.status", lang): kinds.map(lambda kind: provenance.kind_label(kind, lang)),
        t("col.sumber", lang): sources,
        t("col.data_contoh", lang): kinds.map(lambda kind: t("demo_label", lang) if kind == provenance.DEMO else ""),
    }


def with_provenance(table: pd.DataFrame, shown: provenance.Provenance, lang: str) -> pd.DataFrame:
    """A table aggregated from many rows as a download: the provenance of all of them in every row (every source,
    the kinds, and the demo label when any of them is demo data)."""
    return table.assign(**{
        t("col.sumber", lang): "; ".join(shown.sources),
        t("col.status", lang): shown.kind_text(lang),
        t("col.data_contoh", lang): t("demo_label", lang) if shown.demo else "",
    })
