"""French: "Lettre datée du 4 juin 2025, adressée au Président du Conseil de sécurité par le
Représentant permanent de la France auprès de l'Organisation des Nations Unies"."""

from __future__ import annotations

import re

from claims.ingest.lang import Vocabulary

MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({"fevrier": 2, "aout": 8, "decembre": 12})  # written without accents
_APOSTROPHE = "['’]\\s?"

VOCABULARY = Vocabulary(
    code="fr",
    title_start=(
        r"(?:Lettres\s+identiques\s+datées|Lettres?\s+datées?|Notes?\s+verbales?\s+datées?)"
        r"\s+du\s+\d"
    ),
    title_dated=" daté",
    title_complete=r"\bpar\s+(?:le|la|les|l['’])\s?",
    title_parts=re.compile(
        r"\badressées?\s+(?P<addressees>.+?)\s+par\s+(?P<sender>.+)$", re.IGNORECASE | re.DOTALL
    ),
    masthead_marker=r"Distr\.|Nations\s+Unies\b|NATIONS\s*$",
    months=MONTHS,
    date=re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE),
    role_of_state=re.compile(
        r"^(?:(?:le|la|les)\s+)?(?P<role>Représentante?s?\s+permanente?s?(?:\s+adjointe?s?)?"
        rf"|Chargée?s?\s+d{_APOSTROPHE}affaires(?:\s+par\s+intérim|\s+a\.\s?i\.)?"
        r"|Observat(?:eur|rice)s?\s+permanente?s?|Missions?\s+permanentes?"
        r"|Ministre\s+des\s+affaires\s+étrangères|Gouvernement)\s+"
        r"(?:de\s+la\s+Mission\s+permanente\s+)?"
        rf"(?:de\s+la\s+|de\s+l{_APOSTROPHE}|du\s+|des\s+|de\s+|d{_APOSTROPHE})(?P<states>.+?)"
        rf"(?:\s+auprès\s+de\s+l{_APOSTROPHE}Organisation\s+des\s+Nations\s+Unies.*)?$",
        re.IGNORECASE | re.DOTALL,
    ),
    role_titles={
        "representant permanent": "Permanent Representative",
        "representante permanente": "Permanent Representative",
        "representant permanent adjoint": "Deputy Permanent Representative",
        "representante permanente adjointe": "Deputy Permanent Representative",
        "charge d'affaires par interim": "Chargé d'affaires a.i.",
        "chargee d'affaires par interim": "Chargé d'affaires a.i.",
        "charge d'affaires a.i.": "Chargé d'affaires a.i.",
        "charge d'affaires": "Chargé d'affaires",
        "observateur permanent": "Permanent Observer",
        "observatrice permanente": "Permanent Observer",
        "mission permanente": "Permanent Mission",
    },
    role_words=re.compile(
        r"\b(?:représentante?s?|permanente?s?|adjointe?s?|observat(?:eur|rice)s?|missions?"
        rf"|chargée?s?\s+d{_APOSTROPHE}affaires|par\s+intérim|a\.\s?i\.)(?!\w)",
        re.IGNORECASE,
    ),
    filler=r"[\s,']|\b(?:et|de|la|le|les|l|du|des|d|republique|royaume|principaute)\b",
    office_tail=re.compile(
        rf"\s+(?:agissant\s+en\b.*|auprès\s+de\s+l{_APOSTROPHE}Organisation\s+des\s+Nations"
        r"\s+Unies)$",
        re.IGNORECASE,
    ),
    article=re.compile(
        rf"^(?:le\s+|la\s+|les\s+|l{_APOSTROPHE}|au\s+|aux\s+|à\s+(?:la\s+|l{_APOSTROPHE})?)",
        re.IGNORECASE,
    ),
    addressee_split=r",\s*(?:et\s+)?|\s+et\s+(?=(?:au|aux|à)\s)",
    doc_types=(
        (re.compile(r"^lettres\s+identiques", re.IGNORECASE), "identical_letters"),
        (re.compile(r"^notes?\s+verbales?", re.IGNORECASE), "note_verbale"),
        (re.compile(r"^lettres?\b", re.IGNORECASE), "letter"),
    ),
    original_language=re.compile(
        r"\bOriginal\s*:\s*(arabe|chinois|anglais|français|russe|espagnol)\b", re.IGNORECASE
    ),
    language_names={
        "arabe": "Arabic",
        "chinois": "Chinese",
        "anglais": "English",
        "français": "French",
        "russe": "Russian",
        "espagnol": "Spanish",
    },
)
