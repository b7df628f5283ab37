"""Content of the Tentang data (about the data) page as plain data: every point of an indicator with all its
reports, the points sources disagree on, what each provenance kind means and how many figures are of it, and
the "dualisme data" table of BPS's poor persons beside the administrative counts of poor families."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from lib.analysis import privacy
from lib.analysis.privacy import Rounding
from lib.analysis.targeting import INCLUSION_FROM_DECILE
from lib.core import fmt, provenance
from lib.core.i18n import t
from lib.core.indicators import P0, POOR_PEOPLE, Indicator
from lib.core.programmes import Programme
from lib.core.wilayah import INDONESIA, KALTIM, KUTIM

AREAS = (KUTIM, KALTIM, INDONESIA)
# Published counts that count people or families (not a percentage, nor a target of units to build).
COUNT_UNITS = ("KK", "KPM", "jiwa")
GLOSSARY = ("desil", "dtsen", "p3ke", "eksklusi", "inklusi", "kk_kpm_jiwa")
CALENDAR = ("susenas_maret", "susenas_september", "kabupaten", "ipm", "tpt")


def link(url: object) -> str | None:
    """`url` for a link column when it is an http(s) address; anything else is never made a link."""
    parts = urlparse(str(url).strip())
    return str(url).strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _note(note: object, source: object, lang: str) -> str:
    """The row's note, and the source as written when it is not an address (a document name), so it is still said."""
    parts = [str(note)] if pd.notna(note) and str(note).strip() else []
    if link(source) is None and pd.notna(source) and str(source).strip():
        parts.append(f"{t('source', lang)}: {source}")
    return " · ".join(parts)


def indicator_options(values: pd.DataFrame, indicators: dict[str, Indicator]) -> list[str]:
    """The registry's indicators with any point for Kutim, Kaltim or Indonesia, in registry order, P0 first."""
    present = set(values.loc[values["kode_wilayah"].isin(AREAS), "indikator"])
    options = [i for i in indicators if i in present]
    return sorted(options, key=lambda i: i != P0)


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    order = rows["kode_wilayah"].map({code: at for at, code in enumerate(AREAS)}).fillna(len(AREAS))
    return rows.assign(_order=order).sort_values(["_order", "kode_wilayah", "tahun", "bulan"], na_position="first")


def _period(row, lang: str) -> str:
    return fmt.period(int(row["tahun"]), None if pd.isna(row["bulan"]) else int(row["bulan"]), lang)


def _reports_text(reports: Iterable[provenance.Report], indicator: Indicator, lang: str) -> str:
    return "; ".join(t("provenance.conflict_detail", lang, source=provenance.source_label(r.source),
                       kind=provenance.kind_label(r.kind, lang), value=indicator.format(r.value, lang))
                     for r in reports)


@dataclass(frozen=True)
class Shown:
    """A table as shown, and the published rows it comes from (for the provenance line under it)."""

    table: pd.DataFrame
    rows: pd.DataFrame


def points(values: pd.DataFrame, indicator: Indicator, area_name: Callable[[str], str], lang: str) -> Shown:
    """Every point of `indicator` for Kutim, Kaltim and Indonesia: value, kind, source (an address for a link
    column), note, every other report with its value, and whether another source gives a different value."""
    rows = _ordered(values[(values["indikator"] == indicator.id) & values["kode_wilayah"].isin(AREAS)])
    other = rows["sumber_lain"] if "sumber_lain" in rows else pd.Series(None, index=rows.index)
    table = pd.DataFrame({
        t("col.wilayah", lang): [area_name(code) for code in rows["kode_wilayah"]],
        t("col.periode", lang): [_period(row, lang) for _, row in rows.iterrows()],
        t("col.nilai", lang): [indicator.format(v, lang) for v in rows["nilai"]],
        t("provenance.conflict_marker", lang): [t("tentang.yes", lang) if provenance.conflicts(v, c) else ""
                                                 for v, c in zip(rows["nilai"], other)],
        t("col.jenis", lang): [provenance.kind_label(k, lang) for k in rows["status"]],
        t("col.sumber", lang): [link(s) for s in rows["sumber"]],
        t("tentang.col.other_reports", lang): [_reports_text(provenance.other_reports(c), indicator, lang) for c in other],
        t("col.catatan", lang): [_note(n, s, lang) for n, s in zip(rows["catatan"], rows["sumber"])],
    })
    return Shown(table, rows.drop(columns="_order"))


