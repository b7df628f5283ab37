"""The rakor agenda: an ordered list of slides that staff configure in a TOML file (slides as data).

Every problem in a staff-edited agenda is reported at once, in Indonesian, naming the slide, the field and
the fix; the presentation then falls back to the shipped default agenda instead of failing in front of the
room.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from lib.core.settings import DATA_DIR

DEFAULT_AGENDA = DATA_DIR / "agenda.toml"

# Fields each kind of slide needs, and those it may have.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ringkasan": ((), ()),
    "peta_kaltim": (("indikator",), ("tahun",)),
    "peta_kecamatan": (("ukuran",), ("tahun", "program")),
    "kesenjangan_program": (("program",), ("tahun",)),
    "tren": (("indikator",), ("wilayah",)),
    "profil": (("wilayah",), ("tahun",)),
    "sejak_rakor": (("ukuran", "tahun_awal", "tahun_akhir"), ("program",)),
    # Rencana Aksi: the steps of a rakor (the last one before today by default), and the need map's high-need
    # kecamatan no step reaches (the share of deciles 1-4 by default).
    "tindak_lanjut": ((), ("rakor",)),
    "prioritas_tanpa_aksi": ((), ("ukuran", "program", "tahun")),
}


@dataclass(frozen=True)
class Slide:
    kind: str
    title: str
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Known:
    """What exists in the data, to check an agenda against."""

    indicators: Collection[str]
    measures: Collection[str]
    programmes: Collection[str]
    areas: Collection[str]
    years: Collection[int]
    rakor: Collection[str] = ()  # codes of the recorded rakor (Rencana Aksi)


def parse(text: str, known: Known) -> tuple[list[Slide], list[str]]:
    """Slides of an agenda text and every problem found (empty when the agenda can be used as it is)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return [], [f"Berkas agenda bukan TOML yang sah ({error}). Perbaiki penulisannya, misalnya tanda kutip."]
    entries = data.get("slide")
    if not isinstance(entries, list) or not entries:
        return [], ["Berkas agenda tidak berisi satu pun `[[slide]]`. Tambahkan sedikitnya satu slide."]
    slides, problems = [], []
    for number, entry in enumerate(entries, start=1):
        found = _check(entry, number, known)
        problems += found
        if not found:
            options = {key: value for key, value in entry.items() if key not in ("jenis", "judul")}
            slides.append(Slide(entry["jenis"], str(entry["judul"]), options))
    return slides, problems


def _check(entry: dict, number: int, known: Known) -> list[str]:
    where = f"Slide {number}"
    kind = entry.get("jenis")
    if kind not in KINDS:
        return [f"{where}: kolom `jenis` bernilai `{kind}`; pilih salah satu dari {', '.join(KINDS)}."]
    problems = [] if str(entry.get("judul", "")).strip() else [f"{where}: kolom `judul` kosong; isi judul slide."]
    required, optional = KINDS[kind]
    for name in required:
        if name not in entry:
            problems.append(f"{where} ({kind}): kolom `{name}` belum diisi.")
    for name in set(entry) - {"jenis", "judul", *required, *optional}:
        problems.append(f"{where} ({kind}): kolom `{name}` tidak dikenal untuk jenis ini; hapus kolom itu.")
    checks = {
        "indikator": (known.indicators, "indikator"),
        "ukuran": (known.measures, "ukuran"),
        "program": (known.programmes, "program"),
    }
    for name, (allowed, label) in checks.items():
        if name in entry and entry[name] not in allowed:
            problems.append(f"{where}: {label} `{entry[name]}` tidak dikenal; pilih salah satu dari "
                            f"{', '.join(sorted(allowed))}.")
    for name in ("tahun", "tahun_awal", "tahun_akhir"):
        if name in entry and entry[name] not in known.years:
            problems.append(f"{where}: kolom `{name}` bernilai `{entry[name]}`, padahal data tersedia untuk tahun "
                            f"{min(known.years)}–{max(known.years)}.")
    if "rakor" in entry and entry["rakor"] not in known.rakor:
        fix = (f"; pilih salah satu dari {', '.join(sorted(known.rakor))}, atau" if known.rakor
               else " (belum ada rakor tercatat);")
        problems.append(f"{where}: rakor `{entry['rakor']}` tidak dikenal{fix} hapus kolom `rakor` untuk rakor "
                        "terakhir sebelum hari ini.")
    codes = entry.get("wilayah", [])
    for code in [codes] if isinstance(codes, str) else codes:
        if code not in known.areas:
            problems.append(f"{where}: kode wilayah `{code}` tidak dikenal; pakai kode Kemendagri, mis. `64.08.09`.")
    return problems


def load(path: Path, known: Known) -> tuple[list[Slide], list[str]]:
    """The agenda at `path`, or the default agenda with the problems that made it unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text, problems = None, [f"Berkas agenda `{path}` tidak dapat dibaca. Periksa pengaturan DASBOR_AGENDA."]
    if text is not None:
        slides, problems = parse(text, known)
        if not problems:
            return slides, []
    default, _ = parse(DEFAULT_AGENDA.read_text(encoding="utf-8"), known)
    return default, problems
