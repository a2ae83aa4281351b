"""Links that identify a sending State, for ClaimReview's `itemReviewed.author.sameAs`. Pure.

Keys are the names claims/ingest/states.py gives senders. A State not listed gets no sameAs
link (the field is optional); add entries as letters from new senders arrive.
"""

from __future__ import annotations

WIKIDATA = "https://www.wikidata.org/wiki/"

STATE_WIKIDATA: dict[str, str] = {
    "Armenia": "Q399",
    "Azerbaijan": "Q227",
    "Belarus": "Q184",
    "China": "Q148",
    "Democratic People’s Republic of Korea": "Q423",
    "Democratic Republic of the Congo": "Q974",
    "Egypt": "Q79",
    "France": "Q142",
    "Georgia": "Q230",
    "Germany": "Q183",
    "India": "Q668",
    "Iraq": "Q796",
    "Islamic Republic of Iran": "Q794",
    "Israel": "Q801",
    "Japan": "Q17",
    "Lebanon": "Q822",
    "Libya": "Q1016",
    "Pakistan": "Q843",
    "Poland": "Q36",
    "Republic of Korea": "Q884",
    "Russian Federation": "Q159",
    "Rwanda": "Q1037",
    "Saudi Arabia": "Q851",
    "State of Palestine": "Q219060",
    "Sudan": "Q1049",
    "Syrian Arab Republic": "Q858",
    "Türkiye": "Q43",
    "Ukraine": "Q212",
    "United Kingdom of Great Britain and Northern Ireland": "Q145",
    "United States of America": "Q30",
    "Yemen": "Q805",
}
_BY_FOLDED = {name.casefold().replace("'", "’"): qid for name, qid in STATE_WIKIDATA.items()}


def sender_same_as(sender: str) -> str | None:
    qid = _BY_FOLDED.get(sender.strip().casefold().replace("'", "’"))
    return f"{WIKIDATA}{qid}" if qid else None
