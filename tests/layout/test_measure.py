"""Text measurement and wrapping with the real installed fonts (Liberation, Noto)."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from generator.errors import DeckError
from generator.layout import measure
from generator.layout.fonts import METRIC_TWINS, FontSet, find_face, font_table
from generator.layout.linebreak import SOFT_HYPHEN
from generator.layout.measure import (
    ARABIC, CJK, COMMON, CYRILLIC, DEVANAGARI, FONT_INDEPENDENT_LINE_HEIGHTS, GREEK, HEBREW, LATIN, THAI,
    MissingGlyph, TextMeasurer, char_script, script_runs,
)
from generator.locales import get_locale

ISO = "ISO develops International Standards"
CHINESE = "国际标准化组织（ISO）是一个独立的、非政府的国际组织，其成员由165个国家标准机构组成。它汇集专家，分享知识，制定自愿的、基于共识的国际标准。"
ARABIC_TEXT = "تضع الأيزو معايير دولية"
THAI_TEXT = "องค์การระหว่างประเทศว่าด้วยการมาตรฐานเป็นองค์กรอิสระ"
JAPANESE = "国際標準化機構（ISO）は、独立した非政府の国際機関です。「規格」をつくる、ちょっとしたコーヒーの会議。"
KOREAN = "국제표준화기구는 독립적인 비정부 국제기구입니다."


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet(latin="Arial", complex_script="Noto Sans Arabic", east_asian="Noto Sans CJK SC",
                   twins=METRIC_TWINS)


@pytest.fixture(scope="module")
def measurer(fonts) -> TextMeasurer:
    return TextMeasurer(fonts)


def advance_sum_em(face, text: str) -> float:
    """Unshaped width: each character's nominal (isolated-form) glyph advance, in em."""
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    total = sum(hmtx[cmap[ord(char)]][0] for char in text)
    return total / font["head"].unitsPerEm


# --- fonts ---------------------------------------------------------------------------------

def test_twin_resolves_arial_to_liberation_sans(fonts):
    face = fonts.face(LATIN)
    assert face.family == "Liberation Sans"
    assert face.path.endswith(".ttf") and not face.bold


def test_bold_face_is_a_bold_file(fonts):
    assert fonts.face(LATIN, bold=True).bold
    assert fonts.face(LATIN, bold=True).path != fonts.face(LATIN).path


def test_cjk_face_is_inside_a_collection(fonts):
    face = fonts.face(CJK)
    assert face.path.endswith(".ttc")
    assert TTFont(face.path, fontNumber=face.index, lazy=True)["name"].getDebugName(1) == "Noto Sans CJK SC"


def test_missing_font_names_the_debian_package():
    with pytest.raises(DeckError, match="fonts-noto-core"):
        find_face("Noto Sans Imaginary")


def test_missing_twin_names_the_family_it_stands_for():
    with pytest.raises(DeckError, match="Liberation Sanz.*fonts-liberation2.*twin of 'Arial'"):
        find_face("Arial", twins={"Arial": "Liberation Sanz"})


# --- scripts -------------------------------------------------------------------------------

@pytest.mark.parametrize("char, script", [
    ("A", LATIN), ("é", LATIN), ("Ж", CYRILLIC), ("ب", ARABIC), ("ﻻ", ARABIC),
    ("国", CJK), ("か", CJK), ("カ", CJK), ("한", CJK), ("。", CJK), ("，", CJK), ("Ａ", CJK),
    (" ", COMMON), ("7", COMMON), ("(", COMMON), ("\u00a0", COMMON),
])
def test_char_script(char, script):
    assert char_script(char) == script


def test_script_runs_split_mixed_text_and_give_neutrals_their_context():
    assert script_runs("ISO 是 165 个") == [(LATIN, "ISO "), (CJK, "是"), (LATIN, " 165 "), (CJK, "个")]
    assert script_runs("ИСО — это") == [(CYRILLIC, "ИСО — это")]
    assert script_runs("2025 الأيزو") == [(ARABIC, "2025 الأيزو")]


@pytest.mark.parametrize("char, script", [
    ("Ω", GREEK), ("ά", GREEK), ("ἀ", GREEK), ("ש", HEBREW), ("\u05b8", HEBREW), ("ﬠ", HEBREW),
    ("क", DEVANAGARI), ("\u094d", DEVANAGARI), ("ก", THAI), ("ᄀ", CJK), ("ꥠ", CJK), ("𛀁", CJK),
])
def test_each_script_has_its_class(char, script):
    assert char_script(char) == script


