"""What a letter says about itself always fits the database: no NULs, no lone surrogates, no
value longer than its column."""

from __future__ import annotations

import pytest

from claims.ingest import parse_metadata, read_document
from claims.ingest.metadata import FIELD_MAX_LENGTHS
from claims.models import Letter
from tests.hostile.generate import LETTER


@pytest.mark.parametrize("field", sorted(FIELD_MAX_LENGTHS))
def test_metadata_bounds_match_the_letter_columns(field: str) -> None:
    assert FIELD_MAX_LENGTHS[field] == Letter._meta.get_field(field).max_length


def test_nul_bytes_past_the_binary_sample_are_dropped() -> None:
    data = LETTER.encode() + b" filler" * 12_000 + b"\x00\x00tail"
    read = read_document(data, name="letter.txt")
    assert "\x00" not in read.raw_text and read.raw_text.endswith("tail")


def test_sender_longer_than_its_column_is_shortened_at_a_word() -> None:
    sender = "the Special Envoy for the Coordination of Humanitarian Affairs " * 5
    text = LETTER.replace("the Permanent Representative of Ukraine to the United Nations", sender)
    meta = parse_metadata(text)
    assert meta.title and meta.sender
    assert len(meta.sender) <= 200 and meta.sender.endswith(" the Special…")


def test_many_signatory_states_are_counted_to_fit_the_sender_column() -> None:
    states = (
        "Albania, Andorra, Australia, Austria, Belgium, Bulgaria, Canada, Croatia, Cyprus, "
        "Czechia, Denmark, Estonia, Finland, France, Germany, Greece, Hungary, Iceland, "
        "Ireland, Italy, Japan, Latvia"
    )
    title = (
        f"Letter dated 4 June 2025 from the Permanent Representatives of {states} and "
        "Lithuania to the United Nations addressed to the Secretary-General"
    )
    meta = parse_metadata(LETTER.replace(LETTER.split("\n\n")[3], title))
    assert meta.sender and len(meta.sender) <= 200
    assert meta.sender.startswith("Albania, Andorra") and meta.sender.endswith("other States")


def test_lone_surrogates_and_nuls_never_reach_metadata() -> None:
    text = LETTER.replace("Ukraine", "Ukr\x00aine\ud800")
    meta = parse_metadata(text)
    assert meta.title and "\x00" not in meta.title and "\ud800" not in meta.title
