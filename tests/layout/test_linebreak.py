"""Line break opportunities: UAX #14 from ICU per language, with the measurer's rules on top."""

from __future__ import annotations

import unicodedata

import pytest

from generator.layout.linebreak import SOFT_HYPHEN, break_opportunities

THAI = "องค์การระหว่างประเทศว่าด้วยการมาตรฐานเป็นองค์กรอิสระ"    # ISO is an independent organization
JAPANESE = "国際標準化機構（ISO）は、独立した非政府の国際機関です。「規格」をつくる、ちょっとしたコーヒーの会議。"
KOREAN = "국제표준화기구는 독립적인 비정부 국제기구입니다."
CHINESE = "国际标准化组织（ISO）是一个独立的、非政府的国际组织，其成员由165个国家标准机构组成。"


def pieces(line: str, language: str | None = None) -> list[str]:
    bounds = [0, *break_opportunities(line, language), len(line)]
    return [line[start:end] for start, end in zip(bounds, bounds[1:])]


def test_thai_breaks_between_words_without_spaces():
    words = pieces(THAI, "th-TH")
    assert "".join(words) == THAI
    assert len(words) >= 8
    for word in ("องค์การ", "ระหว่าง", "ประเทศ", "มาตรฐาน", "อิสระ"):     # dictionary words stay whole
        assert word in words
    assert not any(unicodedata.combining(word[0]) or unicodedata.category(word[0]) == "Mn" for word in words)


@pytest.mark.parametrize("closing", ["。", "、", "」", "）", "ー", "ょ", "っ"])
def test_japanese_kinsoku_no_line_starts_with_closing_punctuation_or_small_kana(closing):
    assert closing in JAPANESE
    for at in break_opportunities(JAPANESE, "ja-JP"):
        assert JAPANESE[at] != closing
        assert JAPANESE[at - 1] not in "「（"


def test_japanese_still_breaks_between_ideographs_and_kana():
    assert len(pieces(JAPANESE, "ja-JP")) > 20


def test_chinese_breaks_between_ideographs_but_not_before_closing_punctuation():
    opportunities = break_opportunities(CHINESE, "zh-CN")
    assert len(opportunities) > 20
    assert not any(CHINESE[at] in "，。、）" or CHINESE[at - 1] == "（" for at in opportunities)


def test_korean_breaks_only_at_word_spaces():
    opportunities = break_opportunities(KOREAN, "ko-KR")
    assert [KOREAN[at - 1] for at in opportunities] == [" ", " ", " "]
    assert len(break_opportunities(KOREAN)) > 10       # without the language: between syllables


def test_latin_breaks_after_spaces_and_hyphens_and_a_word_initial_hyphen_holds():
    assert pieces("conformity-assessment bodies", "en-GB") == ["conformity-", "assessment ", "bodies"]
    assert pieces("a-b -c") == ["a-", "b ", "-c"]


def test_a_run_of_spaces_stays_together_at_the_end_of_its_piece():
    assert pieces("ISO   IEC") == ["ISO   ", "IEC"]


def test_never_next_to_a_no_break_space():
    assert pieces("22\u00a0000 x \u00a0y") == ["22\u00a0000 ", "x \u00a0y"]
    assert pieces("22\u202f000 members") == ["22\u202f000 ", "members"]


def test_no_line_starts_with_a_closing_bracket_even_after_a_space():
    assert pieces("[SD ] and") == ["[SD ] ", "and"]


def test_a_soft_hyphen_is_a_break_opportunity():
    assert pieces(f"Konfor{SOFT_HYPHEN}mitäts{SOFT_HYPHEN}bewertung", "de-DE") == \
        [f"Konfor{SOFT_HYPHEN}", f"mitäts{SOFT_HYPHEN}", "bewertung"]


def test_indexes_count_characters_beyond_the_basic_plane():
    line = "\U00020000\U00020001 a"
    assert pieces(line) == ["\U00020000", "\U00020001 ", "a"]


def test_every_language_gives_answers_for_an_empty_or_one_character_line():
    for language in (None, "en-GB", "ja-JP", "ko-KR", "th-TH", "qps-ploc"):
        assert break_opportunities("", language) == ()
        assert break_opportunities("x", language) == ()