@pytest.mark.parametrize("char, script, unicode_script", [
    ("ー", CJK, "Common"), ("、", CJK, "Common"), ("Ａ", CJK, "Latin"), ("।", DEVANAGARI, "Common"),
])
def test_characters_take_the_class_of_their_block_not_their_unicode_script(char, script, unicode_script):
    """PowerPoint draws these in the slot of their block; the Script property would send them to latin."""
    icu = pytest.importorskip("icu")
    assert icu.Script.getScript(char).getName() == unicode_script
    assert char_script(char) == script


_CLASS_OF_ICU_SCRIPT = {"Latin": LATIN, "Greek": GREEK, "Cyrillic": CYRILLIC, "Hebrew": HEBREW, "Arabic": ARABIC,
                        "Devanagari": DEVANAGARI, "Thai": THAI, "Han": CJK, "Hiragana": CJK, "Katakana": CJK,
                        "Hangul": CJK, "Bopomofo": CJK}


def test_the_letters_of_each_block_are_of_the_script_unicode_says():
    """Every letter inside the blocks of a class belongs to that script (the Greek block's Coptic apart)."""
    import unicodedata

    from generator.layout.measure import _SCRIPT_RANGES

    icu = pytest.importorskip("icu")
    wrong = []
    for start, end, script in _SCRIPT_RANGES:
        for code in range(start, min(end, 0x2FFFF) + 1):
            char = chr(code)
            if not unicodedata.category(char).startswith("L"):
                continue
            unicode_script = icu.Script.getScript(char).getName()
            if unicode_script in ("Common", "Inherited", "Coptic") or (script == CJK and unicode_script == "Latin"):
                continue
            if _CLASS_OF_ICU_SCRIPT.get(unicode_script) != script:
                wrong.append(f"U+{code:04X} {unicode_script} in {script}")
    assert not wrong, wrong[:10]


# --- the faces of a language ---------------------------------------------------------------

def measurer_for(tag: str, **fonts) -> TextMeasurer:
    """The measurer of a deck in ``tag`` on a template mapping ``fonts`` (latin: Arial, the rest default)."""
    table = font_table({"latin": "Arial", **fonts}, METRIC_TWINS)
    return TextMeasurer(table.for_locale(get_locale(tag).script))


def faces_of(measurer: TextMeasurer, text: str) -> list[tuple[str, str, bool]]:
    """(text, face name, right to left) of each run ``text`` is shaped in."""
    return [(text[run.start:run.end], TTFont(run.face.path, fontNumber=run.face.index, lazy=True)["name"]
             .getDebugName(1), run.rtl) for run in measurer._face_runs(text, False)]


@pytest.mark.parametrize("tag, face", [
    ("ja", "Noto Sans CJK JP"), ("ko", "Noto Sans CJK KR"), ("zh-Hans", "Noto Sans CJK SC"),
    ("zh-Hant", "Noto Sans CJK TC"),
])
def test_han_is_measured_with_the_face_of_the_language(tag, face):
    assert faces_of(measurer_for(tag), "直化") == [("直化", face, False)]


def test_kana_and_hangul_in_a_japanese_deck_are_measured_with_the_japanese_face():
    assert {name for _, name, _ in faces_of(measurer_for("ja"), "直すカナ한국")} == {"Noto Sans CJK JP"}


def test_the_japanese_face_draws_other_forms_than_the_chinese_one():
    """直 has different glyphs in the JP and SC faces of the collection: the JP face index is used."""
    japanese, chinese = (measurer_for(tag).fonts.face(CJK) for tag in ("ja", "zh-Hans"))
    assert japanese.path == chinese.path and japanese.index != chinese.index
    glyph = {face.index: TTFont(face.path, fontNumber=face.index, lazy=True).getBestCmap()[ord("直")]
             for face in (japanese, chinese)}
    assert glyph[japanese.index] != glyph[chinese.index]


@pytest.mark.parametrize("tag, text, face", [
    ("he", "שלום עולם", "Noto Sans Hebrew"), ("hi", "क्षमता", "Noto Sans Devanagari"),
    ("th", "มาตรฐาน", "Noto Sans Thai"), ("ar", ARABIC_TEXT, "Noto Sans Arabic"),
])
def test_complex_scripts_are_measured_with_the_face_of_the_language(tag, text, face):
    rtl = tag in ("he", "ar")
    assert faces_of(measurer_for(tag), text) == [(text, face, rtl)]


