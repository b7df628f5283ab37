"""Area profiles (Profil Wilayah): one printable page per kecamatan or desa.

The profile is built as one self-contained HTML fragment (inline CSS, an inline SVG locator map, tables), so
the page shows exactly what the downloaded file contains, it prints on A4 from the browser, and it needs
no script, font or tile from anywhere.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from lib.analysis import privacy, targeting
from lib.analysis.privacy import Rounding
from lib.content.cakupan import Recap, count_text, is_recap, recap
from lib.core import fmt, provenance
from lib.core.i18n import t
from lib.core.programmes import Programme
from lib.core.provenance import Provenance
from lib.core.wilayah import KUTIM, AreaRegistry
from lib.render import geometry, svg

LOCATOR_SIZE = (300, 220)


@dataclass(frozen=True)
class AreaProfile:
    code: str
    name: str
    level: str
    parent: str
    year: int
    population: float | None
    population_label: str  # says whether it is the area's published figure or the sum of its desa, and its kind
    households: float | None
    households_label: str
    poor_households: int
    share_1_2: float | None
    share_1_4: float | None
    rank_1_4: int | None  # 1 = largest share of households in deciles 1-4 among its peers
    peers: int
    programmes: pd.DataFrame  # per programme: nama, desil, layak, penerima_layak, cakupan, eksklusi, inklusi, penerima
    provenance: Provenance  # of exactly the rows the figures above come from
    published: pd.DataFrame  # counts published for the area, its kecamatan and Kutim, each with its kind and source
    recaps: list[tuple[Programme, int, Recap]]  # the desa recaps covering the area, per programme and year, newest first
    # Kutim's figure of the same measure and year beside each of the area's (population, households, poor_households,
    # share_1_2, share_1_4), and the area's shares per year for the small trends
    kutim: dict[str, float | None] = field(default_factory=dict)
    trends: dict[str, list[tuple[int, float]]] = field(default_factory=dict)


@dataclass(frozen=True)
class KutimYear:
    """What every area's profile of one year looks up in or compares with, the same whichever area is chosen:
    computed once per release, year and rounding instead of in every profile, where it was most of the cost."""

    year: int
    shares: dict[tuple[str, str], pd.DataFrame]  # (level, SHARES name) -> rounded `decile_share`, indexed by kode
    figures: dict[str, float | None]  # Kutim's population, households, poor_households, share_1_2, share_1_4
    coverage: dict[str, float | None]  # each programme's Kutim coverage (rounded like the area's)
    year_values: pd.DataFrame  # the observations of the year
    shown: pd.DataFrame  # the rows Kutim's figures come from: every programme row of the year, Kutim's totals
    households_by_kecamatan: dict[str, pd.DataFrame]  # `targeting.households_by_decile` of every year per kecamatan
    rows_by_kecamatan: dict[str, pd.DataFrame]  # programme rows of every year per kecamatan code


def kutim_year(rows: pd.DataFrame, values: pd.DataFrame, programmes: Mapping[str, Programme], year: int,
               rounding: Rounding | None = None) -> KutimYear:
    """Kutim's side of every profile of `year`, rounded as the profiles are (`rounding`)."""
    households = targeting.households_by_decile(rows)  # once for every share, year and level
    shares = {(level, name): privacy.rounded_shares(targeting.decile_share(households, year, level, deciles),
                                                    rounding, year=year, deciles=deciles).set_index("kode")
              for level in ("kabupaten", "kecamatan", "desa") for name, deciles in SHARES.items()}
    year_values = values[values["tahun"] == year]
    population, population_rows, _ = _total(year_values, KUTIM, "jumlah_penduduk", "J", year, rounding)
    households_total, households_rows, _ = _total(year_values, KUTIM, "jumlah_rumah_tangga", "H", year, rounding)
    at_kutim = lambda name, column: _at(shares[("kabupaten", name)], KUTIM, column)
    coverage = {}
    for programme in programmes.values():
        whole = privacy.rounded_coverage(
            targeting.coverage(rows, programme.id, year, "kabupaten", programme.eligible_deciles()), rounding,
            programme=programme.id, deciles=programme.eligible_deciles(), year=year, area=KUTIM)
        coverage[programme.id] = float(whole["cakupan"].iloc[0]) if len(whole) else None
    return KutimYear(
        year=year, shares=shares,
        figures={"population": population, "households": households_total,
                 "poor_households": at_kutim("poor", "rumah_tangga_desil"),
                 "share_1_2": at_kutim("share_1_2", "persen"), "share_1_4": at_kutim("share_1_4", "persen")},
        coverage=coverage, year_values=year_values,
        shown=pd.concat([rows[rows["tahun"] == year], population_rows, households_rows], ignore_index=True),
        households_by_kecamatan=_by_kecamatan(households), rows_by_kecamatan=_by_kecamatan(rows),
    )


