"""English: "Letter dated 4 June 2025 from the Permanent Representative of X to the United
Nations addressed to the President of the Security Council"."""

from __future__ import annotations

import re

from claims.ingest.lang import Vocabulary

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}

VOCABULARY = Vocabulary(
    code="en",
    title_start=r"(?:Identical\s+letters|Letters?|Notes?\s+verbales?)\s+dated\s+\d",
    title_dated=" dated ",
    title_complete=r"\baddressed\s+to\b",
    title_parts=re.compile(
        r"\bfrom\s+(?P<sender>.+?)(?:\s+addressed\s+to\s+(?P<addressees>.+))?$",
        re.IGNORECASE | re.DOTALL,
    ),
    masthead_marker=r"Distr\b|United\s+Nations\b|UNITED\s*$",
    months=MONTHS,
    date=re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s*,?\s+(\d{4})\b", re.IGNORECASE),
    # "the Chargé d’affaires a.i. of the Permanent Mission of Lebanon to the United Nations"
    role_of_state=re.compile(
        r"^(?:the\s+)?(?P<role>(?:Deputy\s+|Acting\s+|Alternate\s+)?Permanent\s+Representatives?"
        r"|Charg[ée]s?\s+d['’]\s?affaires(?:\s+a\.\s?i\.)?|(?:Deputy\s+)?Permanent\s+Observers?"
        r"|Permanent\s+Missions?|Representatives?|Ambassadors?|Missions?|Governments?"
        r"|Ministers?\s+(?:for|of)\s+Foreign\s+Affairs|Ministry\s+of\s+Foreign\s+Affairs"
        r"|Heads?\s+of\s+State|Presidents?|Prime\s+Ministers?)\s+of\s+"
        r"(?:the\s+Permanent\s+Missions?\s+of\s+)?(?P<states>.+?)"
        r"(?:\s+to\s+the\s+United\s+Nations.*)?$",
        re.IGNORECASE | re.DOTALL,
    ),
    role_titles={
        "permanent representative": "Permanent Representative",
        "deputy permanent representative": "Deputy Permanent Representative",
        "acting permanent representative": "Acting Permanent Representative",
        "alternate permanent representative": "Alternate Permanent Representative",
        "charge d'affaires a.i.": "Chargé d'affaires a.i.",
        "charge d'affaires": "Chargé d'affaires",
        "permanent observer": "Permanent Observer",
        "deputy permanent observer": "Deputy Permanent Observer",
        "permanent mission": "Permanent Mission",
        "representative": "Representative",
    },
    role_words=re.compile(
        r"\b(?:Permanent|Representatives?|Observers?|Missions?|Charg[ée]s?\s+d['’]\s?affaires"
        r"|charge\s+d'\s?affaires|a\.\s?i\.|Deputy|Acting)(?!\w)",
        re.IGNORECASE,
    ),
    filler=r"[\s,]|\b(?:and|the|of|republic|kingdom|federal|principality|sultanate)\b",
    office_tail=re.compile(
        r"\s+(?:acting\s+in\s+the\s+absence\b.*|to\s+the\s+United\s+Nations)$", re.I
    ),
    article=re.compile(r"^the\s+", re.IGNORECASE),
    addressee_split=r",\s*(?:and\s+)?|\s+and\s+(?=the\s)",
    doc_types=(
        (re.compile(r"^identical\s+letters", re.IGNORECASE), "identical_letters"),
        (re.compile(r"^notes?\s+verbales?", re.IGNORECASE), "note_verbale"),
        (re.compile(r"^letters?\b", re.IGNORECASE), "letter"),
    ),
    original_language=re.compile(
        r"\bOriginal\s*:\s*(Arabic|Chinese|English|French|Russian|Spanish)\b", re.IGNORECASE
    ),
    language_names={
        name.lower(): name
        for name in ("Arabic", "Chinese", "English", "French", "Russian", "Spanish")
    },
)
