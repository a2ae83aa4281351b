import dataclasses
import io
import re
import unicodedata

import pypdfium2
import pytest
from pypdf import PdfReader

from verification.reports.pdf_writer import BodyLayout, StreamingStory
from verification.reports.synthetic import synthetic_claims


def pdf_pages(data: bytes) -> list[str]:
    """Page texts, whitespace collapsed and NFKC-normalised (shaped Arabic forms -> letters)."""
    reader = PdfReader(io.BytesIO(data))
    texts = (unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages)
    return [" ".join(text.split()) for text in texts]


def body_pages(pages: list[str]) -> list[str]:
    """The claims' pages: from "Page 1" to the end (the front matter is numbered i, ii, ...)."""
    first = next(i for i, page in enumerate(pages) if page.endswith("Page 1"))
    return pages[first:]


def contents_range(pages: list[str]) -> range:
    """The contents pages: after the summary, before body page 1."""
    first = next(i for i, page in enumerate(pages) if i > 1 and "Contents" in page)
    body = next(i for i, page in enumerate(pages) if page.endswith("Page 1"))
    return range(first, body)


def test_pdf_lists_claims_ratings_evidence_and_hashes_in_order(export, meta):
    claims = list(synthetic_claims(6))
    body = " ".join(body_pages(pdf_pages(export("pdf", meta, iter(claims)))))
    positions = [body.index(f"Claim {claim.id} · {claim.letter_symbol}") for claim in claims]
    assert positions == sorted(positions)
    for claim in claims:
        section = body[body.index(f"Claim {claim.id} · ") :]
        expected_rating = claim.rating.label if claim.rating else "Not rated"
        assert expected_rating in section[:2000]
        for item in claim.evidence:
            assert item.sha256 in section.replace(" ", "")
            assert f"grade {item.grade}" in section


@pytest.mark.parametrize("known_count", [True, False])
def test_pdf_starts_with_title_page_summary_and_contents_with_right_pages(
    export, meta, known_count
):
    meta = dataclasses.replace(meta, claim_count=12 if known_count else None)
    pages = pdf_pages(export("pdf", meta, synthetic_claims(12)))
    assert meta.title in pages[0] and meta.scope in pages[0]
    assert "Summary" in pages[1] and "Not rated 3" in pages[1] and "Total 12" in pages[1]
    assert list(contents_range(pages)) == [2]
    contents = re.findall(r"(Claim \d+) · S/\S+, para\. \d+ (\d+)", pages[2])
    assert [heading for heading, _ in contents] == [f"Claim {n}" for n in range(1, 13)]
    body = body_pages(pages)
    for heading, page_number in contents:
        assert f"{heading} · " in body[int(page_number) - 1]


def test_pdf_contents_run_over_as_many_front_pages_as_the_claims_need(export, meta):
    pages = pdf_pages(export("pdf", meta, synthetic_claims(70, evidence_per_claim=0)))
    front = contents_range(pages)
    assert len(front) == 2 and pages[front[-1]].endswith("Page iv")
    text = " ".join(pages[index] for index in front)
    numbers = [int(n) for n in re.findall(r"Claim (\d+) · ", text)]
    assert numbers == list(range(1, 71))


def test_pdf_summary_uses_the_callers_counts_when_given(export, meta):
    meta = dataclasses.replace(meta, summary=(("Accurate", 7), ("False", 2)))
    pages = pdf_pages(export("pdf", meta, synthetic_claims(3)))
    assert "Summary Rating Claims Accurate 7 False 2 Total 9" in pages[1]


def test_pdf_contents_rows_link_to_their_claims_pages(export, meta):
    reader = PdfReader(io.BytesIO(export("pdf", meta, synthetic_claims(5))))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    targets = [
        reader.get_page_number(annotation.get_object()["/Dest"][0].get_object())
        for annotation in reader.pages[2]["/Annots"]
    ]
    assert len(targets) == 5
    for number, target in enumerate(targets, start=1):
        assert f"Claim {number} · " in pages[target]


