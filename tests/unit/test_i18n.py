import string

from lib.core.i18n import LANGUAGES, TEXTS, document_name, t, target_name


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_every_language_with_the_same_placeholders():
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert _placeholders(entry["id"]) == _placeholders(entry["en"]), key


def test_placeholders_are_filled_and_english_is_chosen():
    assert t("ringkasan.versus", "en", previous="2024") == "versus 2024"
    assert t("ringkasan.versus", "id", previous="2024") == "dibanding 2024"


def test_unknown_language_falls_back_to_indonesian():
    assert t("page.tren", "fr") == "Tren"


def test_a_target_says_whose_it_is():
    assert target_name("ID", "Indonesia", "id") == "Target nasional"
    assert target_name("ID", "Indonesia", "en") == "National target"
    assert target_name("64.08", "Kabupaten Kutai Timur", "id") == "Target Kutim"
    assert target_name("64", "Kalimantan Timur", "id") == "Target Kaltim"
    assert target_name("64.02", "Kabupaten Berau", "id") == "Target Kabupaten Berau"


def test_english_words_of_document_names_are_said_in_indonesian():
    # The shipped target.csv names its documents partly in English; the Indonesian page says them in Indonesian.
    assert document_name("statement of Bappeda Kutim", "id") == "pernyataan Bappeda Kutim"
    assert document_name("RPJMN 2025-2029 (as reported)", "id") == "RPJMN 2025-2029 (menurut pemberitaan)"
    assert document_name("pernyataan Bappeda Kutim", "en") == "statement of Bappeda Kutim"
    assert document_name("RKP 2025", "id") == "RKP 2025"
