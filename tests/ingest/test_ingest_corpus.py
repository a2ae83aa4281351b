"""Against the real letters in ../shared/corpus: nothing the author wrote is lost, nothing the
printer added survives, and the PDFs read as well as pdftotext reads them."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from claims.ingest import clean_text, ingest_document, read_document
from claims.ingest.furniture import classify_lines

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")

WORD = re.compile(r"[^\W_]+")
# Written independently of claims.ingest.furniture: what a furniture line may consist of.
FURNITURE_TOKEN = (
    r"(?:[AS]/[\w./-]+\*?|\d\d-\d{5}\*?|\(E\)|\d{6}|\*\d{7,8}\*|\d{1,3}/\d{1,3}|/\d{1,3}|\d{1,3})"
)
FURNITURE_LINE = re.compile(
    rf"^{FURNITURE_TOKEN}(?:\s+{FURNITURE_TOKEN})*$|^please recycle|^_{{10,}}$", re.I
)
# Furniture that must never be left in cleaned text (bare numbers may be table cells).
PRINTER_MARKS = re.compile(r"^(?:\d\d-\d{5}\*?(?: \(E\))?|\*\d{7,8}\*|\d{1,3}/\d{1,3})(?: |$)")
IMAGE_ONLY_PDFS = {"S_25016-EN.pdf", "S_25309-EN.pdf"}


def letters() -> list[Path]:
    return sorted((CORPUS / "letters").glob("*.txt")) if CORPUS.is_dir() else []


def index_rows() -> list[dict]:
    path = CORPUS / "letters" / "index.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")] if path.exists() else []


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def test_corpus_is_complete() -> None:
    assert len(letters()) == 218


def test_every_letter_keeps_every_word_that_is_not_furniture() -> None:
    failures = []
    for path in letters():
        raw = path.read_text(encoding="utf-8")
        content = "\n".join(line.text for line in classify_lines(raw) if not line.furniture)
        expected, cleaned = words(content), words(clean_text(raw).text)
        lost, gained = expected - cleaned, cleaned - expected
        # Mending a split word turns two tokens into one; nothing else may differ.
        merged_ok = all(
            any(token == a + b for a in lost for b in lost) for token in gained
        ) and sum(gained.values()) * 2 == sum(lost.values())
        if lost and not merged_ok:
            failures.append(
                f"{path.name}: lost {list(lost.items())[:5]} gained {list(gained.items())[:5]}"
            )
    assert not failures, "\n".join(failures)


def test_only_furniture_lines_are_removed_outside_the_masthead() -> None:
    failures = []
    for path in letters():
        lines = classify_lines(path.read_text(encoding="utf-8"))
        title_index = next(
            (
                i
                for i, line in enumerate(lines)
                if re.match(r"(Identical letters|Letter|Note)", line.text)
            ),
            0,
        )
        for index, line in enumerate(lines):
            in_masthead = line.page == 0 and index < title_index
            if line.furniture and not in_masthead and not FURNITURE_LINE.match(line.text):
                failures.append(f"{path.name}: {line.text!r}")
        assert title_index < 45, f"{path.name}: masthead of {title_index} lines"
    assert not failures, "\n".join(failures[:20])


def test_no_page_furniture_survives_cleaning() -> None:
    failures = []
    for path in letters():
        raw = path.read_text(encoding="utf-8")
        text = clean_text(raw).text
        job_numbers = set(re.findall(r"(?m)^\u202b?\u202a?(\d\d-\d{5})\b", raw))
        barcodes = set(re.findall(r"\*\d{7}\*", raw))
        for leftover in job_numbers | barcodes:
            if leftover in text:
                failures.append(f"{path.name}: {leftover}")
        for paragraph in text.split("\n\n"):
            if PRINTER_MARKS.match(paragraph) or "\f" in paragraph:
                failures.append(f"{path.name}: paragraph {paragraph!r}")
    assert not failures, "\n".join(failures[:20])


def test_the_documents_own_symbol_survives_only_inside_sentences() -> None:
    failures = []
    for row in index_rows():
        raw = (CORPUS / "letters" / row["file"]).read_text(encoding="utf-8")
        text = clean_text(raw).text
        for symbol in filter(None, (row["symbol_s"], row["symbol_a"])):
            in_prose = sum(
                line.count(symbol)
                for line in raw.split("\n")
                if symbol in line and re.search(r"[a-z]{3}", line.replace(symbol, ""))
            )
            if text.count(symbol) > in_prose:
                failures.append(f"{row['file']}: {symbol} x{text.count(symbol)} (prose {in_prose})")
    assert not failures, "\n".join(failures[:20])


def test_title_is_the_first_paragraph_of_every_letter_with_a_masthead() -> None:
    failures = []
    for row in index_rows():
        text = clean_text((CORPUS / "letters" / row["file"]).read_text(encoding="utf-8")).text
        first = text.split("\n\n", 1)[0]
        if not re.match(r"(Identical letters|Letter|Note verbale|Note by)", first):
            failures.append(f"{row['file']}: {first[:80]!r}")
    assert not failures, "\n".join(failures)


def test_seed_letter_paragraphs_come_through_unchanged() -> None:
    raw = (CORPUS / "seed-letter-coalition-2018-06.txt").read_text(encoding="utf-8")
    expected = [paragraph.strip() for paragraph in raw.split("\n\n") if paragraph.strip()]
    assert clean_text(raw).text.split("\n\n") == expected


def test_pdf_reading_matches_pdftotext_after_cleaning() -> None:
    by_symbol = {row["symbol_s"]: row for row in index_rows()}
    overlaps = {}
    for pdf in sorted((CORPUS / "pdf").glob("*.pdf")):
        row = by_symbol[pdf.stem.replace("_", "/")]
        reference = words(
            clean_text((CORPUS / "letters" / row["file"]).read_text(encoding="utf-8")).text
        )
        ours = words(ingest_document(pdf.read_bytes(), name=pdf.name).clean.text)
        overlaps[pdf.name] = sum((reference & ours).values()) / sum(reference.values())
    assert len(overlaps) == 22
    assert min(overlaps.values()) >= 0.98, overlaps


def test_every_pdf_ingests_and_only_image_only_ones_need_ocr(monkeypatch) -> None:
    monkeypatch.setattr("claims.ingest.pdf.tesseract_available", lambda: False)
    pdfs = sorted((CORPUS / "pdf").glob("*.pdf")) + sorted((CORPUS / "pdf-edge").glob("*.pdf"))
    assert len(pdfs) == 36
    needs_ocr = set()
    for pdf in pdfs:
        result = read_document(pdf.read_bytes(), name=pdf.name)
        assert result.page_count and result.page_count >= 1
        if result.needs_ocr:
            needs_ocr.add(pdf.name)
        else:
            assert len(result.raw_text) > 500, pdf.name
    assert needs_ocr == IMAGE_ONLY_PDFS