def _by_kecamatan(table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return dict(iter(table.groupby(targeting.area_code(table["kode_wilayah"], "kecamatan"), sort=False)))


def _of_area(parts: dict[str, pd.DataFrame], code: str, empty: pd.DataFrame) -> pd.DataFrame:
    """The rows of kecamatan or desa `code` (and of the desa in it) from a table cut per kecamatan
    (`_by_kecamatan`): a look-up instead of a string match over all of Kutim's rows; `empty` where it has none."""
    part = parts.get(code[:targeting.CODE_LENGTH["kecamatan"]], empty)
    return part[part["kode_wilayah"].str.startswith(code)]


def _total(year_values: pd.DataFrame, area: str, indicator: str, measure: str, year: int,
           rounding: Rounding | None) -> tuple[float | None, pd.DataFrame, bool]:
    """`area`'s figure of `indicator`, the rows it comes from and whether it is the area's own: its own published
    figure, else the sum of its desa, never both added together. In the public mode a demo sum is rounded too:
    beside rounded decile counts an exact household total would pin small ones."""
    chosen = year_values[(year_values["indikator"] == indicator) & year_values["kode_wilayah"].str.startswith(area)]
    own = chosen[chosen["kode_wilayah"] == area]
    chosen = own if len(own) else chosen[chosen["kode_wilayah"].str.count(r"\.") == 3]
    if not len(chosen):
        return None, chosen, bool(len(own))
    total = float(chosen["nilai"].sum())
    if rounding and (chosen["status"] == provenance.DEMO).any():
        total = float(rounding.counts([total], [privacy.identity(measure, year, area, privacy.ALL_DECILES)])[0])
    return total, chosen, bool(len(own))


def build(code: str, year: int, rows: pd.DataFrame, values: pd.DataFrame, counts: pd.DataFrame,
          releases: pd.DataFrame, programmes: Mapping[str, Programme], names: dict[str, str], levels: dict[str, str],
          lang: str, rounding: Rounding | None = None, kutim: KutimYear | None = None) -> AreaProfile:
    """The profile of `code`; with the public mode's `rounding` every count rounded and every share, rate and
    rank from rounded counts (`lib.analysis.privacy`), except counts published as such (public already).
    `kutim`, the year's `kutim_year` when a caller keeps it, is computed here otherwise."""
    kutim = kutim or kutim_year(rows, values, programmes, year, rounding)
    if kutim.year != year:
        raise ValueError(f"Kutim's figures of {kutim.year} given for a profile of {year}")
    level = levels[code]
    shares_1_4, shares_1_2, poor = (kutim.shares[(level, name)] for name in ("share_1_4", "share_1_2", "poor"))
    ranks = shares_1_4["persen"].rank(ascending=False, method="min")
    used = []

    def total(indicator: str, measure: str, what: str) -> tuple[float | None, str]:
        value, chosen, own = _total(kutim.year_values, code, indicator, measure, year, rounding)
        used.append(chosen)
        kinds = provenance.of(chosen, releases)
        return value, t(f"profil.{what}_{'published' if own else 'of_desa'}", lang, kind=kinds.kind_text(lang))

    population, population_label = total("jumlah_penduduk", "J", "population")
    households_total, households_label = total("jumlah_rumah_tangga", "H", "households")
    own_households = _of_area(kutim.households_by_kecamatan, code, targeting.households_by_decile(rows.iloc[:0]))
    trends = {name: _share_trend(own_households, code, SHARES[name], rounding) for name in ("share_1_2", "share_1_4")}
    area_rows = _of_area(kutim.rows_by_kecamatan, code, rows.iloc[:0])
    # the area's rows of every year (its trends) and those Kutim's figures beside the area's come from
    shown = pd.concat([area_rows, kutim.shown, *used], ignore_index=True)
    published = counts[counts["kode_wilayah"].isin({code, code[:8], KUTIM}) & ~is_recap(counts)]
    recap_keys = counts.loc[is_recap(counts), ["program", "tahun"]].drop_duplicates()
    recaps = [(programmes[p], int(y), found) for p, y in recap_keys.sort_values("tahun", ascending=False).itertuples(index=False)
              if p in programmes and (found := recap(counts, values, releases, p, int(y), code, level, names, rounding))]
    published = published.assign(nama=published["kode_wilayah"].map(names))
    per_programme = []
    for programme in programmes.values():
        # every year of the area's coverage at once (its trend), and Kutim's of the year beside it
        by_year = privacy.rounded_coverage(
            targeting.coverage_by_year(area_rows, programme.id, "kabupaten", programme.eligible_deciles()), rounding,
            programme=programme.id, deciles=programme.eligible_deciles(), area=code)
        result = by_year[by_year["tahun"] == year]
        if result.empty:
            continue
        per_programme.append({"nama": programme.name(lang),
                              "desil": f"{programme.first_eligible_decile}–{programme.last_eligible_decile}",
                              **result.iloc[0].drop(["kode", "tahun"]).to_dict(),
                              "cakupan_kutim": kutim.coverage.get(programme.id),
                              "tren": [(int(y), float(c)) for y, c in zip(by_year["tahun"], by_year["cakupan"])
                                       if pd.notna(c)]})
    return AreaProfile(
        code=code, name=names[code], level=level, parent=names[code.rsplit(".", 1)[0]], year=year,
        population=population, population_label=population_label, households=households_total,
        households_label=households_label,
        poor_households=int(poor.at[code, "rumah_tangga_desil"]) if code in poor.index else 0,
        share_1_2=float(shares_1_2.at[code, "persen"]) if code in shares_1_2.index else None,
        share_1_4=float(shares_1_4.at[code, "persen"]) if code in shares_1_4.index else None,
        rank_1_4=int(ranks[code]) if pd.notna(ranks.get(code)) else None, peers=len(ranks),
        programmes=pd.DataFrame(per_programme), provenance=provenance.of(shown, releases),
        published=published.sort_values(["kode_wilayah", "tahun"], ascending=[False, False], kind="stable"),
        recaps=recaps, kutim=kutim.figures, trends=trends,
    )


# The decile groups a profile shows as shares of households.
SHARES = {"poor": range(1, 2), "share_1_2": range(1, 3), "share_1_4": range(1, 5)}


def _share_trend(households: pd.DataFrame, code: str, deciles: range, rounding: Rounding | None
                 ) -> list[tuple[int, float]]:
    """The share of `code`'s households (its own rows of `targeting.households_by_decile`) in `deciles`, per year, as
    `targeting.decile_share` and the public mode's rounding give it: one group-by over the area's rows instead of one
    over all of Kutim's per year, which made a Profil view five times dearer."""
    inside = households["rumah_tangga"].where(households["desil"].isin(list(deciles)), 0)
    totals = (households.assign(rumah_tangga_desil=inside)
              .groupby("tahun")[["rumah_tangga_desil", "rumah_tangga"]].sum())
    points = []
    for year, row in totals.iterrows():
        one = pd.DataFrame({"kode": [code], "rumah_tangga_desil": [row["rumah_tangga_desil"]],
                            "rumah_tangga": [row["rumah_tangga"]]})
        one = privacy.rounded_shares(one.assign(persen=targeting.rate(one["rumah_tangga_desil"], one["rumah_tangga"])),
                                     rounding, year=int(year), deciles=deciles)
        if not pd.isna(one["persen"].iloc[0]):
            points.append((int(year), float(one["persen"].iloc[0])))
    return points


def _at(table: pd.DataFrame, code: str, column: str) -> float | None:
    """`column` of `code` in a table indexed by area code; None where the area has no figure."""
    if code not in table.index or pd.isna(table.at[code, column]):
        return None
    return float(table.at[code, column])


def with_fragment(code: str, year: int, rows: pd.DataFrame, values: pd.DataFrame, counts: pd.DataFrame,
                  releases: pd.DataFrame, programmes: Mapping[str, Programme], areas: AreaRegistry, lang: str,
                  rounding: Rounding | None, kutim: KutimYear | None = None) -> tuple[AreaProfile, str]:
    """The profile of `code` and its HTML fragment with the locator map, as the page, a slide and the download
    show it."""
    area = build(code, year, rows, values, counts, releases, programmes, areas.areas["nama"].to_dict(),
                 areas.areas["level"].to_dict(), lang, rounding, kutim)
    return area, to_html(area, locator_map(locator_layer(code), code, area.name), lang)

def locator_layer(code: str) -> dict:
    """The features a locator map of `code` draws: all kecamatan for a kecamatan, its kecamatan's desa for a desa."""
    if code.count(".") < 3:
        return geometry.layer_geojson("kutim_kecamatan")
    layer = geometry.layer_geojson("kutim_desa")
    return {**layer, "features": [f for f in layer["features"] if f["properties"]["kode"].startswith(code[:8])]}


def locator_map(geojson: dict, highlight: str, alt: str, size: tuple[int, int] = LOCATOR_SIZE) -> str:
    """An image of a layer with the area `highlight` filled: prints everywhere, loads nothing."""
    return svg.svg_image(geojson, {highlight: "#b30000"}, alt, size)


STYLE = """
.profil { font-family: "Source Sans Pro", "DejaVu Sans", Arial, sans-serif; color: #1b1f24; max-width: 190mm; }
.profil h1 { font-size: 26pt; margin: 0 0 2pt 0; } .profil h2 { font-size: 14pt; margin: 14pt 0 4pt 0; }
.profil .sub { color: #555; margin: 0 0 8pt 0; } .profil .demo { background: #fff1d6; font-weight: 700; padding: 2pt 6pt; }
.profil .top { display: flex; gap: 16pt; align-items: flex-start; }
.profil .cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6pt; flex: 1; }
.profil .card { border: 1px solid #ccc; border-radius: 6px; padding: 6pt 8pt; }
.profil .card b { display: block; font-size: 18pt; } .profil .card span { color: #555; font-size: 9pt; }
.profil .card i { display: block; font-style: normal; font-weight: 600; color: #1b1f24; font-size: 9.5pt; margin-top: 2pt; }
.profil .trend { display: flex; flex-wrap: wrap; align-items: center; gap: 0 4pt; margin-top: 3pt; }
.profil .trend small { color: #555; font-size: 8pt; white-space: nowrap; } .profil td img.spark { display: block; margin-left: auto; }
.profil table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
.profil th, .profil td { border-bottom: 1px solid #ddd; padding: 3pt 4pt; text-align: right; }
.profil th:first-child, .profil td:first-child { text-align: left; }
.profil .foot { color: #555; font-size: 8.5pt; margin-top: 10pt; }
@media print {
  .profil { max-width: none; } .profil h1 { font-size: 22pt; } .profil .card b { font-size: 14pt; }
  .profil .card { padding: 4pt 6pt; } .profil table { font-size: 8.5pt; }
}
"""


def _card(value: str, label: str, kutim: str | None = None, trend: str = "") -> str:
    """A number tile: the area's figure, what it counts, Kutim's figure of the same measure and year, a small trend."""
    beside = f"<i>{html.escape(kutim)}</i>" if kutim else ""
    return f'<div class="card"><b>{html.escape(value)}</b><span>{html.escape(label)}</span>{beside}{trend}</div>'


def _sparkline(points: list[tuple[int, float]], label: str, format_value, lang: str) -> str:
    """A sparkline of `points` (year, value) whose alt text says the first and last figure; empty below two."""
    if len(points) < 2:
        return ""
    (first_year, first), (last_year, last) = points[0], points[-1]
    return svg.sparkline(points, t("profil.trend_alt", lang, measure=label, first=format_value(first),
                                   first_year=first_year, last=format_value(last), last_year=last_year))


def _trend(points: list[tuple[int, float]], label: str, format_value, lang: str) -> str:
    """A tile's sparkline with its years under it."""
    line = _sparkline(points, label, format_value, lang)
    return f'<span class="trend">{line}<small>{points[0][0]}–{points[-1][0]}</small></span>' if line else ""


def to_html(profile: AreaProfile, locator: str, lang: str) -> str:
    """The profile as one HTML fragment."""
    count = lambda v: fmt.number(v, 0, lang)
    share = lambda v: fmt.percent(v, 1, lang)

    level = t(f"profil.level.{profile.level}", lang)
    kutim = lambda measure, format_value: (None if profile.kutim.get(measure) is None
                                           else t("profil.kutim", lang, value=format_value(profile.kutim[measure])))
    share_card = lambda measure, key: _card(share(getattr(profile, measure)), t(key, lang), kutim(measure, share),
                                            _trend(profile.trends.get(measure, []), t(key, lang), share, lang))
    cards = "".join([
        _card(count(profile.population), profile.population_label, kutim("population", count)),
        _card(count(profile.households), profile.households_label, kutim("households", count)),
        _card(count(profile.poor_households), t("measure.rumah_tangga_desil_1", lang), kutim("poor_households", count)),
        share_card("share_1_2", "measure.persen_desil_1_2"),
        share_card("share_1_4", "measure.persen_desil_1_4"),
        _card(f"{profile.rank_1_4} / {profile.peers}" if profile.rank_1_4 else "–",
              t("profil.rank", lang, level=level)),
    ])
    years = sorted({year for points in profile.programmes.get("tren", []) for year, _ in points})
    header = [t("peta.programme", lang), t("cakupan.deciles", lang), t("cakupan.households", lang),
              t("cakupan.reached", lang), t("cakupan.coverage", lang), t("profil.kutim_coverage", lang),
              t("cakupan.excluded", lang), t("cakupan.included", lang),
              t("profil.trend", lang, years=f"{years[0]}–{years[-1]}" if years else "")]
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in (
            row.nama, row.desil, count(row.layak), count(row.penerima_layak),
            share(row.cakupan), share(row.cakupan_kutim), count(row.eksklusi), count(row.inklusi)))
        + f"<td>{_sparkline(row.tren, row.nama, share, lang)}</td>"
        + "</tr>"
        for row in profile.programmes.itertuples()
    )
    demo = f'<p><span class="demo">{html.escape(t("demo_label", lang))}</span></p>' if profile.provenance.demo else ""
    return (
        f'<style>{STYLE}</style><div class="profil">'
        f"<h1>{html.escape(profile.name)}</h1>"
        f'<p class="sub">{html.escape(level)} · {html.escape(profile.parent)} · '
        f'{html.escape(t("profil.year", lang, year=profile.year))}</p>{demo}'
        f'<div class="top"><div>{locator}</div><div class="cards">{cards}</div></div>'
        f'<h2>{html.escape(t("profil.programmes", lang, year=profile.year))}</h2>'
        f"<table><thead><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in header)}</tr></thead>"
        f"<tbody>{body}</tbody></table>{_published_table(profile, lang)}{_recap_table(profile, lang)}"
        f'<p class="foot">{html.escape(profile.provenance.line(lang))}<br>{_sources(profile, lang)}'
        f'{html.escape(t("profil.footer", lang, code=profile.code))}</p>'
        "</div>"
    )


