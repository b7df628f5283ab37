"""Downloads: tables exactly as shown, as CSV that opens safely in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

from lib.core import fmt
from lib.core.i18n import t
from lib.core.indicators import Indicator
from lib.core.targets import Target

# A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Prefix text that a spreadsheet would execute with an apostrophe; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel detects the encoding; text cells neutralised against formula injection."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_formula)
    return safe.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook of `frame`; text cells neutralised like the CSV (Excel would run a formula here too)."""
    buffer = io.BytesIO()
    safe = frame.map(neutralise_formula)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet, index=False)
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
            f"{t('col.nilai', lang)} ({indicator.unit(lang)})": table["nilai"],
            "nilai_bawah": None,
            "nilai_atas": None,
            t("col.status", lang): table["status"].map(lambda s: t(f"status.{s}", lang)),
            t("col.sumber", lang): table["sumber"],
            t("col.catatan", lang): table["catatan"],
        }
    )
    names = dict(zip(table["kode_wilayah"], table["wilayah"]))
    planned = pd.DataFrame(
        [
            {
                t("col.jenis", lang): t("kind.target", lang),
                t("col.kode_wilayah", lang): target.area,
                t("col.wilayah", lang): names.get(target.area),
                t("col.seri", lang): f"{t('target.label', lang)} ({target.document})",
                t("col.periode", lang): str(target.year),
                "tahun": target.year,
                "nilai_bawah": target.lower,
                "nilai_atas": target.upper,
                t("col.sumber", lang): target.source,
            }
            for target in targets
        ],
        columns=observed.columns,
    )
    return pd.concat([observed, planned], ignore_index=True) if len(planned) else observed