def test_hebrew_is_shaped_right_to_left():
    measurer = measurer_for("he")
    text = "שָׁלוֹם"
    shaped = []
    original = measure._shaped_em

    def spy(face, part, rtl):
        shaped.append((part, rtl))
        return original(face, part, rtl)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(measure, "_shaped_em", spy)
        measurer.width(text, 20)
    assert shaped == [(text, True)]


def test_devanagari_conjuncts_are_shaped():
    measurer = measurer_for("hi")
    unshaped = advance_sum_em(measurer.fonts.face(DEVANAGARI), "क्ष") * 20
    assert measurer.width("क्ष", 20) < unshaped * 0.9


def test_a_letter_the_face_lacks_is_an_error_naming_it():
    measurer = measurer_for("hi", devanagari="Liberation Sans")
    with pytest.raises(MissingGlyph) as info:
        measurer.width("ISO नमस्ते", 20)
    error = info.value
    assert "U+0928 DEVANAGARI LETTER NA" in error.message
    assert "the devanagari font, Liberation Sans," in error.message and "ISO नमस्ते" in error.message
    assert "devanagari:" in error.hint and "Noto Sans Devanagari" in error.hint


def test_a_letter_is_not_taken_from_another_slots_face():
    """Liberation Sans has Hebrew letters, but an Arabic deck draws them in its a:cs face, which has none."""
    with pytest.raises(MissingGlyph, match=r"the arabic font, Noto Sans Arabic, has no glyph for U\+05E9 HEBREW"):
        measurer_for("ar").width("ש", 20)


def test_punctuation_the_face_lacks_is_taken_from_a_latin_face():
    """Noto Sans Arabic has no parentheses: they are measured with the widest latin face that has them
    (the deck's, or the system's fallback), never with the wide East Asian face."""
    from generator.layout.fonts import system_fallback_face

    runs = faces_of(measurer_for("ar"), "(الأيزو)")
    names = [name for part, name, _ in runs if part in "()"]
    latin = {"Liberation Sans"} | ({system_fallback_face(False).family} if system_fallback_face(False) else set())
    assert len(names) == 2 and set(names) <= latin


def test_a_symbol_no_face_has_is_an_error():
    with pytest.raises(MissingGlyph, match=r"no font of the deck \(Arial, .*\) has a glyph for U\+1F600"):
        measurer_for("en").width("ISO \U0001F600", 20)


def test_invisible_characters_need_no_glyph():
    measurer = measurer_for("hi", devanagari="Noto Sans Devanagari")
    measurer.check_glyphs("क्\u200dष ISO\u00adIEC \u2060x\ufe0f")


def test_check_glyphs_checks_every_line():
    with pytest.raises(MissingGlyph, match=r"U\+1F600"):
        measurer_for("en").check_glyphs("ISO\nIEC \U0001F600")


# --- widths --------------------------------------------------------------------------------

def test_latin_width_matches_font_advances(measurer, fonts):
    text = "Conformity assessment builds trust"
    expected = advance_sum_em(fonts.face(LATIN), text) * 20
    assert measurer.width(text, 20) == pytest.approx(expected, rel=0.01)


def test_width_is_proportional_to_size(measurer):
    assert measurer.width(ISO, 30) == pytest.approx(1.5 * measurer.width(ISO, 20))


def test_bold_is_wider(measurer):
    assert measurer.width(ISO, 20, bold=True) > measurer.width(ISO, 20)


def test_cyrillic_is_measured_with_the_latin_font(measurer, fonts):
    text = "Международная организация"
    expected = advance_sum_em(fonts.face(LATIN), text) * 20
    assert measurer.width(text, 20) == pytest.approx(expected, rel=0.01)


def test_cjk_ideographs_are_one_em_wide(measurer):
    assert measurer.width("国际标准化组织", 10) == pytest.approx(70)


def test_arabic_is_shaped(measurer, fonts):
    shaped = measurer.width(ARABIC_TEXT, 20)
    unshaped = advance_sum_em(fonts.face(ARABIC), ARABIC_TEXT) * 20
    assert shaped > 0
    assert abs(shaped - unshaped) > 0.01 * unshaped


def test_explicit_breaks_measure_the_widest_line(measurer):
    assert measurer.width("ISO\nInternational Standards", 20) == measurer.width("International Standards", 20)


