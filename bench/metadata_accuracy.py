"""Accuracy of parse_metadata against ../shared/corpus/letters/index.jsonl and the eval gold.

Run: .venv/bin/python bench/metadata_accuracy.py

The index's sender is the raw phrase of the title ("the Permanent Representative of Kazakhstan
to the United Nations"); it is reduced to a State or office here by a few plain regexes written
independently of claims.ingest.metadata, so the two are not graded by the same code.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.ingest.metadata import parse_metadata  # noqa: E402

SHARED = REPO / ".." / "shared"
LETTERS = SHARED / "corpus" / "letters"
GOLD = SHARED / "eval" / "gold"
TARGET = 0.97

_ROLE = re.compile(
    r"^(?:the )?(?:Chargés? d’affaires a\.i\. of the Permanent Missions? of |Permanent Representatives? of "
    r"|Permanent Observer of |Permanent Missions? of |representatives of )",
)


def expected_sender(raw: str) -> str:
    """Independent reduction of the index's sender phrase to a State list or an office."""
    sender, is_state_list = _ROLE.subn("", raw)
    sender = re.sub(r" to the United Nations$", "", sender)
    sender = re.sub(r" acting in the absence .*$", "", sender)
    sender = re.sub(r"^the ", "", sender)
    if is_state_list:
        sender = re.sub(r" and the Permanent Observer of ", " and ", sender)
        sender = re.sub(r"(, | and )the ", r"\1", sender)
    return sender


def sender_matches(found: str | None, expected: str) -> bool:
    """Equal, or the same list in another order of separators; "Slovenia" for "Republic of
    Slovenia" counts, as the parser gives the short name."""
    if found is None:
        return False
    if found == expected or expected.endswith(" " + found):
        return True
    return set(re.split(r", | and ", found)) == set(re.split(r", | and ", expected))


def parse_index_date(text: str) -> date:
    return datetime.strptime(text, "%d %B %Y").date()  # noqa: DTZ007 - a calendar date


def main() -> int:
    if not LETTERS.is_dir():
        print(f"skipped: {LETTERS} not found")
        return 0
    rows = [json.loads(line) for line in (LETTERS / "index.jsonl").open(encoding="utf-8")]
    misses: dict[str, list[str]] = {"symbol": [], "letter_date": [], "sender": []}
    for row in rows:
        meta = parse_metadata((LETTERS / row["file"]).read_text(encoding="utf-8"))
        symbol = row["symbol_s"] or row["symbol_a"]
        if meta.symbol != symbol:
            misses["symbol"].append(f"{row['file']}: {meta.symbol!r} != {symbol!r}")
        if meta.letter_date != parse_index_date(row["letter_date"]):
            misses["letter_date"].append(
                f"{row['file']}: {meta.letter_date} != {row['letter_date']}"
            )
        expected = expected_sender(row["sender"])
        if not sender_matches(meta.sender, expected):
            misses["sender"].append(f"{row['file']}: {meta.sender!r} != {expected!r}")
    print(f"{'field':<12} {'accuracy':>9}  (n={len(rows)}, target {TARGET:.0%})")
    failed = False
    for field, missed in misses.items():
        accuracy = 1 - len(missed) / len(rows)
        failed |= accuracy < TARGET
        print(f"{field:<12} {accuracy:>9.1%}")
    for field, missed in misses.items():
        for miss in missed:
            print(f"  miss {field}: {miss}")
    failed |= not check_gold()
    return 1 if failed else 0


def check_gold() -> bool:
    ok = True
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = SHARED / "corpus" / gold["file"]
        if not source.exists():
            source = LETTERS / gold["file"]
        meta = parse_metadata(source.read_text(encoding="utf-8"))
        expected = gold.get("metadata")
        if not expected:
            print(f"gold {path.name}: no metadata to check (parsed sender {meta.sender!r})")
            continue
        got = {"symbol": meta.symbol, "date": str(meta.letter_date), "sender": meta.sender}
        good = got == {key: expected[key] for key in got}
        ok &= good
        print(f"gold {path.name}: {'ok' if good else f'MISS {got} != {expected}'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
