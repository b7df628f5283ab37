import string

from lib.core.i18n import LANGUAGES, TEXTS, t


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
