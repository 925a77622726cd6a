"""The font of each script: a mapping's table, the faces a language picks, font lookups."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from generator.errors import DeckError
from generator.layout.fonts import DEFAULT_FONTS, METRIC_TWINS, SCRIPT_SLOTS, font_table
from generator.locales import get_locale

HOUSE = {"latin": "Arial"}        # every other script from the defaults


def faces_of(tag: str, fonts=None):
    """(latin, east asian, complex script) of a deck in ``tag`` with the ``fonts:`` table ``fonts``."""
    return font_table(fonts or HOUSE, METRIC_TWINS).for_locale(get_locale(tag).script).slot_families()


def test_scripts_left_out_take_the_latin_font_or_a_noto_default():
    families = font_table(HOUSE).families
    assert set(families) == set(SCRIPT_SLOTS)
    assert families["cyrillic"] == families["greek"] == "Arial"
    assert families["hebrew"] == "Noto Sans Hebrew" and families["japanese"] == "Noto Sans CJK JP"
    assert font_table({"latin": "Georgia", "thai": "Noto Serif Thai"}).families["thai"] == "Noto Serif Thai"


@pytest.mark.parametrize("tag, east_asian", [
    ("ja", "Noto Sans CJK JP"), ("ko", "Noto Sans CJK KR"), ("zh-Hans", "Noto Sans CJK SC"),
    ("zh-Hant", "Noto Sans CJK TC"), ("zh-TW", "Noto Sans CJK TC"), ("en", "Noto Sans CJK SC"),
])
def test_the_language_picks_the_east_asian_face(tag, east_asian):
    assert faces_of(tag)[1] == east_asian


def test_other_languages_take_the_mappings_east_asian_face():
    fonts = {"latin": "Arial", "east_asian": "Noto Sans CJK KR"}
    assert faces_of("fr", fonts)[1] == "Noto Sans CJK KR"
    assert faces_of("ja", fonts)[1] == "Noto Sans CJK JP"      # Japanese keeps its own


@pytest.mark.parametrize("tag, complex_script", [
    ("he", "Noto Sans Hebrew"), ("hi", "Noto Sans Devanagari"), ("th", "Noto Sans Thai"),
    ("ar", "Noto Sans Arabic"), ("en", "Noto Sans Arabic"), ("ja", "Noto Sans Arabic"),
])
def test_the_complex_script_face_is_the_languages_script_or_arabic(tag, complex_script):
    assert faces_of(tag)[2] == complex_script


def test_cyrillic_and_greek_languages_put_their_font_in_the_latin_slot():
    fonts = {"latin": "Arial", "cyrillic": "DejaVu Sans", "greek": "DejaVu Serif"}
    assert faces_of("ru", fonts)[0] == "DejaVu Sans"
    assert faces_of("el", fonts)[0] == "DejaVu Serif"
    assert faces_of("fr", fonts)[0] == "Arial"


def test_the_older_keys_mean_what_they_meant():
    table = font_table({"latin": "Georgia", "east_asian": "Noto Serif CJK SC", "complex": "Noto Naskh Arabic"})
    assert table.families["arabic"] == "Noto Naskh Arabic"
    assert table.east_asian == "Noto Serif CJK SC"
    assert table.for_locale("Latn").slot_families() == ("Georgia", "Noto Serif CJK SC", "Noto Naskh Arabic")
    assert table.for_locale("Jpan").slot_families()[1] == DEFAULT_FONTS["japanese"]


def test_without_east_asian_other_languages_take_the_simplified_chinese_face():
    assert font_table({"latin": "Arial", "chinese_simplified": "Noto Serif CJK SC"}).east_asian == "Noto Serif CJK SC"


@pytest.mark.parametrize("tag, name", [
    ("ja", "Noto Sans CJK JP"), ("ko", "Noto Sans CJK KR"), ("zh-Hans", "Noto Sans CJK SC"),
    ("zh-Hant", "Noto Sans CJK TC"),
])
def test_an_east_asian_face_is_its_own_face_of_the_collection(tag, name):
    face = font_table(HOUSE).for_locale(get_locale(tag).script).face("cjk")
    assert face.path.endswith(".ttc")
    assert TTFont(face.path, fontNumber=face.index, lazy=True)["name"].getDebugName(1) == name


@pytest.mark.parametrize("key, family, package", [
    ("hebrew", "Noto Sans Klingon", "fonts-noto-core"),
    ("japanese", "Noto Sans CJK XX", "fonts-noto-cjk"),
])
def test_a_scripts_missing_font_names_the_package_and_the_key(key, family, package):
    script = {"hebrew": "Hebr", "japanese": "Jpan"}[key]
    fonts = font_table({"latin": "Arial", key: family}, METRIC_TWINS).for_locale(script)
    with pytest.raises(DeckError, match=f"'{family}' is not installed.*{package}.*the {key} font"):
        fonts.face("hebrew" if key == "hebrew" else "cjk")


def test_a_missing_font_is_looked_up_only_when_its_script_is_drawn():
    fonts = font_table({"latin": "Arial", "hebrew": "Noto Sans Klingon"}, METRIC_TWINS).for_locale("Latn")
    assert fonts.face("latin").family == "Liberation Sans"