# --- wrapping ------------------------------------------------------------------------------

@pytest.mark.parametrize("factor", [0.63, 0.72, 0.8, 0.9, 0.99])
def test_two_lines_below_one_line_width(measurer, factor):
    """From the width of "International Standards" (0.622x the whole) to the whole: two lines."""
    width = measurer.width(ISO, 20) * factor
    assert width >= measurer.width("International Standards", 20)
    lines = measurer.wrap(ISO, width, 20)
    assert len(lines) == 2
    assert " ".join(lines) == ISO
    assert all(measurer.width(line, 20) <= width for line in lines)


def test_three_lines_when_no_two_line_split_fits(measurer):
    width = measurer.width("International Standards", 20) * 0.99
    assert measurer.wrap(ISO, width, 20) == ["ISO develops", "International", "Standards"]
    assert measurer.width(ISO, 20) * 0.5 < width  # so at 0.5x the one-line width it is 3 lines too


def test_one_line_just_above_its_width(measurer):
    assert measurer.wrap(ISO, measurer.width(ISO, 20) * 1.01, 20) == [ISO]


def test_chinese_wraps_between_characters_but_not_before_closing_punctuation(measurer):
    widths = [measurer.width(CHINESE[:count], 14) for count in range(6, 40)]
    for width in widths:
        lines, words_broken = measurer.wrap_detailed(CHINESE, width, 14)
        assert not words_broken
        assert "".join(lines) == CHINESE
        assert len(lines) > 1
        for line in lines:
            assert not line.startswith(("，", "。", "、", "）"))
            assert not line.endswith("（")


def test_chinese_moves_the_character_before_a_comma_down(measurer):
    """At the width where the comma alone would start the next line, its neighbour goes too."""
    comma = CHINESE.index("，")
    lines = measurer.wrap(CHINESE, measurer.width(CHINESE[:comma], 14), 14)
    assert lines[0] == CHINESE[:comma - 1]
    assert lines[1].startswith(CHINESE[comma - 1:comma + 1])


def test_chinese_keeps_a_latin_word_together(measurer):
    lines = measurer.wrap(CHINESE, measurer.width(CHINESE[:9], 14), 14)
    assert not any(line.endswith(("I", "IS")) for line in lines)


def test_no_break_space_holds_a_number_together(measurer):
    text = "22\u00a0000 members"
    for width in range(int(measurer.width("22\u00a0000", 20)) + 1, int(measurer.width(text, 20)) + 2):
        lines = measurer.wrap(text, width, 20)
        assert lines[0].startswith("22\u00a0000"), (width, lines)
        assert not any(line.startswith("000") for line in lines)


def test_narrow_no_break_space_holds_too(measurer):
    text = "22\u202f000 members"
    assert measurer.wrap(text, measurer.width(text, 20) * 0.9, 20) == ["22\u202f000", "members"]


def test_breaks_after_hyphens(measurer):
    text = "conformity-assessment"
    width = max(measurer.width("conformity-", 20), measurer.width("assessment", 20)) + 1
    assert measurer.wrap(text, width, 20) == ["conformity-", "assessment"]
    assert measurer.wrap("a-b -c", measurer.width("a-", 20) + 0.1, 20) == ["a-", "b", "-c"]  # not after a lone one


def test_explicit_line_breaks(measurer):
    assert measurer.wrap("ISO\nIEC\vCASCO", 1000, 20) == ["ISO", "IEC", "CASCO"]


def test_a_word_longer_than_the_line_is_broken_by_characters(measurer):
    word = "Standardization"
    result = measurer.wrap_detailed(word, measurer.width(word, 20) * 0.6, 20)
    assert len(result.lines) == 2 and "".join(result.lines) == word
    assert result.words_broken


def test_broken_word_keeps_its_trailing_space_at_the_line_end(measurer):
    assert measurer.wrap("ab cd", 1, 20) == ["a", "b", "c", "d"]


def test_arabic_wraps_at_spaces(measurer):
    lines = measurer.wrap(ARABIC_TEXT, measurer.width(ARABIC_TEXT, 20) * 0.6, 20)
    assert len(lines) == 2
    assert " ".join(lines) == ARABIC_TEXT


def test_trailing_spaces_do_not_count(measurer):
    assert measurer.wrap("ISO   ", measurer.width("ISO", 20) + 0.01, 20) == ["ISO"]


