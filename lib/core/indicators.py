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
class Indicator:
    id: str
    label_id: str
    label_en: str
    satuan: str
    desimal: int
    lower_is_better: bool | None
    reference_month: int | None
    new_method_since: int | None
    definisi_id: str
    definisi_en: str
    sumber: str

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def definition(self, lang: str) -> str:
        return self.definisi_en if lang == "en" else self.definisi_id

    def unit(self, lang: str) -> str:
        return t(f"unit.{self.satuan}", lang)

    def format(self, value: float | None, lang: str = "id") -> str:
        """A value with its unit, as shown on a card: `8,81 %`, `Rp714.241`, `34,91 ribu jiwa`, `75,90`."""
        if self.satuan == "persen":
            return fmt.percent(value, self.desimal, lang)
        if self.satuan == "rupiah_kapita_bulan":
            return fmt.rupiah(value, lang)
        number = fmt.number(value, self.desimal, lang)
        if self.satuan in COUNT_UNITS:
            return f"{number} {self.unit(lang)}"
        return number

    def format_change(self, change: float | None, lang: str = "id") -> str:
        """A change between two periods; percentages change in percentage points, not percent."""
        if change is None or math.isnan(change):
            return "–"
        if self.satuan == "rupiah_kapita_bulan":
            return fmt.sign(change) + fmt.rupiah(abs(change), lang)
        text = fmt.sign(change) + fmt.number(abs(change), self.desimal, lang)
        if self.satuan == "persen":
            return f"{text} {t('unit.poin_persen', lang)}"
        return f"{text} {self.unit(lang)}" if self.satuan in COUNT_UNITS else text

    def method_of(self, year: int) -> str | None:
        """`old`/`new` for indicators whose method changed (IPM 2024), so the two are never one line."""
        if self.new_method_since is None:
            return None
        return "new" if year >= self.new_method_since else "old"


def registry_from_frame(frame: pd.DataFrame) -> dict[str, Indicator]:
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
            new_method_since=_optional_int(row["metode_baru_sejak"]),
            definisi_id=row["definisi_id"],
            definisi_en=row["definisi_en"],
            sumber=row["sumber"],
        )
    return registry
