"""The indicator registry: what each indicator is called, measured in, and which direction is better."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lib.core import fmt
from lib.core.i18n import t

P0 = "persentase_penduduk_miskin_P0"
POOR_PEOPLE = "jumlah_penduduk_miskin"
POVERTY_LINE = "garis_kemiskinan"
HDI = "ipm"
UNEMPLOYMENT = "tpt"
EXTREME_POVERTY = "tingkat_kemiskinan_ekstrem"
POPULATION = "jumlah_penduduk"
HOUSEHOLDS = "jumlah_rumah_tangga"

# Units written after the number ("34,91 ribu jiwa"); other units are implied by the label.
COUNT_UNITS = ("ribu_jiwa", "jiwa", "rumah_tangga")

REQUIRED_FIELDS = ("label_id", "label_en", "satuan", "definisi_id", "definisi_en", "sumber")


def _optional_int(value) -> int | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)


@dataclass(frozen=True)
class MethodBreak:
    """From `year` on, the indicator is measured on a new basis (cited: `source`), not comparable with before."""

    year: int
    note_id: str
    note_en: str
    source: str
    kind: str

    def note(self, lang: str) -> str:
        return self.note_en if lang == "en" else self.note_id


@dataclass(frozen=True)
class Indicator:
    id: str
    label_id: str
    label_en: str
    satuan: str
    desimal: int
    lower_is_better: bool | None
    reference_month: int | None
    definisi_id: str
    definisi_en: str
    sumber: str
    method_breaks: tuple[MethodBreak, ...] = ()  # oldest first

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def definition(self, lang: str) -> str:
        return self.definisi_en if lang == "en" else self.definisi_id

    def unit(self, lang: str) -> str:
        return t(f"unit.{self.satuan}", lang)

    def format(self, value: float | None, lang: str = "id") -> str:
        """A value with its unit, as on a card, in a hover or a table cell: `8,81 %`, `Rp714.241/kapita/bulan`,
        `34,91 ribu jiwa`, `23,85 juta jiwa`, `75,90`."""
        if value is None or math.isnan(value):
            return "–"
        return self._with_unit(value, lang)

    def format_change(self, change: float | None, lang: str = "id") -> str:
        """A change between two periods, in the unit of the value; percentages change in percentage points."""
        if change is None or math.isnan(change):
            return "–"
        if self.satuan == "persen":
            return f"{fmt.sign(change)}{fmt.number(abs(change), self.desimal, lang)} {t('unit.poin_persen', lang)}"
        return fmt.sign(change) + self._with_unit(abs(change), lang)

    def _with_unit(self, value: float, lang: str) -> str:
        if self.satuan == "persen":
            return fmt.percent(value, self.desimal, lang)
        if self.satuan == "rupiah_kapita_bulan":
            return t("value.rupiah_kapita_bulan", lang, amount=fmt.rupiah(value, lang))
        # A million people or more reads in millions: Indonesia's 23,85 juta jiwa, not 23.850,00 ribu jiwa.
        if self.satuan == "ribu_jiwa" and round(abs(value), self.desimal) >= 1000:
            return f"{fmt.number(value / 1000, 2, lang)} {t('unit.juta_jiwa', lang)}"
        number = fmt.number(value, self.desimal, lang)
        return f"{number} {self.unit(lang)}" if self.satuan in COUNT_UNITS else number

    def method_of(self, year: int) -> int | None:
        """The basis `year` is measured on (0 before the first method break, 1 after it, ...); None for an
        indicator whose method never changed. Values on two bases are never compared or joined by a line."""
        if not self.method_breaks:
            return None
        return sum(year >= change.year for change in self.method_breaks)

    def method_label(self, year: int, lang: str) -> str | None:
        """`metode lama` / `metode baru` (or `metode sejak 2023` between two breaks), for series names."""
        basis = self.method_of(year)
        if basis is None:
            return None
        if basis == 0:
            return t("tren.method_old", lang)
        if basis == len(self.method_breaks):
            return t("tren.method_new", lang)
        return t("tren.method_since", lang, year=self.method_breaks[basis - 1].year)

    def break_between(self, earlier: int, later: int) -> MethodBreak | None:
        """The method change between two years, if one lies between them."""
        return next((change for change in self.method_breaks if earlier < change.year <= later), None)


def method_breaks_from_frame(frame: pd.DataFrame | None) -> dict[str, tuple[MethodBreak, ...]]:
    """Rows of the `perubahan_metode` table per indicator, oldest first."""
    breaks: dict[str, list[MethodBreak]] = {}
    rows = [] if frame is None else frame.sort_values("tahun").to_dict(orient="records")
    for row in rows:
        breaks.setdefault(row["indikator"], []).append(MethodBreak(
            int(row["tahun"]), row["keterangan_id"], row["keterangan_en"], row["sumber"], row["jenis"]))
    return {indicator: tuple(changes) for indicator, changes in breaks.items()}


def registry_from_frame(frame: pd.DataFrame, method_breaks: pd.DataFrame | None = None) -> dict[str, Indicator]:
    """The registry from the `indikator` table, with each indicator's method breaks from `perubahan_metode`."""
    breaks = method_breaks_from_frame(method_breaks)
    registry = {}
    for row in frame.to_dict(orient="records"):
        lower = row["lebih_rendah_lebih_baik"]
        registry[row["id"]] = Indicator(
            id=row["id"],
            label_id=row["label_id"],
            label_en=row["label_en"],
            satuan=row["satuan"],
            desimal=int(row["desimal"]),
            lower_is_better=None if lower is None or (isinstance(lower, float) and math.isnan(lower)) else bool(lower),
            reference_month=_optional_int(row["bulan_acuan"]),
            definisi_id=row["definisi_id"],
            definisi_en=row["definisi_en"],
            sumber=row["sumber"],
            method_breaks=breaks.get(row["id"], ()),
        )
    return registry
