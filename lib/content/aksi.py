"""What the Rencana Aksi page shows, as plain data: the need map with the high-need areas no step reaches, and
(below) the list of steps with its filters, counts, history and export.

The steps come from `lib.core.actions.with_status` (the effective status, `terlambat` from the due date).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go

from lib.analysis import mapdata
from lib.analysis.mapdata import MapData
from lib.analysis.measures import MEASURES
from lib.analysis.privacy import Rounding
from lib.content import peta
from lib.core import actions, fmt, provenance
from lib.core.i18n import TEXTS, t
from lib.core.programmes import Programme
from lib.core.wilayah import AreaRegistry
from lib.render import exports, geometry, maps
from lib.render.charts import FONT, figure, hover_text, number_separators

# The need a map of steps is drawn over by default: the share of households in the poorest four deciles.
DEFAULT_NEED = "persen_desil_1_4"
LEVELS = ("kecamatan", "desa")

STEP_COLOUR = "#0072B2"  # Okabe-Ito blue: apart from every sequential palette's reds, oranges and purples
WITHOUT_STEP_COLOUR = "#000000"
WITHOUT_STEP_BORDER = 4.0
# A circle per area with steps, larger with more of them (px across: one step, each further one, the largest).
STEP_MARKER_PX, STEP_MARKER_GROWTH_PX, STEP_MARKER_MAX_PX = 14, 6, 38
WITHOUT_STEP_MARKER_PX, WITHOUT_STEP_HOLE_PX = 16, 7
# Desa are small and many (a kecamatan's step reaches all of its desa): their markers at half the size.
MARKER_SCALE = {"kecamatan": 1.0, "desa": 0.5}


@dataclass(frozen=True)
class PriorityView:
    """A need measure per area, with where steps are and which high-need areas none reaches."""

    data: MapData  # table: kode, nama, nilai, sumber (the need, rounded in the public mode as on Peta)
    level: str  # kecamatan or desa
    high_need: frozenset[str]  # the worst fifth by the need (`lib.core.actions.high_need`)
    without_step: frozenset[str]  # high-need areas no step (not cancelled) reaches
    steps_per_area: pd.Series  # kode -> how many steps (not cancelled) reach the area; every area of the level
    points: pd.DataFrame  # kode, lon, lat: a label point inside each area


def steps_per_area(steps: pd.DataFrame, codes: list[str]) -> pd.Series:
    """How many steps (not cancelled) reach each of `codes`, by the reach rule of `lib.core.actions.covered_areas`
    (a step on a kecamatan reaches its desa, one on a desa its kecamatan). `steps` need `wilayah`, `status_aksi`."""
    counts = pd.Series(0, index=pd.Index(codes, name="kode"), dtype=int)
    for i in range(len(steps)):
        reached = sorted(actions.covered_areas(steps.iloc[i : i + 1], codes))
        counts[reached] += 1
    return counts


def priority_view(rows: pd.DataFrame, measure_id: str, programme: Programme | None, year: int, level: str,
                  steps_with_status: pd.DataFrame, areas: AreaRegistry, rounding: Rounding | None, lang: str, *,
                  label_points: pd.DataFrame | None = None) -> PriorityView:
    """The need `measure_id` (of `lib.analysis.measures.MEASURES`; a programme's measure needs `programme`) per
    area at `level` (kecamatan or desa) in `year`, computed from the decile `rows` as Peta computes it (with the
    public mode's `rounding`), with the steps per area and the high-need areas without one.

    `label_points` (kode, lon, lat) default to the label points of the level's map layer."""
    measure = MEASURES[measure_id]
    registry = {programme.id: programme} if programme else {}
    data = peta.kutim_map_data(rows, registry, measure, programme.id if programme else None, year, level, None, areas,
                               lang, rounding)
    need = data.table[["kode", "nilai"]]
    codes = data.table["kode"].tolist()
    points = geometry.centroids(peta.layer_for(level)) if label_points is None else label_points
    return PriorityView(
        data=data,
        level=level,
        high_need=frozenset(actions.high_need(need, measure.lower_is_better)),
        without_step=frozenset(actions.priority_without_step(need, measure.lower_is_better, steps_with_status)),
        steps_per_area=steps_per_area(steps_with_status, codes),
        points=points[points["kode"].isin(codes)][["kode", "lon", "lat"]].reset_index(drop=True),
    )


def priority_map(view: PriorityView, geojson_url: str, lang: str, *, center: tuple[float, float], zoom: float,
                 palette: str = "oranye_merah", method: str = "quantiles", height: int = maps.MAP_HEIGHT) -> go.Figure:
    """The need as Peta's choropleth (`lib.render.maps.choropleth`), the high-need areas without a step outlined
    thick in black with a black ring at their label point, and a blue circle per area with steps, larger with more
    (desa markers at half the size).

    Markers only, no text on the map: MapLibre would fetch a font for map text from the internet."""
    data = view.data
    figure = maps.choropleth(data, mapdata.classify(data.table["nilai"], method), geojson_url, palette, lang,
                             center=center, zoom=zoom, height=height)
    names = dict(zip(data.table["kode"], data.table["nama"]))
    values = {code: data.format_value(v) if pd.notna(v) else data.missing(lang)
              for code, v in zip(data.table["kode"], data.table["nilai"])}
    points = view.points.set_index("kode")
    scale = MARKER_SCALE[view.level]
    missing = sorted(view.without_step)
    label = t("aksi.map.without_step", lang)
    traces = []
    if missing:
        hover = [[hover_text(names[c]), values[c]] for c in missing]
        template = f"<b>%{{customdata[0]}}</b><br>%{{customdata[1]}}<br>{hover_text(label)}<extra></extra>"
        traces += [
            # The outline: a fill no one sees, over the need's colours, with the area's own hover.
            dict(type="choroplethmap", geojson=geojson_url, featureidkey="properties.kode", locations=missing,
                 z=[0] * len(missing), colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
                 marker=dict(line=dict(width=WITHOUT_STEP_BORDER, color=WITHOUT_STEP_COLOUR)), customdata=hover,
                 hovertemplate=template, showlegend=False, name=label),
            # A ring (a black circle with a white hole) at the area's label point, named in the legend.
            dict(type="scattermap", mode="markers", lon=points.loc[missing, "lon"].tolist(),
                 lat=points.loc[missing, "lat"].tolist(), customdata=hover, hovertemplate=template, name=label,
                 marker=dict(size=WITHOUT_STEP_MARKER_PX * scale, color=WITHOUT_STEP_COLOUR)),
            dict(type="scattermap", mode="markers", lon=points.loc[missing, "lon"].tolist(),
                 lat=points.loc[missing, "lat"].tolist(), hoverinfo="skip", showlegend=False,
                 marker=dict(size=WITHOUT_STEP_HOLE_PX * scale, color="#ffffff")),
        ]
    counts = view.steps_per_area[view.steps_per_area > 0]
    if len(counts):
        codes = counts.index.tolist()
        traces.append(dict(
            type="scattermap", mode="markers", lon=points.loc[codes, "lon"].tolist(),
            lat=points.loc[codes, "lat"].tolist(), name=t("aksi.map.steps", lang),
            marker=dict(size=[scale * min(STEP_MARKER_PX + STEP_MARKER_GROWTH_PX * (n - 1), STEP_MARKER_MAX_PX)
                              for n in counts], color=STEP_COLOUR, opacity=0.85),
            customdata=[[hover_text(names[c]), t("aksi.map.step_count", lang, n=int(n)), values[c]]
                        for c, n in counts.items()],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>"))
    return figure.add_traces(traces)


# Names in a map's title before "and n more": the title must fit a phone in two or three lines.
TITLE_NAMES = 3


def map_title(view: PriorityView, lang: str) -> str:
    """The map's finding: `3 kecamatan prioritas tanpa aksi: Kombeng, Busang dan Telen`, or that every priority
    area has a step."""
    names = sorted(view.data.table.loc[view.data.table["kode"].isin(view.without_step), "nama"])
    level = t(f"aksi.level.{view.level}", lang)
    if not names:
        return t("aksi.map.title_none", lang, level=level)
    if len(names) > TITLE_NAMES + 1:  # "and 1 more" would be as long as the name
        listed = t("aksi.map.more", lang, names=", ".join(names[:TITLE_NAMES]), n=len(names) - TITLE_NAMES)
    elif len(names) > 1:
        listed = t("finding.and", lang, first=", ".join(names[:-1]), last=names[-1])
    else:
        listed = names[0]
    return t("aksi.map.title", lang, n=len(names), level=level, names=listed)


def priority_table(view: PriorityView, lang: str) -> pd.DataFrame:
    """The map's accessible twin: area, need, steps reaching it, and whether it is a high-need area without one;
    worst need first."""
    data = view.data
    table = data.table.assign(
        peringkat=mapdata.ranks(data.table["nilai"], data.lower_is_better),
        aksi=data.table["kode"].map(view.steps_per_area).fillna(0).astype(int),
    ).sort_values(["peringkat", "kode"], na_position="last")
    return pd.DataFrame({
        t("col.wilayah", lang): table["nama"],
        f"{data.label} ({data.unit})": [data.format_value(v) if pd.notna(v) else data.missing(lang)
                                        for v in table["nilai"]],
        t("aksi.col.steps", lang): table["aksi"],
        t("aksi.col.priority", lang): [t("aksi.map.without_step", lang) if c in view.without_step
                                       else t("aksi.map.high_need", lang) if c in view.high_need else ""
                                       for c in table["kode"]],
    })


# --- the list of steps: filters, counts, order ------------------------------------------------------------

TIME_ZONE = "Asia/Makassar"  # WITA: a step due on the 31st is late from the 1st, Kutai Timur time


def today_in_kutim(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Kutai Timur (WITA), which decides whether a step is late."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(TIME_ZONE)).date()


@dataclass(frozen=True)
class StepFilter:
    """What the reader narrowed the list to; an empty choice means every value."""

    pelaksana: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()  # kinds of responsible party (`actions.PARTY_KINDS`)
    kecamatan: tuple[str, ...] = ()  # codes: a step reaching any of them
    status: tuple[str, ...] = ()  # effective statuses (`status_aksi`)
    late_only: bool = False
    rakor: tuple[str, ...] = ()


def filter_steps(steps: pd.DataFrame, chosen: StepFilter) -> pd.DataFrame:
    """The steps (`actions.with_status`) `chosen` keeps."""
    keep = pd.Series(True, index=steps.index)
    for column, values in (("pelaksana", chosen.pelaksana), ("jenis_pelaksana", chosen.jenis),
                           ("status_aksi", chosen.status), ("rakor", chosen.rakor)):
        if values:
            keep &= steps[column].isin(values)
    if chosen.kecamatan:
        keep &= pd.Series([any(actions.reaches(cell, code) for code in chosen.kecamatan) for cell in steps["wilayah"]],
                          index=steps.index, dtype=bool)
    if chosen.late_only:
        keep &= steps["status_aksi"] == actions.LATE
    return steps[keep]


def responsible_parties(steps: pd.DataFrame) -> list[str]:
    """The responsible institutions named by the steps, alphabetically (the filter's options)."""
    return sorted(steps["pelaksana"].dropna().unique().tolist(), key=str.casefold)


# Open steps first, the late ones before all; then done, then cancelled.
_LIST_ORDER = {actions.LATE: 0, "berjalan": 1, actions.PLANNED: 2, "selesai": 3, "dibatalkan": 4}


def in_list_order(steps: pd.DataFrame) -> pd.DataFrame:
    """Late steps first, then those under way and planned, then done and cancelled; within each, the earliest
    due date first (a step without one last), then by code."""
    order = steps["status_aksi"].map(_LIST_ORDER).fillna(len(_LIST_ORDER))
    due = pd.to_datetime(steps["tenggat"])
    return steps.assign(_order=order, _due=due).sort_values(["_order", "_due", "kode"], na_position="last",
                                                           kind="stable").drop(columns=["_order", "_due"])


def status_counts(steps: pd.DataFrame) -> pd.Series:
    """Steps per effective status, every status listed (in `actions.STATUSES` order), zero included."""
    return steps["status_aksi"].value_counts().reindex(list(actions.STATUSES), fill_value=0).astype(int)


def party_status_counts(steps: pd.DataFrame) -> pd.DataFrame:
    """Steps per kind of responsible party (rows, `PARTY_KINDS` order, kinds without steps left out) and status
    (columns, every status)."""
    table = pd.crosstab(steps["jenis_pelaksana"], steps["status_aksi"])
    kinds = [kind for kind in actions.PARTY_KINDS if kind in table.index]
    return table.reindex(index=kinds, columns=list(actions.STATUSES), fill_value=0).astype(int)


# Status colours (Okabe-Ito): late in the vermilion every chart of the dashboard uses for "bad".
STATUS_COLOURS = {"direncanakan": "#56B4E9", "berjalan": "#0072B2", "selesai": "#009E73", "terlambat": "#D55E00",
                  "dibatalkan": "#999999"}


def party_status_chart(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of steps per kind of responsible party, stacked by status."""
    labels = [t(f"aksi.party.{kind}", lang) for kind in counts.index]
    traces = [dict(type="bar", orientation="h", y=labels, x=counts[status].tolist(), name=t(f"aksi.status.{status}", lang),
                   marker=dict(color=STATUS_COLOURS[status]),
                   hovertemplate=f"%{{y}}<br>{hover_text(t(f'aksi.status.{status}', lang))}: %{{x}}<extra></extra>")
              for status in counts.columns if counts[status].any()]
    # The legend above the bars, where a phone's narrow figure still has room for it.
    return figure(traces, dict(
        barmode="stack", height=140 + 34 * len(labels), font=FONT, margin=dict(l=10, r=10, t=60, b=10),
        yaxis=dict(autorange="reversed", automargin=True), xaxis=dict(title=dict(text=t("aksi.col.steps", lang)),
                                                                      dtick=1, rangemode="tozero"),
        legend=dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom", traceorder="normal"),
        separators=number_separators(lang)))


def area_names(cell: object, areas: AreaRegistry) -> str:
    """A step's areas by name (`Sangatta Utara, Sangkulirang`); a code the registry lacks as written."""
    known = set(areas.areas.index)
    return ", ".join(areas.name(code) if code in known else code for code in actions.areas_of(cell))


def _date(value: object, lang: str) -> str:
    return fmt.date(value, lang) if isinstance(value, dt.date) else ""


def step_table(steps: pd.DataFrame, areas: AreaRegistry, lang: str) -> pd.DataFrame:
    """The list on screen, in list order (`in_list_order`): code, status and due date first (they decide what the
    meeting talks about), the step, responsible party and kind, areas, and the newest report's date. Dates as text
    in the reader's format: the list is sorted already."""
    shown = in_list_order(steps)
    return pd.DataFrame({
        t("aksi.col.code", lang): shown["kode"],
        t("aksi.col.status", lang): [t(f"aksi.status.{status}", lang) for status in shown["status_aksi"]],
        t("aksi.col.due", lang): [_date(value, lang) for value in shown["tenggat"]],
        t("aksi.col.step", lang): shown["judul"],
        t("aksi.col.party", lang): shown["pelaksana"],
        t("aksi.col.kind", lang): [t(f"aksi.party.{kind}", lang) for kind in shown["jenis_pelaksana"]],
        t("aksi.col.areas", lang): [area_names(cell, areas) for cell in shown["wilayah"]],
        t("aksi.col.last_report", lang): [_date(value, lang) for value in shown["laporan_terakhir"]],
    })


LATE_STYLE = "color: #B3261E; font-weight: 600"  # a dark red that reads on white and on a washed-out projector


def late_styled(table: pd.DataFrame, lang: str):
    """`step_table` with the status of a late step in red."""
    late = t(f"aksi.status.{actions.LATE}", lang)
    return table.style.map(lambda status: LATE_STYLE if status == late else "", subset=[t("aksi.col.status", lang)])


# --- one step: details, the dashboard view of its problem, its history -------------------------------------


def rakor_label(code: object, rakor: pd.DataFrame, lang: str, *, with_place: bool = True) -> str:
    """`R-001 · 12 Maret 2026, Ruang Meranti, Kantor Bupati Kutai Timur, Sangatta` (without the place: `R-001 ·
    12 Maret 2026`); the code alone for a rakor the tables lack; empty without a rakor."""
    if not _given(code):
        return ""
    found = rakor[rakor["kode"] == code]
    if found.empty:
        return str(code)
    meeting = found.iloc[0]
    when_where = [_date(meeting["tanggal"], lang), *([meeting["tempat"]] if with_place else [])]
    return " · ".join([str(code), ", ".join(str(part) for part in when_where if _given(part))])


def step_details(step: pd.Series, rakor: pd.DataFrame, areas: AreaRegistry, lang: str) -> list[tuple[str, str]]:
    """A step's fields as (label, text) pairs, the empty ones left out: the problem, who and with whom, where, the
    target, when, the budget and its source, the rakor that decided it. Plain text (it is staff's data)."""
    target = " ".join(str(part) for part in (step["indikator"], step["nilai_target"]) if _given(part))
    period = " – ".join(_date(step[column], lang) for column in ("mulai", "tenggat") if _given(step[column]))
    budget = fmt.rupiah(float(step["anggaran_rp"]), lang) if _given(step["anggaran_rp"]) else ""
    funding = t(f"aksi.fund.{step['sumber_dana']}", lang) if _given(step["sumber_dana"]) else ""
    kind = t(f"aksi.party.{step['jenis_pelaksana']}", lang)
    fields = [
        ("aksi.col.problem", step["masalah"]),
        ("aksi.col.party", f"{step['pelaksana']} ({kind})"),
        ("aksi.col.partners", step["mitra"]),
        ("aksi.col.areas", area_names(step["wilayah"], areas)),
        ("aksi.col.target", target),
        ("aksi.col.period", period),
        ("aksi.col.budget", " · ".join(part for part in (budget, funding) if part)),
        ("aksi.col.rakor", rakor_label(step["rakor"], rakor, lang)),
        ("aksi.col.status", t(f"aksi.status.{step['status_aksi']}", lang)),
    ]
    return [(t(key, lang), str(value)) for key, value in fields if _given(value)]


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA \
        and str(value).strip() != ""


@dataclass(frozen=True)
class Link:
    page: str
    label: str
    query: dict[str, str]


def kecamatan_of(cell: object) -> list[str]:
    """The kecamatan a step names, itself or through its desa, in order."""
    return list(dict.fromkeys(code[:8] for code in actions.areas_of(cell) if len(code) >= 8))


def gap_links(step: pd.Series, programmes: Mapping[str, Programme], areas: AreaRegistry, lang: str) -> list[Link]:
    """Where the dashboard shows the gap a step answers: Peta with its measure (and programme), at the desa of its
    kecamatan when it names one; Cakupan for its programme. Nothing for a measure or programme the dashboard does
    not know."""
    links = []
    kecamatan = kecamatan_of(step["wilayah"])
    one = {"tingkat": "desa", "kecamatan": kecamatan[0]} if len(kecamatan) == 1 else {}
    programme = programmes.get(step["program"]) if _given(step["program"]) else None
    measure = MEASURES.get(step["ukuran"]) if _given(step["ukuran"]) else None
    if measure and (programme or not measure.needs_programme):
        query = {"ukuran": measure.id, **({"program": programme.id} if measure.needs_programme else {}), **one}
        label = peta.measure_label(measure.id, programme.name(lang) if programme else None, lang)
        where = areas.name(kecamatan[0]) if one else t("aksi.link.kutim", lang)
        links.append(Link("views/peta.py", t("aksi.link.peta", lang, measure=label, area=where), query))
    if programme:
        query = {"program": programme.id, **({"kecamatan": kecamatan[0]} if one else {})}
        links.append(Link("views/cakupan.py", t("aksi.link.cakupan", lang, programme=programme.name(lang)), query))
    return links


def progress_history(code: str, progress: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A step's progress reports, newest first (the later row first on the same date): date, status, what was
    done, evidence, the reporting institution."""
    rows = progress[progress["aksi"] == code]
    rows = rows.assign(_order=range(len(rows))).sort_values(["tanggal", "_order"], ascending=False, kind="stable")
    return pd.DataFrame({
        t("aksi.col.date", lang): [_date(value, lang) for value in rows["tanggal"]],
        t("aksi.col.status", lang): [t(f"aksi.status.{status}", lang) for status in rows["status"]],
        t("aksi.col.report", lang): rows["uraian"].fillna(""),
        t("aksi.col.evidence", lang): rows["bukti"].fillna(""),
        t("aksi.col.reporter", lang): rows["pelapor"].fillna(""),
    })


# How a changed value reads: dates in the reader's format, codes as their labels.
_DATE_FIELDS = ("mulai", "tenggat", "tanggal")
_LABELLED_FIELDS = {"jenis_pelaksana": "aksi.party", "sumber_dana": "aksi.fund", "status": "aksi.status"}


def _value_text(field: str, value: object, lang: str) -> str:
    if value is None:
        return "–"
    if field in _DATE_FIELDS:
        return _date(actions.as_date(value), lang)
    if field in _LABELLED_FIELDS and f"{_LABELLED_FIELDS[field]}.{value}" in TEXTS:
        return t(f"{_LABELLED_FIELDS[field]}.{value}", lang)
    if field == "anggaran_rp":
        return fmt.rupiah(float(value), lang)
    return str(value)


def _field_label(field: str, lang: str) -> str:
    key = f"aksi.field.{field}"
    return t(key, lang) if key in TEXTS else field


def change_text(table: str, changes: Mapping[str, list], lang: str) -> str:
    """One audit entry in words: a new step or report, or each field's old and new value."""
    if all(old is None for old, _ in changes.values()):
        if table == "kemajuan":
            return t("aksi.change.report", lang, status=_value_text("status", changes.get("status", [None, None])[1],
                                                                     lang))
        return t("aksi.change.created", lang)
    return "; ".join(f"{_field_label(field, lang)}: {_value_text(field, old, lang)} → {_value_text(field, new, lang)}"
                     for field, (old, new) in changes.items())


def change_history(code: str, audit: pd.DataFrame, lang: str, *, with_staff: bool) -> pd.DataFrame:
    """The recorded changes to a step and its reports (`Store.action_audit`, newest first): when (WITA), what,
    and with `with_staff` (internal mode only) which staff user; the public never sees a staff name."""
    rows = audit[(audit["kode"] == code) & audit["tabel"].isin(["aksi", "kemajuan"])]
    table = pd.DataFrame({
        t("aksi.col.when", lang): [fmt.wita(when, lang) for when in rows["diubah_pada"]],
        t("aksi.col.change", lang): [change_text(table, json.loads(changes), lang)
                                     for table, changes in zip(rows["tabel"], rows["perubahan"])],
    })
    if with_staff:
        table[t("aksi.col.by", lang)] = rows["oleh"].to_numpy()
    return table


# --- provenance and the file for the minutes ----------------------------------------------------------------


def _released_rows(status: pd.Series, releases: pd.DataFrame) -> pd.DataFrame:
    """Rows for `lib.core.provenance.of`: the steps' kinds (demo or an agency's data) in Rencana Aksi's release."""
    release = releases.loc[releases["dataset"] == actions.DATASET, "id"]
    return pd.DataFrame({"status": status.to_numpy(), "sumber": None,
                         "rilis_id": int(release.iloc[0]) if len(release) else None})


def steps_provenance(steps: pd.DataFrame, releases: pd.DataFrame) -> provenance.Provenance:
    """The provenance of the steps shown: their kinds, the demo label when they are demo steps, the release."""
    return provenance.of(_released_rows(steps["status"], releases), releases)


def map_provenance(rows: pd.DataFrame, programme: str | None, year: int, steps: pd.DataFrame,
                   releases: pd.DataFrame) -> provenance.Provenance:
    """The provenance of the need map: the decile rows the need is computed from and the steps drawn over it."""
    need = peta.kutim_rows(rows, programme, year, None)
    columns = ["status", "sumber", "rilis_id"] if "rilis_id" in need.columns else ["status", "sumber"]
    return provenance.of(pd.concat([need[columns], _released_rows(steps["status"], releases)], ignore_index=True),
                         releases)


def export_table(steps: pd.DataFrame, rakor: pd.DataFrame, areas: AreaRegistry, lang: str) -> pd.DataFrame:
    """The list as a file for the minutes (notulen), in list order: every field of each step, dates as dates,
    the budget as a number, codes beside names, each step's kind of data and the demo label on a demo step.
    Institutions only: the file names no staff user."""
    shown = in_list_order(steps)
    frame = pd.DataFrame({
        t("aksi.col.code", lang): shown["kode"],
        t("aksi.col.rakor", lang): [rakor_label(code, rakor, lang) for code in shown["rakor"]],
        t("aksi.col.step", lang): shown["judul"],
        t("aksi.col.problem", lang): shown["masalah"],
        t("aksi.col.party", lang): shown["pelaksana"],
        t("aksi.col.kind", lang): [t(f"aksi.party.{kind}", lang) for kind in shown["jenis_pelaksana"]],
        t("aksi.col.partners", lang): shown["mitra"],
        t("aksi.col.area_codes", lang): shown["wilayah"],
        t("aksi.col.areas", lang): [area_names(cell, areas) for cell in shown["wilayah"]],
        t("aksi.col.indicator", lang): shown["indikator"],
        t("aksi.col.target_value", lang): pd.to_numeric(shown["nilai_target"]),
        t("aksi.col.start", lang): shown["mulai"],
        t("aksi.col.due", lang): shown["tenggat"],
        t("aksi.col.budget_rp", lang): pd.to_numeric(shown["anggaran_rp"]),
        t("aksi.col.funding", lang): [t(f"aksi.fund.{s}", lang) if _given(s) else "" for s in shown["sumber_dana"]],
        t("aksi.col.status", lang): [t(f"aksi.status.{status}", lang) for status in shown["status_aksi"]],
        t("aksi.col.last_report", lang): shown["laporan_terakhir"],
        t("aksi.col.report", lang): shown["uraian_terakhir"],
    })
    sources = pd.Series([rakor_label(code, rakor, lang) or t("aksi.source_staff", lang) for code in shown["rakor"]],
                        index=shown.index)
    return frame.assign(**exports.provenance_cells(shown["status"], sources, lang)).reset_index(drop=True)