def conflicts(values: pd.DataFrame, indicators: dict[str, Indicator], area_name: Callable[[str], str],
              lang: str) -> Shown:
    """One line per report that gives a point another value than the one shown, for any area (Kutim, Kaltim and
    Indonesia first): the point, the value shown, the other value, its note, both sources and the other's kind."""
    lines, shown = [], []
    reported = _ordered(values[values["sumber_lain"].notna()]) if "sumber_lain" in values else values.iloc[:0]
    for index, row in reported.iterrows():  # Kutim's first, then Kaltim's and Indonesia's
        indicator = indicators.get(row["indikator"])
        if indicator is None:
            continue
        for report in provenance.conflicts(row["nilai"], row["sumber_lain"]):
            shown.append(index)
            lines.append({
                t("col.wilayah", lang): area_name(row["kode_wilayah"]),
                t("tentang.col.indicator", lang): indicator.label(lang),
                t("col.periode", lang): _period(row, lang),
                t("tentang.col.shown", lang): indicator.format(row["nilai"], lang),
                t("tentang.col.other_value", lang): indicator.format(report.value, lang),
                t("col.catatan", lang): _note(report.note, report.source, lang),
                t("col.sumber", lang): link(row["sumber"]),
                t("tentang.col.other_source", lang): link(report.source),
                t("tentang.col.other_kind", lang): provenance.kind_label(report.kind, lang),
            })
    columns = [t(key, lang) for key in ("col.wilayah", "tentang.col.indicator", "col.periode", "tentang.col.shown",
                                        "tentang.col.other_value", "col.catatan", "col.sumber",
                                        "tentang.col.other_source", "tentang.col.other_kind")]
    return Shown(pd.DataFrame(lines, columns=columns), values.loc[list(dict.fromkeys(shown))])


