import csv
import dataclasses
import io
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verification.reports import ReportMeta
from verification.reports.csv_writer import HEADER, CsvWriter
from verification.reports.synthetic import synthetic_claim, synthetic_claims


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_claim_with_evidence_counts_by_stance(export, meta, make_claim):
    claim = make_claim(7)
    rows = read_csv(export("csv", meta, [claim, make_claim(8)]))
    assert [row["id"] for row in rows] == ["7", "8"]
    stances = [item.stance for item in claim.evidence]
    assert rows[0]["evidence_total"] == "3"
    for stance in ("corroborates", "contradicts", "context", "mixed"):
        assert rows[0][f"evidence_{stance}"] == str(stances.count(stance))
    assert rows[0]["rating"] == claim.rating.label


@pytest.mark.parametrize(
    "payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_neutralises_formula_injection(export, meta, make_claim, payload):
    claim = make_claim(quote=payload, restatement=payload, places=(payload,))
    row = read_csv(export("csv", meta, [claim]))[0]
    for column in ("quote", "restatement", "places"):
        assert row[column] == "'" + payload


def test_csv_keeps_non_latin_text_and_ordinary_values_untouched(export, meta, make_claim):
    claim = make_claim(places=("حلب", "Маріуполь"), quote="Normal text, with a comma")
    row = read_csv(export("csv", meta, [claim]))[0]
    assert row["places"] == "حلب; Маріуполь"
    assert row["quote"] == "Normal text, with a comma"


def test_csv_header_matches_documented_columns(export, meta):
    data = export("csv", meta, synthetic_claims(1)).decode("utf-8-sig")
    assert data.splitlines()[0].split(",") == list(HEADER)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_csv_cell_reads_back_as_written_or_with_a_leading_apostrophe(text):
    claim = synthetic_claim(1)
    out = io.BytesIO()
    meta = ReportMeta("t", "s", datetime(2026, 1, 1, tzinfo=UTC), "me", "org", "https://o.org")
    CsvWriter().write(meta, [dataclasses.replace(claim, quote=text)], out)
    cell = read_csv(out.getvalue())[0]["quote"]
    assert cell == text or (cell == "'" + text and text[:1] in "=+-@\t\r")
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
