"""Build the labelled claim pairs in data/pairs/pairs.jsonl from ../shared (reproducible, fixed seed).

    .venv/bin/python scripts/build_pairs.py            # writes data/pairs/pairs.jsonl
    .venv/bin/python scripts/build_pairs.py --sample 40 # prints pairs to review by hand

Claims come from the real extractor when `claims.extraction.extract_claims` is importable and
--source is "auto" or "extractor"; otherwise from proxies: sentences of the letters that carry a
date or a place, with dates, places, actors and a type read by the rules below. The hand-annotated
gold claims of ../shared/eval/gold add real restatements (quote vs text = the same claim reworded).

Heuristic labels (docs/matching.md), then data/pairs/review.jsonl overrides them by pair_id:
  same_claim     near-identical sentences in two letters (lexical cosine >= 0.6), or a gold
                 quote and its restatement
  same_incident  two specific claims from letters of different senders, dates within a day,
                 a shared place, wording not near-identical
  unrelated      random pairs from different letters, and "hard" pairs that share a place but
                 whose dates are a week or more apart
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.matching import ClaimFeatures, LexicalEmbedder, lexical_similarity  # noqa: E402
from claims.matching.scoring import dates_agree, places_overlap  # noqa: E402

SHARED = ROOT / ".." / "shared"
LETTERS = SHARED / "corpus" / "letters"
GOLD = SHARED / "eval" / "gold"
OUT = ROOT / "data" / "pairs" / "pairs.jsonl"
REVIEW = ROOT / "data" / "pairs" / "review.jsonl"
SEED = 20250101

MONTHS = "January February March April May June July August September October November December"
MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS.split(), start=1)}
DATE = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS.split())})(?: (\d{{4}}))?\b")
PLACE = re.compile(r"\b(?:in|near|at|of|on) (?:the )?((?:[A-Z][\w’'-]+)(?: [A-Z][\w’'-]+){0,2})")
NOT_PLACES = frozenset(
    [
        "Security",
        "Council",
        "United",
        "Nations",
        "General",
        "Assembly",
        "Charter",
        "Republic",
        "State",
        "States",
        "Government",
        "Ministry",
        "Committee",
        "Council",
        "Mission",
        "Article",
        "Secretary-General",
        "Foreign",
        "Affairs",
        "Permanent",
        "Convention",
        "Conference",
        "Panel",
        "Experts",
        "Action",
        "Justice",
        "Human",
        "Rights",
        "Member",
        "Organisation",
        "Mr",
        "Ms",
        "Federation",
        "Court",
        "Prosecutor",
        "Mechanism",
        "Office",
        "Chemical",
        "Weapons",
        "Resolution",
        "Annex",
        "UN",
        "President",
        "Executive",
        "Armed",
        "Forces",
        "Defence",
        "Defense",
        "International",
        "Union",
        "European",
        "Great",
        "Patriotic",
    ]
)
# A date in these phrases names a document or meeting, not an event.
DOCUMENT_DATE = re.compile(
    r"(letter|note|resolution|statement|report|meeting|session)s? (dated|of)", re.I
)
ACTORS = (
    "Russian Federation",
    "Ukraine",
    "Israel",
    "Azerbaijan",
    "Armenia",
    "Iran",
    "Syrian Arab Republic",
    "Lebanon",
    "Hizbullah",
    "Hamas",
    "Sudan",
    "Rapid Support Forces",
    "RSF",
    "Türkiye",
    "Cyprus",
    "Democratic Republic of the Congo",
    "Rwanda",
    "M23",
    "ISIL",
    "United States",
    "Pakistan",
    "India",
    "Houthis",
    "Yemen",
    "Somalia",
    "Al-Shabaab",
    "Belarus",
    "Haiti",
    "Venezuela",
    "Georgia",
)
TYPE_RULES = (
    ("casualties", r"\b(killed|injured|wounded|dead|deaths?|casualties)\b"),
    (
        "strike",
        r"\b(strikes?|struck|missiles?|drones?|shell(ing|ed)|bomb(s|ing|ed)?|air ?raids?)\b",
    ),
    ("attack", r"\b(attack(s|ed)?|fired|assault)\b"),
    ("damage", r"\b(destroy(ed)?|damag(e|ed)|demolish(ed)?)\b"),
    ("detention", r"\b(detain(ed)?|arrest(ed)?|abduct(ed)?)\b"),
    ("displacement", r"\b(displac(ed|ement)|expell?(ed)?|deport(ed)?)\b"),
    ("violation", r"\b(violat(ed|ion|ions))\b"),
)


@dataclass(frozen=True)
class SourceClaim:
    features: ClaimFeatures
    symbol: str
    restatement: str | None = None  # gold claims only


def read_index() -> list[dict]:
    return [json.loads(line) for line in (LETTERS / "index.jsonl").read_text().splitlines()]


def sender_key(row: dict) -> str:
    sender = re.sub(
        r"^the .*?(Mission|Representative|Observer|a\.i\.) of (the )?", "", row["sender"]
    )
    return sender.removesuffix(" to the United Nations")


def letter_year(row: dict) -> int:
    return int(row["letter_date"].split()[-1])


def proxy_sentences(text: str) -> Iterator[str]:
    body = re.sub(r"-\n(?=[a-z])", "", text)
    body = re.sub(r"\s*\n\s*", " ", body)
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z“\"(])", body):
        sentence = sentence.strip()
        if 60 <= len(sentence) <= 400 and not re.search(r"\d{2}-\d{5}|\*\d{7}\*|Distr\.", sentence):
            yield sentence


def event_date(sentence: str, year: int) -> date | None:
    for match in DATE.finditer(sentence):
        if DOCUMENT_DATE.search(sentence[max(0, match.start() - 30) : match.start()]):
            continue
        try:
            return date(
                int(match.group(3) or year), MONTH_NUMBER[match.group(2)], int(match.group(1))
            )
        except ValueError:
            continue
    return None


def places(sentence: str) -> tuple[str, ...]:
    found = []
    for match in PLACE.finditer(sentence):
        name = match.group(1).removesuffix("’s")
        if not set(name.split()) & NOT_PLACES and name not in MONTH_NUMBER:
            found.append(name)
    return tuple(dict.fromkeys(found))


def claim_type(sentence: str) -> str:
    for name, pattern in TYPE_RULES:
        if re.search(pattern, sentence, re.I):
            return name
    return "other"


def proxy_claims(rows: list[dict]) -> list[SourceClaim]:
    claims: list[SourceClaim] = []
    for letter_id, row in enumerate(rows, start=1):
        text = (LETTERS / row["file"]).read_text(encoding="utf-8")
        for sentence in proxy_sentences(text):
            when, where = event_date(sentence, letter_year(row)), places(sentence)
            if when is None and not where:
                continue
            features = ClaimFeatures(
                claim_id=len(claims) + 1,
                letter_id=letter_id,
                text=sentence,
                event_date=when,
                places=where,
                actors=tuple(actor for actor in ACTORS if actor in sentence),
                claim_type=claim_type(sentence),
                kind="specific" if when else "general",
                sender=sender_key(row),
            )
            claims.append(SourceClaim(features, row["symbol_s"]))
    return claims


def extractor_claims(rows: list[dict]) -> list[SourceClaim] | None:
    try:
        from claims.extraction import extract_claims
        from claims.ingest import ingest_document
    except ImportError:
        return None
    claims: list[SourceClaim] = []
    for letter_id, row in enumerate(rows, start=1):
        path = LETTERS / row["file"]
        document = ingest_document(path.read_bytes(), name=path.name)
        text, metadata = document.clean.text, document.metadata
        for claim in extract_claims(text, letter_date=metadata.letter_date, sender=metadata.sender):
            features = ClaimFeatures(
                claim_id=len(claims) + 1, letter_id=letter_id, text=text[claim.start : claim.end],
                event_date=claim.event_date, places=tuple(claim.places), actors=tuple(claim.actors),
                claim_type=claim.claim_type, kind=claim.kind, sender=metadata.sender or sender_key(row),
            )  # fmt: skip
            claims.append(SourceClaim(features, row["symbol_s"]))
    return claims


def gold_claims(rows: list[dict], first_id: int) -> list[SourceClaim]:
    letter_of = {row["file"]: (i, row) for i, row in enumerate(rows, start=1)}
    claims: list[SourceClaim] = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text())
        letter_id, row = letter_of.get(
            gold["file"], (10_000 + len(claims), {"symbol_s": gold["file"]})
        )
        for item in gold["claims"]:
            features = ClaimFeatures(
                claim_id=first_id + len(claims), letter_id=letter_id, text=item["quote"],
                event_date=date.fromisoformat(item["date"]) if item.get("date") else None,
                places=tuple(item.get("places") or ()), actors=tuple(item.get("actors") or ()),
                claim_type=item.get("type") or "other", kind=item.get("kind") or "general",
                sender=(gold.get("metadata") or {}).get("sender"),
            )  # fmt: skip
            claims.append(SourceClaim(features, row["symbol_s"], restatement=item["text"]))
    return claims


def pair_id(a: ClaimFeatures, b: ClaimFeatures) -> str:
    key = "\x1f".join(sorted([f"{a.letter_id}:{a.text}", f"{b.letter_id}:{b.text}"]))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def pair_record(a: SourceClaim, b: SourceClaim, label: str, heuristic: str) -> dict:
    return {
        "pair_id": pair_id(a.features, b.features),
        "label": label,
        "heuristic": heuristic,
        "note": "",
        "reviewed": False,
        "a": {**feature_dict(a.features), "symbol": a.symbol},
        "b": {**feature_dict(b.features), "symbol": b.symbol},
    }


def feature_dict(features: ClaimFeatures) -> dict:
    data = asdict(features)
    data["event_date"] = features.event_date.isoformat() if features.event_date else None
    return data


def near_duplicates(claims: list[SourceClaim], limit: int, rng: random.Random) -> list[dict]:
    vectors = LexicalEmbedder().embed([claim.features.text for claim in claims])
    similarity = vectors @ vectors.T
    rows, cols = np.nonzero(np.triu(similarity, k=1) >= 0.6)
    found, seen_texts = [], set()
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = claims[i], claims[j]
        if a.features.letter_id == b.features.letter_id or a.features.text == b.features.text:
            continue
        if lexical_similarity(a.features.text, b.features.text) < 0.6:
            continue
        key = frozenset((a.features.text[:80], b.features.text[:80]))
        if key not in seen_texts:
            seen_texts.add(key)
            found.append(pair_record(a, b, "same_claim", "near-identical sentences"))
    rng.shuffle(found)
    return found[:limit]


def restatements(claims: list[SourceClaim], limit: int, rng: random.Random) -> list[dict]:
    found = []
    for claim in claims:
        if claim.restatement:
            reworded = SourceClaim(
                replace(
                    claim.features,
                    claim_id=claim.features.claim_id + 100_000,
                    text=claim.restatement,
                ),
                claim.symbol,
            )
            found.append(
                pair_record(claim, reworded, "same_claim", "gold quote vs its restatement")
            )
    rng.shuffle(found)
    return found[:limit]


def same_incidents(claims: list[SourceClaim], limit: int, rng: random.Random) -> list[dict]:
    """Two dated claims, dates within a day, a shared town or region, different wording.

    The same letter is allowed (a strike and its casualties are one incident, two claims): the
    corpus holds few replies about one event, and the scorer does not look at letter identity.
    """
    dated = [
        claim
        for claim in claims
        if claim.features.event_date
        and claim.features.places
        and claim.features.claim_type != "other"
    ]
    found, seen = [], set()
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            fa, fb = a.features, b.features
            if not dates_agree(fa.event_date, fb.event_date):
                continue
            if not places_overlap(fa.places, fb.places) or (fa.text[:60], fb.text[:60]) in seen:
                continue
            if lexical_similarity(fa.text, fb.text) < 0.6:
                seen.add((fa.text[:60], fb.text[:60]))
                found.append(pair_record(a, b, "same_incident", "dates within a day, shared place"))
    rng.shuffle(found)
    per_letter_pair: Counter[tuple[int, int]] = Counter()
    kept = []
    for pair in found:  # at most three pairs from one pair of letters, so no letter dominates
        letters = (pair["a"]["letter_id"], pair["b"]["letter_id"])
        per_letter_pair[letters] += 1
        if per_letter_pair[letters] <= 3:
            kept.append(pair)
    kept.sort(key=lambda pair: pair["a"]["letter_id"] == pair["b"]["letter_id"])  # replies first
    return kept[:limit]


def gold_same_date(gold: list[SourceClaim], limit: int, rng: random.Random) -> list[dict]:
    """Two annotated claims of one letter about one dated event (a strike, its dead, its damage)."""
    found = []
    per_letter: Counter[int] = Counter()
    candidates = [
        (a, b)
        for i, a in enumerate(gold)
        for b in gold[i + 1 :]
        if a.features.letter_id == b.features.letter_id
        and a.features.event_date
        and a.features.event_date == b.features.event_date
    ]
    rng.shuffle(candidates)
    for a, b in candidates:
        per_letter[a.features.letter_id] += 1
        if per_letter[a.features.letter_id] <= 12:
            found.append(pair_record(a, b, "same_incident", "gold claims of one letter, same date"))
    return found[:limit]


def unrelated(claims: list[SourceClaim], limit: int, rng: random.Random) -> list[dict]:
    found = []
    while len(found) < limit:
        a, b = rng.sample(claims, 2)
        if a.features.letter_id != b.features.letter_id:
            found.append(pair_record(a, b, "unrelated", "random pair"))
    return found


def hard_unrelated(claims: list[SourceClaim], limit: int, rng: random.Random) -> list[dict]:
    dated = [claim for claim in claims if claim.features.event_date and claim.features.places]
    found = []
    for _ in range(limit * 200):
        a, b = rng.sample(dated, 2)
        fa, fb = a.features, b.features
        far_apart = abs((fa.event_date - fb.event_date).days) >= 7  # type: ignore[operator]
        if fa.letter_id != fb.letter_id and far_apart and places_overlap(fa.places, fb.places):
            found.append(pair_record(a, b, "unrelated", "shared place, dates a week or more apart"))
        if len(found) == limit:
            break
    return found


def apply_review(pairs: list[dict]) -> list[dict]:
    """Apply the hand labels of data/pairs/review.jsonl; "drop" removes a pair (not a claim)."""
    review: dict[str, dict] = {}
    if REVIEW.exists():
        for line in REVIEW.read_text().splitlines():
            if line.strip():
                item = json.loads(line)
                review[item["pair_id"]] = item
    kept = []
    for pair in pairs:
        item = review.get(pair["pair_id"])
        if item:
            pair.update(label=item["label"], note=item.get("note", ""), reviewed=True)
        if pair["label"] != "drop":
            kept.append(pair)
    return kept


def build(source: str) -> list[dict]:
    rng = random.Random(SEED)
    rows = read_index()
    claims = extractor_claims(rows) if source in ("auto", "extractor") else None
    if claims is None:
        if source == "extractor":
            raise SystemExit("claims.extraction is not importable")
        claims = proxy_claims(rows)
    gold = gold_claims(rows, first_id=len(claims) + 1)
    everyone = claims + gold
    pairs = (
        near_duplicates(everyone, 70, rng)
        + restatements(gold, 60, rng)
        + same_incidents(everyone, 90, rng)
        + gold_same_date(gold, 40, rng)
        + unrelated(everyone, 100, rng)
        + hard_unrelated(everyone, 50, rng)
    )
    unique = apply_review(list({pair["pair_id"]: pair for pair in pairs}.values()))
    reviewed = sum(pair["reviewed"] for pair in unique)
    print(f"{len(claims)} claims ({'proxy' if source != 'extractor' else source}) + {len(gold)} gold; "
          f"{len(unique)} pairs, {reviewed} reviewed by hand", file=sys.stderr)  # fmt: skip
    return unique


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--source", choices=["auto", "proxy", "extractor"], default="proxy")
    parser.add_argument("--sample", type=int, default=0, help="print N pairs per label to review")
    args = parser.parse_args()
    if not LETTERS.exists():
        raise SystemExit(f"corpus not found at {LETTERS.resolve()}")
    pairs = build(args.source)
    if args.sample:  # print, don't write
        for label in ("same_claim", "same_incident", "unrelated"):
            for pair in [p for p in pairs if p["label"] == label][: args.sample]:
                print(json.dumps({k: pair[k] for k in ("pair_id", "label", "heuristic")}))
                print(
                    "  A",
                    pair["a"]["symbol"],
                    pair["a"]["event_date"],
                    pair["a"]["places"],
                    pair["a"]["text"],
                )
                print(
                    "  B",
                    pair["b"]["symbol"],
                    pair["b"]["event_date"],
                    pair["b"]["places"],
                    pair["b"]["text"],
                )
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as handle:
        for pair in sorted(pairs, key=lambda p: (p["label"], p["pair_id"])):
            handle.write(json.dumps(pair, ensure_ascii=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