def test_thai_wraps_between_words_at_dictionary_positions():
    measurer = measurer_for("th")                                   # Thai letters: the locale's a:cs face
    for factor in (0.3, 0.5, 0.7):
        result = measurer.wrap_detailed(THAI_TEXT, measurer.width(THAI_TEXT, 20) * factor, 20, language="th-TH")
        assert not result.words_broken and len(result.lines) > 1
        assert "".join(result.lines) == THAI_TEXT
        assert all(line.endswith(("การ", "ระหว่าง", "ประเทศ", "ว่า", "ด้วย", "มาตรฐาน", "เป็น", "องค์กร", "อิสระ"))
                   for line in result.lines)


def test_japanese_kinsoku_no_line_starts_with_closing_punctuation(measurer):
    # from five characters a line: "（ISO）" with the Asian/latin spacing around ISO is wider than four
    for count in range(5, 30):
        lines, words_broken = measurer.wrap_detailed(JAPANESE, measurer.width(JAPANESE[:count], 14), 14,
                                                     language="ja-JP")
        assert not words_broken and "".join(lines) == JAPANESE
        assert not any(line.startswith(("。", "、", "」", "）", "ー", "ょ", "っ")) for line in lines[1:])
        assert not any(line.endswith(("「", "（")) for line in lines[:-1])


def test_korean_breaks_only_at_spaces(measurer):
    words = KOREAN.split(" ")
    for count in range(3, len(KOREAN)):
        lines = measurer.wrap(KOREAN, max(measurer.width(KOREAN[:count], 14), measurer.width(max(words, key=len), 14)),
                              14, language="ko-KR")
        assert " ".join(lines) == KOREAN
        assert all(line in words or " " in line for line in lines)
        assert set(" ".join(lines).split(" ")) == set(words)


def test_the_same_text_wraps_by_the_rules_of_each_language(measurer):
    width = measurer.width(KOREAN, 14) * 0.6
    assert measurer.wrap(KOREAN, width, 14, language="ko-KR") != measurer.wrap(KOREAN, width, 14)


def test_soft_hyphen_is_invisible_where_the_line_does_not_break(measurer):
    word, marked = "Konformitätsbewertung", f"Konformitäts{SOFT_HYPHEN}bewertung"
    assert measurer.width(marked, 20) == pytest.approx(measurer.width(word, 20), rel=1e-3)
    assert measurer.wrap(marked, measurer.width(word, 20) + 0.1, 20) == [marked]


def test_a_line_broken_at_a_soft_hyphen_ends_with_a_hyphens_width(measurer):
    marked = f"Konformitäts{SOFT_HYPHEN}bewertung"
    with_hyphen = measurer.width("Konformitäts-", 20)
    assert with_hyphen > measurer.width("Konformitäts", 20) + 1
    assert measurer.wrap(marked, with_hyphen + 0.01, 20) == [f"Konformitäts{SOFT_HYPHEN}", "bewertung"]
    result = measurer.wrap_detailed(marked, with_hyphen - 0.5, 20)      # the word fits; its hyphen does not
    assert result.words_broken


def test_a_soft_hyphen_whose_hyphen_does_not_fit_lets_the_line_end_later_in_the_word(measurer):
    marked = f"ab{SOFT_HYPHEN}c{SOFT_HYPHEN}i ab"      # "i" is narrower than a hyphen
    width = measurer.width("abci", 20) + 0.01
    assert measurer.width("ab-", 20) < width < measurer.width("abc-", 20)
    assert measurer.wrap(marked, width, 20) == [f"ab{SOFT_HYPHEN}c{SOFT_HYPHEN}i", "ab"]


def test_a_soft_hyphen_at_the_end_of_the_text_is_not_drawn(measurer):
    assert measurer.width(f"ISO{SOFT_HYPHEN}", 20) == pytest.approx(measurer.width("ISO", 20))


# --- line height ---------------------------------------------------------------------------

def test_line_heights(measurer):
    assert measurer.line_height_em(ISO) == 1.2
    assert measurer.line_height_em(CHINESE) == pytest.approx(1.448)
    assert measurer.line_height_em("Международная") == 1.2


def test_line_heights_can_be_overridden(fonts):
    assert TextMeasurer(fonts).line_height_em(ARABIC_TEXT) > 2
    assert TextMeasurer(fonts, line_height_em={ARABIC: 1.2}).line_height_em(ARABIC_TEXT) == 1.2
    font_independent = TextMeasurer(fonts, line_height_em=FONT_INDEPENDENT_LINE_HEIGHTS)
    assert font_independent.line_height_em(CHINESE + ARABIC_TEXT) == 1.2


