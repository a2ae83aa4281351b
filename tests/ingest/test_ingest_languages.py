"""Letters in French and Spanish read like English ones: symbol, dates, sender, addressees and
title, with the language detected offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claims.ingest import clean_text, parse_metadata
from claims.ingest.lang import detect_language, registry, vocabulary

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "letters"

EXPECTED = {
    "S_2025_350_fr.txt": dict(
        language="fr",
        symbol="S/2025/350",
        doc_type="letter",
        letter_date=date(2025, 6, 4),
        distribution_date=date(2025, 6, 5),
        sender="France",
        sender_title="Permanent Representative",
        addressees=("Président du Conseil de sécurité",),
        original_language="English",
    ),
    "S_2025_351_es.txt": dict(
        language="es",
        symbol="S/2025/351",
        doc_type="letter",
        letter_date=date(2025, 6, 4),
        distribution_date=date(2025, 6, 6),
        sender="Mexico",
        sender_title="Permanent Representative",
        addressees=("Presidencia del Consejo de Seguridad",),
        original_language="Spanish",
    ),
    "S_2025_352_fr_joint.txt": dict(
        language="fr",
        doc_type="identical_letters",
        letter_date=date(2025, 6, 1),  # "1er juin"
        sender="Islamic Republic of Iran",
        sender_title="Chargé d'affaires a.i.",
        addressees=("Secrétaire général", "Présidente du Conseil de sécurité"),
        original_language="French",
    ),
    "S_2025_353_es_notes.txt": dict(
        language="es",
        doc_type="note_verbale",
        letter_date=date(2025, 6, 10),
        sender="United States of America",
        sender_title="Permanent Mission",
        addressees=("Secretario General",),
    ),
}


@pytest.mark.parametrize("filename", sorted(EXPECTED))
def test_french_and_spanish_letters_yield_their_metadata(filename: str) -> None:
    meta = parse_metadata((DATA / filename).read_text(encoding="utf-8"))
    for field, expected in EXPECTED[filename].items():
        assert getattr(meta, field) == expected, field
    assert meta.title and meta.title.split()[0] in ("Lettre", "Lettres", "Carta", "Nota")


def test_the_masthead_of_a_french_letter_is_not_part_of_its_text() -> None:
    text = clean_text((DATA / "S_2025_350_fr.txt").read_text(encoding="utf-8")).text
    assert text.startswith("Lettre datée du 4 juin 2025")
    assert "Distr. générale" not in text


@pytest.mark.parametrize(
    ("path", "language"),
    [
        (SAMPLES / "S_2025_43.txt", "en"),
        (DATA / "S_2025_350_fr.txt", "fr"),
        (DATA / "S_2025_351_es.txt", "es"),
    ],
)
def test_the_language_of_a_letter_is_detected(path: Path, language: str) -> None:
    assert detect_language(path.read_text(encoding="utf-8")) == language
    assert parse_metadata(path.read_text(encoding="utf-8")).language == language


def test_too_little_text_has_no_language() -> None:
    assert detect_language("S/2025/1 5 June 2025") is None


def test_each_language_module_is_registered_and_english_is_the_fallback() -> None:
    assert set(registry()) == {"en", "fr", "es"}
    assert vocabulary("ru").code == "en" and vocabulary(None).code == "en"
    assert vocabulary("fr").months["août"] == 8