def test_pdf_pages_carry_running_header_and_page_numbers(export, meta):
    body = body_pages(pdf_pages(export("pdf", meta, synthetic_claims(4))))
    assert [page.rsplit("Page ", 1)[1] for page in body] == [
        str(n) for n in range(1, len(body) + 1)
    ]
    furniture = re.compile(rf"{re.escape(meta.title)} Claim \d+ · S/2024/\d+, para\. \d+ Page \d+$")
    assert all(furniture.search(page) for page in body)


def test_pdf_has_a_bookmark_for_every_claim(export, meta):
    reader = PdfReader(io.BytesIO(export("pdf", meta, synthetic_claims(5))))
    claims_outline = reader.outline[-1]
    assert [item.title for item in claims_outline][:2] == [
        "Claim 1 · S/2024/101, para. 2",
        "Claim 2 · S/2024/102, para. 3",
    ]


def test_pdf_keeps_arabic_and_cyrillic_place_names_as_text(export, meta, make_claim):
    claim = make_claim(places=("حلب", "Маріуполь", "خان يونس"), actors=("Збройні сили",))
    text = "".join(pdf_pages(export("pdf", meta, [claim])))
    assert "حلب" in text
    assert "Маріуполь" in text and "Збройні сили" in text
    assert "خان" in text and "يونس" in text


def test_pdf_wraps_long_unbroken_strings_inside_the_page(export, meta, make_claim):
    long_url = "https://example.org/" + "x" * 400
    claim = make_claim(letter_url=long_url, quote="y" * 600)
    document = pypdfium2.PdfDocument(export("pdf", meta, [claim]))
    for page in document:
        width = page.get_width()
        text_page = page.get_textpage()
        for index in range(text_page.count_chars()):
            left, _, right, _ = text_page.get_charbox(index)
            assert left >= 0 and right <= width


def test_pdf_rationale_markdown_is_rendered_and_raw_html_dropped(export, meta, make_claim):
    rationale = "Sources **agree**.\n\n<script>alert('x')</script>\n\n- first point"
    claim = make_claim(rationale_markdown=rationale)
    text = "".join(pdf_pages(export("pdf", meta, [claim])))
    assert "Sources agree." in text and "first point" in text
    assert "script" not in text and "alert" not in text


@pytest.mark.parametrize("hostile", ["<b>bold", "a & b < c", "<para>", '"><a href="x">'])
def test_pdf_prints_markup_characters_in_quotes_literally(export, meta, make_claim, hostile):
    text = "".join(pdf_pages(export("pdf", meta, [make_claim(quote=hostile)])))
    assert hostile in text


def test_pdf_layout_pulls_claims_from_the_generator_a_few_at_a_time():
    pulled: list[int] = []

    def claims():
        for claim in synthetic_claims(100):
            pulled.append(claim.id)
            yield claim

    story = StreamingStory(claims(), BodyLayout(title="t"))
    assert len(story) > 0
    assert len(pulled) < 10
    while len(story):
        del story[0]
    assert len(pulled) == 100


def test_pdf_survives_hostile_urls_and_colours(export, meta, make_claim):
    claim = make_claim(5, letter_url='https://x.org/?a=1&b="2"<3>')
    claim = dataclasses.replace(claim, rating=dataclasses.replace(claim.rating, colour='red" x="'))
    text = "".join(pdf_pages(export("pdf", meta, [claim])))
    assert claim.rating.label in text


def test_pdf_document_information_has_the_real_date_title_author_and_language(export, meta):
    reader = PdfReader(io.BytesIO(export("pdf", meta, synthetic_claims(1))))
    info = reader.metadata
    assert info.creation_date == meta.generated_at  # not ReportLab's invariant 2000-01-01
    assert info.modification_date == meta.generated_at
    assert (info.title, info.author, info.subject) == (meta.title, meta.generated_by, meta.scope)
    assert reader.trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("counted", [1, 5])
def test_pdf_survives_a_claim_count_that_is_off_by_the_time_claims_arrive(export, meta, counted):
    # The job counts, then streams: a claim deleted or added in between must not break the file.
    meta = dataclasses.replace(meta, claim_count=counted)
    pages = pdf_pages(export("pdf", meta, synthetic_claims(3, evidence_per_claim=0)))
    assert "Claim 1 · " in pages[2]
    assert all(f"Claim {n} · " in " ".join(body_pages(pages)) for n in (1, 2, 3))