def _sources(profile: AreaProfile, lang: str) -> str:
    """The sources line of the foot, left out when no row names one (demo data says so in the line above)."""
    sources = "; ".join(profile.provenance.sources)
    return f'{html.escape(t("sources", lang))}: {html.escape(sources)}<br>' if sources else ""


def _published_table(profile: AreaProfile, lang: str) -> str:
    """The counts published for the area, its kecamatan and Kutim, each with its own kind and source: real figures
    beside the demo estimates above, never added to them."""
    if profile.published.empty:
        return ""
    header = [t("col.wilayah", lang), t("col.tahun", lang), t("peta.programme", lang), t("col.angka_terbit", lang),
              t("col.status", lang), t("col.sumber", lang)]
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in (
            row.nama, row.tahun, row.nama_program,
            count_text(row.nilai, row.satuan, lang), provenance.kind_label(row.status, lang),
            provenance.source_label(row.sumber))) + "</tr>"
        for row in profile.published.itertuples()
    )
    return (f'<h2>{html.escape(t("profil.published", lang, area=profile.name))}</h2>'
            f"<table><thead><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in header)}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _recap_table(profile: AreaProfile, lang: str) -> str:
    """The agency's recaps of recipients per desa, summed for the area: the count with its own kind and source, and
    its coverage of all households (not a targeting measure), whose households may be demo data."""
    if not profile.recaps:
        return ""
    header = [t("peta.programme", lang), t("col.tahun", lang), t("recap.recipients", lang),
              t("recap.households", lang, year=f"({t('col.tahun', lang)})"), t("recap.coverage", lang), t("col.status", lang),
              t("col.sumber", lang)]
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in (
            programme.name(lang), year, f"{fmt.number(found.area['penerima'], 0, lang)} {programme.unit}",
            f"{fmt.number(found.area['rumah_tangga'], 0, lang)} ({found.households_year})",
            fmt.percent(found.area["cakupan"], 1, lang), found.counted.kind_text(lang),
            found.counted.source_text(lang))) + "</tr>"
        for programme, year, found in profile.recaps
    )
    # the counts are the agency's; the households they are divided by may be demo data, and say so
    demo = any(found.rated.demo for _, _, found in profile.recaps)
    households = f"<br>{html.escape(t('unit.rumah_tangga', lang))}: {html.escape(t('demo_label', lang))}" if demo else ""
    return (f'<h2>{html.escape(t("profil.recaps", lang, area=profile.name))}</h2>'
            f"<table><thead><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in header)}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
            f'<p class="foot">{html.escape(t("recap.note", lang))}{households}</p>')


def standalone_html(fragment: str, title: str, lang: str) -> str:
    """A complete HTML document around the profile fragment, for the download."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"</head><body>{fragment}</body></html>")
