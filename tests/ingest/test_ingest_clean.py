"""Cleaning removes what the printer added and rebuilds the author's paragraphs, word for word."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.ingest import clean_text

WORD = re.compile(r"[^\W_]+")

BODY_LINE = "The Security Council must act now to protect civilians in the affected areas and"
MASTHEAD = (
    "A/79/718-S/2025/21\n\nUnited Nations\n\nGeneral Assembly\nSecurity Council\n\n"
    "Distr.: General\n16 January 2025\nOriginal: English\n\nGeneral Assembly\n"
    "Seventy-ninth session\nAgenda item 34\nThe situation in the Middle East\n\n"
    "Security Council\nEightieth year\n\n"
)
TITLE = (
    "Letter dated 15 January 2025 from the Permanent Representative of\n"
    "Ukraine to the United Nations addressed to the Secretary-General\n"
)


def paragraphs(raw: str) -> list[str]:
    return clean_text(raw).text.split("\n\n")


def test_masthead_is_dropped_and_title_kept_as_one_paragraph() -> None:
    result = paragraphs(MASTHEAD + TITLE + "I have the honour to write.\n")
    assert result == [
        "Letter dated 15 January 2025 from the Permanent Representative of Ukraine to the "
        "United Nations addressed to the Secretary-General",
        "I have the honour to write.",
    ]


def test_page_furniture_is_removed_and_paragraph_rejoined_across_the_page_break() -> None:
    raw = (
        MASTHEAD + TITLE + f"{BODY_LINE}\n\n25-00430 (E)\n\n160125 170125\n\n*2500430*\n\n\n\f"
        "A/79/718\nS/2025/21\n\nthe Council has been informed repeatedly of these attacks.\n\n"
        "2/3\n\n25-00430\n\n\f\u202b\u202aS/2025/21\u202c\u202c\n\nPlease recycle\n"
    )
    assert (
        paragraphs(raw)[1]
        == f"{BODY_LINE} the Council has been informed repeatedly of these attacks."
    )
    text = clean_text(raw).text
    for furniture in ("25-00430", "160125", "*2500430*", "2/3", "A/79/718", "recycle", "\u202b"):
        assert furniture not in text


def test_a_short_line_ending_a_sentence_ends_its_paragraph() -> None:
    raw = f"{BODY_LINE}\nthe region.\n{BODY_LINE}\nthe world.\n"
    assert paragraphs(raw) == [f"{BODY_LINE} the region.", f"{BODY_LINE} the world."]


def test_full_width_lines_are_joined_with_single_spaces() -> None:
    raw = f"{BODY_LINE}\n{BODY_LINE}\nend.\n"
    assert paragraphs(raw) == [f"{BODY_LINE} {BODY_LINE} end."]


def test_numbered_and_lettered_items_stay_separate_paragraphs() -> None:
    raw = (
        "The Government wishes to state the following:\n"
        "(a) The first point is made here in a sentence long enough to reach the margin;\n"
        "(b) The second point follows it in the same way and also reaches the margin.\n"
        "1. A numbered paragraph follows after the lettered list with its own long text.\n"
    )
    assert [p[:3] for p in paragraphs(raw)] == ["The", "(a)", "(b)", "1. "]


def test_a_lone_paragraph_number_is_put_back_in_front_of_its_paragraph() -> None:
    raw = "Introduction.\n\n1.\n\nCore operational activities of the Conference\n"
    assert paragraphs(raw) == ["Introduction.", "1. Core operational activities of the Conference"]


def test_word_split_by_hyphenation_is_mended_when_the_document_uses_the_whole_word() -> None:
    raw = f"The members of the Secu-\nrity Council met. {BODY_LINE}\nthe Security Council.\n"
    assert "members of the Security Council met." in clean_text(raw).text


def test_real_compound_split_after_its_hyphen_keeps_the_hyphen() -> None:
    raw = f"{BODY_LINE} the so-\ncalled referendum was held. {BODY_LINE}\n"
    assert "the so-called referendum" in clean_text(raw).text


def test_compound_known_from_elsewhere_in_the_document_keeps_its_hyphen() -> None:
    raw = f"{BODY_LINE} the cease-\nfire was broken again. The cease-fire held for a day.\n"
    assert "the cease-fire was broken" in clean_text(raw).text


def test_lowercase_word_split_across_lines_is_joined_without_hyphen() -> None:
    raw = f"{BODY_LINE} the inter-\nnational community was informed.\n"
    assert "the international community" in clean_text(raw).text


def test_numeric_range_split_at_its_dash_is_joined_without_a_space() -> None:
    raw = f"{BODY_LINE} during the period 2020–\n2024 in the region.\n"
    assert "2020–2024" in clean_text(raw).text


def test_annex_start_points_at_the_annex_heading() -> None:
    raw = f"{TITLE}I transmit the report (see annex).\n(Signed) A. Person\n\f\nAnnex\n{BODY_LINE}\nend.\n"
    result = clean_text(raw)
    assert result.annex_start is not None
    assert result.text[result.annex_start :].startswith("Annex\n\n")


def test_annex_to_the_letter_heading_is_recognised() -> None:
    raw = f"{TITLE}Body.\n\fAnnex to the letter dated 15 January 2025 from the Permanent\nRepresentative\n"
    result = clean_text(raw)
    assert result.text[result.annex_start :].startswith("Annex to the letter dated 15 January 2025")


def test_mention_of_an_annex_in_the_body_is_not_an_annex_start() -> None:
    raw = f"{TITLE}The report is attached as annex I to this letter.\nAnnexes are listed below.\n"
    assert clean_text(raw).annex_start is None


def test_text_without_any_furniture_is_kept_as_it_is() -> None:
    raw = "First paragraph of a letter.\n\nSecond paragraph of the letter.\n"
    assert clean_text(raw).text == "First paragraph of a letter.\n\nSecond paragraph of the letter."


def test_a_body_line_that_is_only_another_documents_symbol_is_kept() -> None:
    raw = MASTHEAD + TITLE + "The previous letter was issued as:\n\nS/2024/940\n\nand circulated.\n"
    assert "S/2024/940" in clean_text(raw).text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "the",
                    "Council",
                    "so-",
                    "called",
                    "Secu-",
                    "rity",
                    "1.",
                    "(a)",
                    "2/3",
                    "25-00430",
                    "S/2025/21",
                    "2020–",
                ]
            ),
            st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
        ),
        max_size=60,
    ).map(
        lambda tokens: "".join(
            f"{token}{' ' if i % 3 else chr(10)}" for i, token in enumerate(tokens)
        )
    )
)
def test_cleaning_never_invents_words(raw: str) -> None:
    cleaned = Counter(WORD.findall(clean_text(raw).text))
    original = Counter(WORD.findall(raw))
    invented = cleaned - original
    # The only new tokens allowed are two neighbours mended into one word ("Secu" + "rity").
    assert all(any(token == a + b for a in original for b in original) for token in invented)
    assert "\f" not in clean_text(raw).text
