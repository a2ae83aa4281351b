"""Letter metadata: symbols, dates, sender and addressees come from the masthead and the title."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from claims.ingest import parse_metadata
from claims.ingest.metadata import parse_sender

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "metadata_accuracy.py"
needs_corpus = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason="shared corpus not found"
)

LETTER = """A/80/12-S/2025/321

United Nations

General Assembly
Security Council

Distr.: General
5 May 2025
English
Original: Arabic

General Assembly
Eightieth session
Agenda items 34, 35 and
72 (b)

Security Council
Eightieth year

Identical letters dated 2 May 2025 from the Chargé d’affaires a.i. of the
Permanent Mission of the Syrian Arab Republic to the United Nations addressed
to the Secretary-General and the President of the Security Council
I have the honour to transmit the following information.
"""


def test_masthead_and_title_fields_are_all_read() -> None:
    meta = parse_metadata(LETTER)
    assert meta.symbol == "S/2025/321"
    assert meta.symbols == ("A/80/12", "S/2025/321")
    assert meta.doc_type == "identical_letters"
    assert meta.letter_date == date(2025, 5, 2)
    assert meta.distribution_date == date(2025, 5, 5)
    assert meta.sender == "Syrian Arab Republic"
    assert meta.sender_title == "Chargé d'affaires a.i."
    assert meta.addressees == ("Secretary-General", "President of the Security Council")
    assert meta.original_language == "Arabic"
    assert meta.agenda_items == ("34", "35", "72 (b)")
    assert meta.title.startswith("Identical letters dated 2 May 2025 from the Chargé")
    assert meta.title.endswith("the President of the Security Council")


def test_general_assembly_only_document_uses_its_a_symbol() -> None:
    meta = parse_metadata(LETTER.replace("A/80/12-S/2025/321", "A/80/12"))
    assert meta.symbol == "A/80/12"


def test_note_verbale_from_a_mission_is_recognised() -> None:
    title = (
        "Note verbale dated 18 August 2025 from the Permanent Mission of\n"
        "Cyprus to the United Nations addressed to the Secretary-General\n"
    )
    meta = parse_metadata(LETTER.split("Identical")[0] + title)
    assert (meta.doc_type, meta.sender, meta.sender_title) == (
        "note_verbale",
        "Cyprus",
        "Permanent Mission",
    )


def test_text_without_masthead_or_title_gives_empty_fields_not_errors() -> None:
    meta = parse_metadata("A plain paragraph about events on 3 June 2018.\n\nAnother one.")
    assert (meta.symbol, meta.letter_date, meta.sender, meta.title) == (None, None, None, None)
    assert meta.doc_type == "other" and meta.addressees == ()


@pytest.mark.parametrize(
    ("phrase", "sender", "title"),
    [
        (
            "the Permanent Representative of Kazakhstan to the United Nations",
            "Kazakhstan",
            "Permanent Representative",
        ),
        ("the Secretary-General", "Secretary-General", None),
        (
            "the Permanent Representative of the Russian Federation to the United Nations",
            "Russian Federation",
            "Permanent Representative",
        ),
        (
            "the Permanent Observer of the State of Palestine to the United Nations",
            "State of Palestine",
            "Permanent Observer",
        ),
        (
            "the Permanent Mission of the Republic of Slovenia to the United Nations",
            "Slovenia",
            "Permanent Mission",
        ),
        ("the Permanent Representative of Türkiye", "Türkiye", "Permanent Representative"),
        (
            "the Permanent Representative of Turkey to the United Nations",
            "Türkiye",
            "Permanent Representative",
        ),
        (
            "the Permanent Representatives of Denmark, Sierra Leone and the United Kingdom of Great Britain and Northern Ireland to the United Nations",
            "Denmark, Sierra Leone and United Kingdom of Great Britain and Northern Ireland",
            "Permanent Representative",
        ),
        (
            "the President of the Security Council acting in the absence of a Chair of the Committee established pursuant to resolution 1591 (2005) concerning the Sudan",
            "President of the Security Council",
            None,
        ),
        (
            "the Chair of the Military Staff Committee",
            "Chair of the Military Staff Committee",
            None,
        ),
        (
            "THE CHARGE D'AFFAIRES A.I. OF THE PERMANENT MISSION OF ISRAEL To THE UNITED NATIONS",
            "Israel",
            "Chargé d'affaires a.i.",
        ),
    ],
)
def test_sender_is_normalised_to_a_state_or_office(
    phrase: str, sender: str, title: str | None
) -> None:
    parsed = parse_sender(phrase)
    assert (parsed.name, parsed.title) == (sender, title)


@needs_corpus
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "eval" / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_eval_gold_metadata_is_reproduced(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = SHARED / "corpus" / gold["file"]
    if not source.exists():
        source = SHARED / "corpus" / "letters" / gold["file"]
    meta = parse_metadata(source.read_text(encoding="utf-8"))
    expected = gold.get("metadata")
    if expected is None:  # the seed letter is body text only
        assert meta.symbol is None and meta.title is None
        return
    assert (meta.symbol, str(meta.letter_date), meta.sender) == (
        expected["symbol"],
        expected["date"],
        expected["sender"],
    )


@needs_corpus
def test_index_symbol_date_and_sender_accuracy_is_at_least_97_percent() -> None:
    spec = importlib.util.spec_from_file_location("metadata_accuracy", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = [
        json.loads(line)
        for line in (SHARED / "corpus" / "letters" / "index.jsonl").open(encoding="utf-8")
    ]
    hits = {"symbol": 0, "date": 0, "sender": 0}
    for row in rows:
        meta = parse_metadata(
            (SHARED / "corpus" / "letters" / row["file"]).read_text(encoding="utf-8")
        )
        hits["symbol"] += meta.symbol == (row["symbol_s"] or row["symbol_a"])
        hits["date"] += meta.letter_date == bench.parse_index_date(row["letter_date"])
        hits["sender"] += bench.sender_matches(meta.sender, bench.expected_sender(row["sender"]))
    assert len(rows) == 218
    assert {field: count / len(rows) >= 0.97 for field, count in hits.items()} == dict.fromkeys(
        hits, True
    ), hits
