import pytest

from lib.content import agenda
from lib.content.agenda import Known

KNOWN = Known(indicators={"persentase_penduduk_miskin_P0", "ipm"}, measures={"persen_desil_1_2"},
              programmes={"PKH"}, areas={"64.08", "64.08.09", "64"}, years={2024, 2025})


def test_the_shipped_agenda_is_valid_and_in_order(store):
    from lib.analysis.measures import MEASURES
    from lib.core.indicators import registry_from_frame

    known = Known(registry_from_frame(store.indicators()), MEASURES, store.programmes()["id"].tolist(),
                  store.areas()["kode"].tolist(), range(2010, 2026))
    slides, problems = agenda.parse(agenda.DEFAULT_AGENDA.read_text(encoding="utf-8"), known)
    assert problems == []
    assert [s.kind for s in slides] == ["ringkasan", "tren", "peta_kaltim", "peta_kecamatan", "kesenjangan_program",
                                        "sejak_rakor", "profil", "tindak_lanjut", "prioritas_tanpa_aksi"]
    assert slides[1].options == {"indikator": "persentase_penduduk_miskin_P0", "wilayah": ["64.08", "64", "ID"]}


def test_every_problem_is_reported_with_slide_field_and_fix():
    text = """
[[slide]]
jenis = "grafik"
judul = "A"

[[slide]]
jenis = "tren"
judul = ""
indikator = "kemiskinan"
wilayah = ["64.08", "99.99"]
warna = "merah"

[[slide]]
jenis = "sejak_rakor"
judul = "C"
ukuran = "persen_desil_1_2"
tahun_awal = 2019
"""
    slides, problems = agenda.parse(text, KNOWN)
    assert slides == []
    joined = "\n".join(problems)
    assert "Slide 1: kolom `jenis` bernilai `grafik`; pilih salah satu dari ringkasan" in joined
    assert "Slide 2: kolom `judul` kosong" in joined
    assert "Slide 2: indikator `kemiskinan` tidak dikenal" in joined
    assert "Slide 2: kode wilayah `99.99` tidak dikenal" in joined
    assert "Slide 2 (tren): kolom `warna` tidak dikenal untuk jenis ini; hapus kolom itu." in joined
    assert "Slide 3 (sejak_rakor): kolom `tahun_akhir` belum diisi." in joined
    assert "Slide 3: kolom `tahun_awal` bernilai `2019`, padahal data tersedia untuk tahun 2024–2025." in joined


@pytest.mark.parametrize(("text", "message"), [("judul = [", "bukan TOML yang sah"), ("", "tidak berisi satu pun")])
def test_unreadable_agendas(text, message):
    assert message in agenda.parse(text, KNOWN)[1][0]


def test_a_broken_agenda_file_falls_back_to_the_default(tmp_path, store):
    from lib.analysis.measures import MEASURES
    from lib.core.indicators import registry_from_frame

    known = Known(registry_from_frame(store.indicators()), MEASURES, store.programmes()["id"].tolist(),
                  store.areas()["kode"].tolist(), range(2010, 2026))
    broken = tmp_path / "agenda.toml"
    broken.write_text('[[slide]]\njenis = "x"\njudul = "y"\n', encoding="utf-8")
    slides, problems = agenda.load(broken, known)
    assert len(slides) == 9 and problems
    slides, problems = agenda.load(tmp_path / "missing.toml", known)
    assert len(slides) == 9 and "tidak dapat dibaca" in problems[0]


def test_rencana_aksi_slides_need_no_field_and_check_the_ones_given():
    known = Known(KNOWN.indicators, KNOWN.measures, KNOWN.programmes, KNOWN.areas, KNOWN.years, rakor={"R-001", "R-002"})
    text = """
[[slide]]
jenis = "tindak_lanjut"
judul = "Tindak lanjut"

[[slide]]
jenis = "prioritas_tanpa_aksi"
judul = "Prioritas"

[[slide]]
jenis = "tindak_lanjut"
judul = "Rakor Maret"
rakor = "R-001"

[[slide]]
jenis = "prioritas_tanpa_aksi"
judul = "Prioritas PKH"
ukuran = "persen_desil_1_2"
program = "PKH"
tahun = 2024
"""
    slides, problems = agenda.parse(text, known)
    assert problems == []
    assert [(s.kind, s.options) for s in slides] == [
        ("tindak_lanjut", {}), ("prioritas_tanpa_aksi", {}), ("tindak_lanjut", {"rakor": "R-001"}),
        ("prioritas_tanpa_aksi", {"ukuran": "persen_desil_1_2", "program": "PKH", "tahun": 2024})]


def test_every_problem_of_the_rencana_aksi_slides_at_once():
    known = Known(KNOWN.indicators, KNOWN.measures, KNOWN.programmes, KNOWN.areas, KNOWN.years, rakor={"R-001", "R-002"})
    text = """
[[slide]]
jenis = "tindak_lanjut"
judul = "A"
rakor = "R-009"
wilayah = "64.08"

[[slide]]
jenis = "prioritas_tanpa_aksi"
judul = ""
ukuran = "kemiskinan"
program = "KIP"
tahun = 2019
"""
    slides, problems = agenda.parse(text, known)
    assert slides == []
    assert problems == [
        "Slide 1 (tindak_lanjut): kolom `wilayah` tidak dikenal untuk jenis ini; hapus kolom itu.",
        "Slide 1: rakor `R-009` tidak dikenal; pilih salah satu dari R-001, R-002, atau hapus kolom `rakor` untuk "
        "rakor terakhir sebelum hari ini.",
        "Slide 2: kolom `judul` kosong; isi judul slide.",
        "Slide 2: ukuran `kemiskinan` tidak dikenal; pilih salah satu dari persen_desil_1_2.",
        "Slide 2: program `KIP` tidak dikenal; pilih salah satu dari PKH.",
        "Slide 2: kolom `tahun` bernilai `2019`, padahal data tersedia untuk tahun 2024–2025.",
    ]
    # Before any rakor is recorded, a named one cannot be found.
    _, problems = agenda.parse('[[slide]]\njenis = "tindak_lanjut"\njudul = "A"\nrakor = "R-001"\n', KNOWN)
    assert problems == ["Slide 1: rakor `R-001` tidak dikenal (belum ada rakor tercatat); hapus kolom `rakor` untuk "
                        "rakor terakhir sebelum hari ini."]
