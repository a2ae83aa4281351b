"""Spanish: "Carta de fecha 4 de junio de 2025 dirigida a la Presidencia del Consejo de
Seguridad por el Representante Permanente de X ante las Naciones Unidas"."""

from __future__ import annotations

import re

from claims.ingest.lang import Vocabulary

MONTH_NAMES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS["setiembre"] = 9

VOCABULARY = Vocabulary(
    code="es",
    title_start=(r"(?:Cartas\s+idénticas|Cartas?|Notas?\s+verbal(?:es)?)\s+de\s+fecha\s+\d"),
    title_dated=" de fecha ",
    title_complete=r"\bpor\s+(?:el|la|los|las)\s",
    title_parts=re.compile(
        r"\bdirigidas?\s+(?P<addressees>.+?)\s+por\s+(?P<sender>.+)$", re.IGNORECASE | re.DOTALL
    ),
    masthead_marker=r"Distr\.|Naciones\s+Unidas\b|NACIONES\s*$",
    months=MONTHS,
    date=re.compile(
        r"\b(\d{1,2})\s+de\s+(" + "|".join(MONTHS) + r")\s+de\s+(\d{4})\b", re.IGNORECASE
    ),
    role_of_state=re.compile(
        r"^(?:(?:el|la|los|las)\s+)?(?P<role>Representantes?\s+Permanentes?"
        r"(?:\s+Adjunt[oa]s?)?|Encargad[oa]s?\s+de\s+Negocios(?:\s+(?:a\.\s?i\.|interin[oa]))?"
        r"|Observador(?:a)?(?:es)?\s+Permanentes?|Misi(?:ón|ones)\s+Permanentes?"
        r"|Ministr[oa]\s+de\s+Relaciones\s+Exteriores|Gobierno)\s+"
        r"(?:de\s+la\s+Misión\s+Permanente\s+)?"
        r"(?:de\s+(?:la|los|las|el)\s+|del\s+|de\s+)(?P<states>.+?)"
        r"(?:\s+ante\s+las\s+Naciones\s+Unidas.*)?$",
        re.IGNORECASE | re.DOTALL,
    ),
    role_titles={
        "representante permanente": "Permanent Representative",
        "representante permanente adjunto": "Deputy Permanent Representative",
        "representante permanente adjunta": "Deputy Permanent Representative",
        "encargado de negocios a.i.": "Chargé d'affaires a.i.",
        "encargada de negocios a.i.": "Chargé d'affaires a.i.",
        "encargado de negocios interino": "Chargé d'affaires a.i.",
        "encargada de negocios interina": "Chargé d'affaires a.i.",
        "encargado de negocios": "Chargé d'affaires",
        "observador permanente": "Permanent Observer",
        "observadora permanente": "Permanent Observer",
        "mision permanente": "Permanent Mission",
    },
    role_words=re.compile(
        r"\b(?:representantes?|permanentes?|adjunt[oa]s?|observador(?:a|es)?|misi(?:ón|ones)"
        r"|encargad[oa]s?\s+de\s+negocios|interin[oa]|a\.\s?i\.)(?!\w)",
        re.IGNORECASE,
    ),
    filler=r"[\s,]|\b(?:y|e|de|del|la|el|los|las|republica|reino|principado)\b",
    office_tail=re.compile(r"\s+ante\s+las\s+Naciones\s+Unidas$", re.IGNORECASE),
    article=re.compile(r"^(?:el\s+|la\s+|los\s+|las\s+|al\s+|a\s+(?:la\s+|los\s+|las\s+)?)", re.I),
    addressee_split=r",\s*(?:y\s+)?|\s+y\s+(?=(?:a|al)\s)",
    doc_types=(
        (re.compile(r"^cartas\s+idénticas", re.IGNORECASE), "identical_letters"),
        (re.compile(r"^notas?\s+verbal(?:es)?", re.IGNORECASE), "note_verbale"),
        (re.compile(r"^cartas?\b", re.IGNORECASE), "letter"),
    ),
    original_language=re.compile(
        r"\bOriginal\s*:\s*(árabe|chino|inglés|francés|ruso|español)\b", re.IGNORECASE
    ),
    language_names={
        "árabe": "Arabic",
        "chino": "Chinese",
        "inglés": "English",
        "francés": "French",
        "ruso": "Russian",
        "español": "Spanish",
    },
)