# --- the fast paths give what the general ones give ----------------------------------------

LINES = [ISO + " – more than 22,000 so far", "Conformity-assessment bodies:  testing, inspection",
         "Сертификация и аккредитация", "café crème à l'ISO", ARABIC_TEXT, "ISO/IEC 17025\u00a0ed. 3",
         "A" * 40, " leading and trailing spaces  "]


def general_segments(measurer: TextMeasurer, line: str, bold: bool):
    """Segments measured run by run, as every line was before the one-face shortcut."""
    from generator.layout.linebreak import BREAKING_SPACES, break_opportunities
    from generator.layout.measure import _runs_em

    runs = measurer._face_runs(line, bold)
    bounds = [0, *break_opportunities(line), len(line)]
    out = []
    for start, end in zip(bounds, bounds[1:]):
        trimmed_end = start + len(line[start:end].rstrip(BREAKING_SPACES))
        em_trimmed = _runs_em(line, runs, start, trimmed_end)
        out.append((line[start:end], em_trimmed + _runs_em(line, runs, trimmed_end, end), em_trimmed))
    return out


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("line", LINES)
def test_one_face_segments_equal_run_by_run_measuring(fonts, line, bold):
    measurer = TextMeasurer(fonts)
    assert len(measurer._face_runs(line, bold)) == 1
    assert [tuple(segment) for segment in measurer._segments(line, bold, None)] == general_segments(measurer, line, bold)


def greedy_lines(measurer: TextMeasurer, line: str, limit_em: float) -> list[str]:
    """The greedy first fit written out, without the shortcut for lines that fit whole."""
    lines, current, current_em = [], "", 0.0
    for text, em, em_trimmed in general_segments(measurer, line, False):
        if current and current_em + em_trimmed > limit_em + 1e-9:
            lines.append(current.rstrip(" "))
            current, current_em = "", 0.0
        current += text
        current_em += em
    return lines + [current.rstrip(" ")]


@pytest.mark.parametrize("line", LINES[:5])
def test_wrapping_with_and_without_the_whole_line_shortcut_agrees(measurer, line):
    whole = measurer.em_width(line)
    widest_word = max(em_trimmed for _, _, em_trimmed in general_segments(measurer, line, False))
    limits = [whole * factor for factor in (1.0, 1.0 + 1e-12, 0.999, 0.75, 0.5, 0.35)]
    for limit in [limit for limit in limits if limit >= widest_word]:      # no word broken by characters
        assert measurer.wrap(line, limit, 1.0) == greedy_lines(measurer, line, limit), limit / whole


def test_a_line_without_letters_takes_the_neutral_script_and_the_widest_fallback(fonts):
    """In a right-to-left deck LibreOffice draws "+" in the complex-script face, which lacks it,
    so in a fallback face: it is measured in the widest face that has it."""
    from generator.layout.fonts import system_fallback_face

    latin = TextMeasurer(fonts)
    arabic = TextMeasurer(fonts, neutral_script=ARABIC)
    assert arabic.em_width("+") >= latin.em_width("+")
    system = system_fallback_face(False)
    if system is not None:
        assert arabic.em_width("+") >= measure._shaped_em(system, "+", True) - 1e-9
    assert arabic.line_height_em("+") >= latin.line_height_em("+")
    # with a letter in the line, neutrals keep their neighbours' script as before
    assert arabic.em_width("ISO +") == latin.em_width("ISO +")
    # digits the Arabic face has are measured in it
    arabic_face = fonts.face(ARABIC)
    assert arabic.em_width("86") == pytest.approx(measure._shaped_em(arabic_face, "86", True))


def test_latin_beside_east_asian_text_gets_libreoffices_fifth_of_an_em(measurer):
    """"共有162个" is as wide as its pieces and 0.2 em on each side of "162", where LibreOffice spaces it."""
    pieces = measurer.em_width("共有") + measurer.em_width("162") + measurer.em_width("个")
    assert measurer.em_width("共有162个", language="zh-CN") == pytest.approx(pieces + 0.4)
    assert measurer.em_width("共有 162 个", language="zh-CN") == pytest.approx(
        pieces + 2 * measurer.em_width(" 1") - 2 * measurer.em_width("1"))
    assert measurer.em_width("ISO 9001") == measurer.em_width("ISO 9001", language="zh-CN")
