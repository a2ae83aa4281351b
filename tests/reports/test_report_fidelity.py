"""Every format says exactly what was approved, read back with an independent reader:
pdftotext for PDF, python-docx for DOCX, html.parser for HTML, csv, json + jsonschema."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess
import tempfile
import unicodedata
from datetime import datetime
from html.parser import HTMLParser

import jsonschema
import pytest
from docx import Document

from verification.reports.json_writer import report_schema
from verification.reports.synthetic import synthetic_claims

TEXT_FORMATS = ["pdf", "docx", "html"]
ARABIC, CHINESE, CYRILLIC = "حلب", "安全理事会", "Маріуполь"
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def pdftotext(data: bytes) -> str:
    """Text as poppler extracts it, NFKC-normalised (shaped Arabic forms -> letters)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing: run scripts/ensure_system_packages.sh (poppler-utils)")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf.name, "-"],
            capture_output=True, check=True, text=True,
        ).stdout  # fmt: skip
    return " ".join(unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS).split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hrefs: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value or "" for name, value in attrs if tag == "a" and name == "href"]


def html_text(data: bytes) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    return " ".join(" ".join(parser.parts).split()), parser.hrefs


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(paragraphs + cells).split())


def text_of(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return pdftotext(data)
    if fmt == "docx":
        return docx_text(data)
    return html_text(data)[0]


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def lower_bound_claim(make_claim):
    """'at least 13 killed', exactly 30 injured; assessed 10–12 killed, 25–30 injured."""
    return make_claim(
        7, claimed_killed=13, claimed_killed_at_least=True, claimed_injured=30,
        claimed_injured_at_least=False, assessed_killed=(10, 12), assessed_injured=(25, 30),
    )  # fmt: skip


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats_say_at_least_and_give_assessed_ranges(export, meta, lower_bound_claim, fmt):
    text = text_of(fmt, export(fmt, meta, [lower_bound_claim]))
    assert "at least 13 killed; 30 injured" in text
    assert "at least 30" not in text
    assert "10–12 killed; 25–30 injured" in text


def test_csv_has_explicit_at_least_and_range_columns(export, meta, lower_bound_claim, make_claim):
    exact = make_claim(8, claimed_killed=4, claimed_killed_at_least=False, assessed_injured=None)
    first, second = csv_rows(export("csv", meta, [lower_bound_claim, exact]))
    assert (first["claimed_killed"], first["claimed_killed_at_least"]) == ("13", "true")
    assert (first["claimed_injured"], first["claimed_injured_at_least"]) == ("30", "false")
    assert (first["assessed_killed_min"], first["assessed_killed_max"]) == ("10", "12")
    assert (first["assessed_injured_min"], first["assessed_injured_max"]) == ("25", "30")
    assert (second["claimed_killed"], second["claimed_killed_at_least"]) == ("4", "false")
    assert (second["assessed_injured_min"], second["assessed_injured_max"]) == ("", "")


def test_json_has_explicit_at_least_fields_and_ranges(export, meta, lower_bound_claim):
    claim = json.loads(export("json", meta, [lower_bound_claim]))["claims"][0]
    assert claim["casualties"] == {
        "killed": 13, "killed_at_least": True, "injured": 30, "injured_at_least": False,
    }  # fmt: skip
    assert claim["verdict"]["assessed"] == {
        "killed": {"min": 10, "max": 12}, "injured": {"min": 25, "max": 30},
    }  # fmt: skip


def test_every_json_export_validates_against_the_published_schema(export, meta, make_claim):
    meta = dataclasses.replace(
        meta, schema_url="https://desk.example.net/api/schemas/report-v2.json"
    )
    claims = [
        *synthetic_claims(8),  # approved and proposed, with and without sender identifiers
        make_claim(20, evidence=(), rating=None, approved_by=None, approved_at=None),
        make_claim(21, claimed_killed=None, claimed_injured=None, letter_date=None),
    ]
    document = json.loads(export("json", meta, claims))
    validator = jsonschema.Draft202012Validator(
        report_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(document)) == []
    assert document["$schema"] == meta.schema_url
    assert document["schema_version"] == "2.0"


def test_the_schema_rejects_a_count_without_its_at_least_flag(export, meta, make_claim):
    document = json.loads(export("json", meta, [make_claim(1)]))
    del document["claims"][0]["casualties"]["killed_at_least"]
    with pytest.raises(jsonschema.ValidationError, match="killed_at_least"):
        jsonschema.validate(document, report_schema())


def test_timestamps_are_iso_8601_in_every_format(export, meta, make_claim):
    claim = make_claim(3)
    stamp = claim.approved_at.isoformat()
    row = csv_rows(export("csv", meta, [claim]))[0]
    assert datetime.fromisoformat(row["approved_at"]) == claim.approved_at
    assert row["approved_at"] == stamp and "T" in stamp
    data = json.loads(export("json", meta, [claim]))
    assert data["claims"][0]["verdict"]["approved_at"] == stamp
    assert data["report"]["generated_at"] == meta.generated_at.isoformat()
    for fmt in TEXT_FORMATS:
        text = text_of(fmt, export(fmt, meta, [claim]))
        assert f"approved by {claim.approved_by} on {stamp}" in text, fmt
        assert meta.generated_at.isoformat() in text, fmt


@pytest.mark.parametrize("fmt", [*TEXT_FORMATS, "csv", "json"])
def test_arabic_chinese_and_cyrillic_survive_every_format(export, meta, make_claim, fmt):
    claim = make_claim(
        9,
        quote=f"Statement on {CHINESE} and the strike in {ARABIC} near {CYRILLIC}",
        places=(ARABIC, "北京", CYRILLIC),
        restatement=f"Shelling in {CYRILLIC} killed civilians ({CHINESE}).",
    )
    data = export(fmt, meta, [claim])
    if fmt == "csv":
        text = " ".join(csv_rows(data)[0].values())
    elif fmt == "json":
        text = json.dumps(json.loads(data), ensure_ascii=False)
    else:
        text = text_of(fmt, data)
    for word in (ARABIC, CHINESE, CYRILLIC, "北京"):
        assert word in text, (fmt, word)


def test_pdf_chinese_is_set_in_a_font_that_has_the_glyphs(export, meta, make_claim):
    from pypdf import PdfReader

    data = export("pdf", meta, [make_claim(2, quote=f"{CHINESE} {ARABIC} {CYRILLIC}")])
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("WenQuanYi" in name for name in fonts), fonts
    assert "\ufffd" not in pdftotext(data)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats_link_each_claim_to_its_workbench_page(export, meta, make_claim, fmt):
    claim = make_claim(4, url="https://desk.example.net/wb/claims/4/")
    data = export(fmt, meta, [claim])
    if fmt == "html":
        assert claim.url in html_text(data)[1]
    elif fmt == "pdf":
        from pypdf import PdfReader

        uris = [
            annotation.get_object()["/A"]["/URI"]
            for page in PdfReader(io.BytesIO(data)).pages
            for annotation in page.get("/Annots", [])
            if "/A" in annotation.get_object()
        ]
        assert claim.url in uris
    else:
        document = Document(io.BytesIO(data))
        targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
        assert claim.url in targets


def test_pdf_lays_out_words_that_mix_scripts_with_punctuation(export, meta, make_claim):
    # harfbuzz shapes a word with one font: "حلب." or "(安全理事会)" set in two fonts crashed.
    claim = make_claim(
        6,
        quote=f"({ARABIC}) {CHINESE}, خان يونس; «{CYRILLIC}»",
        restatement=f"Civilians were killed in {ARABIC}. And ({CHINESE}) in {CYRILLIC}.",
    )
    text = pdftotext(export("pdf", meta, [claim]))
    assert CHINESE in text and CYRILLIC in text and ARABIC in text
