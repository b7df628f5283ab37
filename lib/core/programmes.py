"""The programme registry: each social-protection programme, who it is for, who runs it, how staff write it.

`data/program.csv` is the one place a programme is described — its names, eligible welfare deciles,
implementer and the other ways staff write it in a file (`ejaan`) — so a programme added there is known to the
pages, profiles, slides and uploads of a store built from it, with no code change.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Programme:
    id: str
    name_id: str
    name_en: str
    unit: str  # what one recipient is: a family (KK), a beneficiary household (KPM), a house (unit)
    first_eligible_decile: int
    last_eligible_decile: int
    eligibility_basis: str  # where the eligible deciles come from: a published rule, or the default
    implementer: str  # pelaksana: the agency that runs it, filled in for uploaded rows that name none
    description_id: str
    description_en: str
    spellings: tuple[str, ...] = ()  # other ways staff write it in a heading or a cell: `bpnt`, `kis pbi`

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id

    def eligible_deciles(self) -> range:
        """The welfare deciles the programme is meant for: its coverage counts households in these."""
        return range(self.first_eligible_decile, self.last_eligible_decile + 1)


def _spellings(text: object) -> tuple[str, ...]:
    """`"sembako; bpnt; program sembako"` -> `("sembako", "bpnt", "program sembako")`; nothing for an empty cell."""
    if not isinstance(text, str):
        return ()
    return tuple(spelling.strip() for spelling in text.split(";") if spelling.strip())


def registry_from_frame(frame: pd.DataFrame) -> dict[str, Programme]:
    """The `program` table (or data/program.csv) as programmes by id, in id order."""
    return {
        row["id"]: Programme(
            id=row["id"],
            name_id=row["nama_id"],
            name_en=row["nama_en"],
            unit=row["satuan"],
            first_eligible_decile=int(row["desil_layak_min"]),
            last_eligible_decile=int(row["desil_layak_max"]),
            eligibility_basis=row["dasar_kelayakan"],
            implementer=row["pelaksana"],
            description_id=row["keterangan_id"],
            description_en=row["keterangan_en"],
            spellings=_spellings(row["ejaan"]),
        )
        for row in frame.sort_values("id").to_dict(orient="records")
    }
