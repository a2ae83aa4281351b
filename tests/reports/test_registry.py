import dataclasses
import io
from datetime import UTC, datetime

import pytest
from docx import Document

from verification.reports import WRITERS, UnknownFormat, get_writer
from verification.reports.synthetic import synthetic_claims


def test_every_advertised_format_has_a_writer_with_media_type_and_extension():
    assert set(WRITERS) == {"pdf", "docx", "html", "csv", "json", "claimreview"}
    for fmt in WRITERS:
        writer = get_writer(fmt)
        assert writer.media_type and writer.extension


def test_unknown_format_is_refused_with_the_known_ones_listed():
    with pytest.raises(UnknownFormat, match="pdf"):
        get_writer("xlsx")


@pytest.mark.parametrize("fmt", ["pdf", "html", "csv", "json", "claimreview"])
def test_exporting_the_same_data_twice_gives_identical_bytes(export, meta, fmt):
    assert export(fmt, meta, synthetic_claims(5)) == export(fmt, meta, synthetic_claims(5))


def test_docx_exports_of_the_same_data_have_identical_content(export, meta):
    def texts(data: bytes) -> list[str]:
        document = Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return [p.text for p in document.paragraphs] + cells

    assert texts(export("docx", meta, synthetic_claims(3))) == texts(
        export("docx", meta, synthetic_claims(3))
    )


@pytest.mark.parametrize("fmt", ["html", "csv", "json", "claimreview"])
def test_only_the_generation_time_changes_between_exports(export, meta, fmt):
    later = dataclasses.replace(meta, generated_at=datetime(2027, 5, 6, 7, 8, tzinfo=UTC))
    first = export(fmt, meta, synthetic_claims(3)).decode("utf-8-sig")
    second = export(fmt, later, synthetic_claims(3)).decode("utf-8-sig")
    assert first.replace("2026-01-02", "").replace("03:04", "") == second.replace(
        "2027-05-06", ""
    ).replace("07:08", "")