def kinds(values: pd.DataFrame, counts: pd.DataFrame, programme_rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each provenance kind, what it means, and how many figures of each published table are of it."""
    tables = {"tentang.col.values": values, "tentang.col.counts": counts, "tentang.col.programme_rows": programme_rows}
    counts = {t(name, lang): rows["status"].value_counts() for name, rows in tables.items()}
    return pd.DataFrame({
        t("col.jenis", lang): [provenance.kind_label(kind, lang) for kind in provenance.KINDS],
        t("tentang.col.meaning", lang): [t(f"tentang.kind.{kind}", lang) for kind in provenance.KINDS],
        **{name: [int(c.get(kind, 0)) for kind in provenance.KINDS] for name, c in counts.items()},
    })


@dataclass(frozen=True)
class Dualism:
    """BPS's poor persons beside the administrative counts per year, and the numbers the explanation cites."""

    table: pd.DataFrame
    published: pd.DataFrame  # the published rows in the table (poor persons and counts)
    demo: bool  # the table has demo rows
    persons_per_family: tuple[int, int, int, float] | None  # (year, poor persons, families, persons per family)
    poverty_rate: tuple[int, float] | None  # Kutim's latest P0 (year, percent)


def _kutim_series(values: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return values[(values["kode_wilayah"] == KUTIM) & (values["indikator"] == indicator)
                  & values["bulan"].isna()].sort_values("tahun")


def dualism(values: pd.DataFrame, counts: pd.DataFrame, programme_rows: pd.DataFrame,
            programmes: dict[str, Programme], rounding: Rounding | None, lang: str) -> Dualism:
    """Per year with a published count of people or families in Kutim: BPS's estimated poor persons (from
    thousands to persons), each published count with its kind and source, and the demo recipients of the same
    programme that year (demo, labelled so, rounded in the public mode like every demo count)."""
    poor = _kutim_series(values, POOR_PEOPLE).set_index("tahun", drop=False)
    kutim_counts = counts[(counts["kode_wilayah"] == KUTIM) & counts["satuan"].isin(COUNT_UNITS)]
    lines, published = [], []
    for year, of_year in kutim_counts.groupby("tahun", sort=True):
        if year in poor.index:
            estimate = poor.loc[year]
            published.append(estimate)
            lines.append((year, t("tentang.dualism.poor_persons", lang), round(estimate["nilai"] * 1000),
                          t("unit.jiwa", lang), estimate["status"], estimate["sumber"], estimate["catatan"]))
        for _, count in of_year.iterrows():
            published.append(count)
            lines.append((year, count["nama_program"], count["nilai"], count["satuan"], count["status"],
                          count["sumber"], count["catatan"]))
            demo = programme_rows[(programme_rows["program"] == count["program"]) & (programme_rows["tahun"] == year)]
            if pd.notna(count["program"]) and not demo.empty:
                total = int(demo["penerima"].sum())
                if rounding:
                    identity = privacy.identity("R", int(year), KUTIM, privacy.ALL_DECILES, count["program"])
                    total = int(rounding.counts([total], [identity])[0])
                programme = programmes.get(count["program"])  # its unit: what one recipient is
                lines.append((year, t("tentang.dualism.demo_recipients", lang, programme=count["nama_program"]),
                              total, programme.unit if programme else "", provenance.DEMO, None, t("demo_label", lang)))
    table = pd.DataFrame({
        t("col.tahun", lang): [str(int(line[0])) for line in lines],
        t("tentang.col.figure", lang): [line[1] for line in lines],
        t("col.nilai", lang): [fmt.number(line[2], 0, lang) for line in lines],
        t("tentang.col.unit", lang): [line[3] for line in lines],
        t("col.jenis", lang): [provenance.kind_label(line[4], lang) for line in lines],
        t("col.sumber", lang): [link(line[5]) for line in lines],
        t("col.catatan", lang): [_note(line[6], line[5], lang) for line in lines],
    })
    rate = _kutim_series(values, P0).tail(1)  # the explanation cites it, so its row is among the sources
    return Dualism(table, pd.concat([pd.DataFrame(published), rate]), any(line[4] == provenance.DEMO for line in lines),
                   _persons_per_family(poor, kutim_counts),
                   None if rate.empty else (int(rate["tahun"].iloc[0]), float(rate["nilai"].iloc[0])))


def _persons_per_family(poor: pd.DataFrame, counts: pd.DataFrame) -> tuple[int, int, int, float] | None:
    """The first year with both BPS's poor persons and a published count of poor families (KK): the ratio is about
    how many people one family counts for."""
    families = counts[(counts["satuan"] == "KK") & counts["tahun"].isin(poor.index)].sort_values("tahun")
    if families.empty:
        return None
    first = families.iloc[0]
    persons = round(poor.loc[first["tahun"], "nilai"] * 1000)
    return int(first["tahun"]), persons, int(first["nilai"]), persons / first["nilai"]


def dualism_explanation(dualism: Dualism, lang: str) -> list[str]:
    """Why the estimate and the registers differ, in plain sentences, with the figures shown above."""
    paragraphs = [t("tentang.dualism.estimate_vs_register", lang)]
    if dualism.persons_per_family:
        year, persons, families, ratio = dualism.persons_per_family
        paragraphs.append(t("tentang.dualism.persons_vs_families", lang, year=year,
                            persons=fmt.number(persons, 0, lang), families=fmt.number(families, 0, lang),
                            ratio=fmt.number(ratio, 1, lang)))
    if dualism.poverty_rate:
        year, rate = dualism.poverty_rate
        paragraphs.append(t("tentang.dualism.line_vs_deciles", lang, year=year, rate=fmt.percent(rate, 2, lang)))
    return paragraphs


def glossary(lang: str) -> list[tuple[str, str]]:
    """(term, explanation) of the words the dashboard uses that are not indicators."""
    return [(t(f"tentang.term.{term}", lang), t(f"tentang.term.{term}.text", lang, from_decile=INCLUSION_FROM_DECILE))
            for term in GLOSSARY]


def calendar(lang: str) -> list[str]:
    return [t(f"tentang.calendar.{item}", lang) for item in CALENDAR]
