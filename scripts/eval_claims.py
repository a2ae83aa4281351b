"""Score the claim extractor on hand-annotated letters, one table per set.

    .venv/bin/python scripts/eval_claims.py [--set NAME | --gold DIR] [--pred PRED.json] [--show]

Sets (data/eval/SPLITS.md: split by sender, so no sender straddles two sets):
- gold: ../shared/eval/gold, the letters the rules were first written on;
- train: data/eval/train, letters the extractor may be tuned on (with gold);
- dev: data/eval/dev, for choosing between mechanisms and calibrating thresholds, read in
  aggregate only;
- test: data/eval/test, frozen; printed only when the folder holds files (the lead runs it).
Without --set or --gold every set is printed. Cleans each letter (with claims.ingest when it
is importable, else with a simple local cleaner), extracts claims, writes the prediction JSON
and prints the scorer's table. --show prints every predicted claim, to study the misses
(on gold and train only: dev is read in aggregate).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT / ".." / "shared"
GOLD_DIR = SHARED / "eval" / "gold"
EVAL_DIR = REPO_ROOT / "data" / "eval"
SETS = {
    "gold": GOLD_DIR,
    "train": EVAL_DIR / "train",
    "dev": EVAL_DIR / "dev",
    "test": EVAL_DIR / "test",
}
SCORER = SHARED / "eval" / "score_claims.py"
sys.path.insert(0, str(REPO_ROOT))

from claims.extraction import ExtractedClaim, extract_claims  # noqa: E402
from claims.extraction.export import letters_to_prediction_json  # noqa: E402

FURNITURE_LINE = re.compile(
    r"^\s*(?:\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?|\d{6}|\*\d{7}\*|Please recycle.*|"
    r"\d+/\d+|(?:[AS]/[\w./-]+\s*)+|[A-Z]/(?:ES-\d+/)?\d+/\d+(?:-[AS]/\d+/\d+)?)\s*$"
)
TERMINAL = (".", ":", ";", "!", "?", "”", '"', ")")


def simple_clean(raw: str) -> str:
    """Drop page furniture and join wrapped lines; paragraphs end with a newline."""
    lines = [line.rstrip() for line in raw.replace("\f", "\n").splitlines()]
    kept, in_footnotes = [], False
    for line in lines:
        if re.match(r"^\s*_{5,}\s*$", line):
            in_footnotes = True  # footnotes run to the end of the page
        elif FURNITURE_LINE.match(line):
            in_footnotes = False
        elif not in_footnotes:
            kept.append(line)
    out: list[str] = []
    for line in kept:
        if not line.strip():
            if out and out[-1] != "\n":
                out.append("\n")
            continue
        if out and out[-1] != "\n":
            starts_item = re.match(r"\s*(?:[•●▪]|\(?[a-z\d]{1,3}[.)]\s)", line)
            out.append("\n" if starts_item else " ")
        out.append(line.strip())
    return "".join(out).strip()


def simple_metadata(raw: str) -> dict[str, str | None]:
    symbol = re.search(r"\bS/\d{4}/\d+", raw[:300])
    dated = re.search(r"dated\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})", raw[:3000])
    sender = re.search(
        r"from\s+the\s+(?:Permanent\s+Representative|Permanent\s+Observer|Chargé\s+d.affaires\s+a\.i\."
        r"|Permanent\s+Mission)\s+of\s+(?:the\s+)?(.+?)\s+to\s+the\s+United",
        re.sub(r"\s+", " ", raw[:3000]),
    )
    letter_date = None
    if dated:
        letter_date = datetime.strptime(dated.group(1), "%d %B %Y").date().isoformat()  # noqa: DTZ007
    return {
        "symbol": symbol.group(0) if symbol else None,
        "date": letter_date,
        "sender": sender.group(1) if sender else None,
    }


def clean_letter(path: Path, *, simple: bool = False) -> tuple[str, dict[str, str | None]]:
    """Clean text and metadata, from claims.ingest when it is there (and not `simple`)."""
    try:
        if simple:
            raise ImportError("the simple cleaner was asked for")
        from claims.ingest import ingest_document
    except ImportError:
        raw = path.read_text("utf-8")
        return simple_clean(raw), simple_metadata(raw)
    document = ingest_document(path.read_bytes(), name=path.name)
    meta = document.metadata
    letter_date = meta.letter_date.isoformat() if meta.letter_date else None
    return document.clean.text, {"symbol": meta.symbol, "date": letter_date, "sender": meta.sender}


def letter_path(file_name: str, *, pdf: bool = False) -> Path:
    if pdf:
        return SHARED / "corpus" / "pdf" / f"{Path(file_name).stem}.pdf"
    seed = SHARED / "corpus" / file_name
    return seed if seed.exists() else SHARED / "corpus" / "letters" / file_name


def with_pdf_only(gold_dir: Path) -> Path:
    """A copy of gold_dir holding only the letters whose original PDF is in the corpus."""
    subset = Path(tempfile.mkdtemp()) / gold_dir.name
    subset.mkdir()
    for gold_file in gold_dir.glob("*.json"):
        name = json.loads(gold_file.read_text("utf-8"))["file"]
        if letter_path(name, pdf=True).is_file():
            (subset / gold_file.name).write_text(gold_file.read_text("utf-8"), "utf-8")
    return subset


Extracted = list[tuple[str, str, dict, list[ExtractedClaim]]]


def extract_gold_letters(
    *, simple: bool = False, gold_dir: Path = GOLD_DIR, pdf: bool = False
) -> Extracted:
    """Clean and extract every letter annotated in gold_dir (from its PDF when `pdf`)."""
    items = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        name = json.loads(gold_file.read_text("utf-8"))["file"]
        text, metadata = clean_letter(letter_path(name, pdf=pdf), simple=simple)
        letter_date = date.fromisoformat(metadata["date"]) if metadata.get("date") else None
        claims = extract_claims(text, letter_date=letter_date, sender=metadata.get("sender"))
        items.append((name, text, metadata, claims))
    return items


def score(pred_path: Path, gold_dir: Path = GOLD_DIR) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def show(items: Extracted) -> None:
    for name, text, _, claims in items:
        print(f"===== {name}")
        for claim in claims:
            print(
                f"  [{claim.kind[:4]} {claim.claim_type[:6]} {claim.event_date} {claim.score:.2f}]"
                f" {list(claim.places)} {claim.casualties} | {text[claim.start : claim.end]!r}"
            )


def evaluate(
    gold_dir: Path,
    *,
    pred_path: Path | None,
    simple: bool,
    show_claims: bool,
    pdf: bool = False,
) -> None:
    """Extract the letters of gold_dir, write the prediction and print the scorer's table."""
    items = extract_gold_letters(simple=simple, gold_dir=gold_dir, pdf=pdf)
    if show_claims:
        show(items)
    prediction = letters_to_prediction_json(items)
    pred_path = pred_path or Path(tempfile.mkdtemp()) / "pred.json"
    pred_path.write_text(json.dumps(prediction, ensure_ascii=False, indent=1), "utf-8")
    subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred_path)],
        check=False,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default=None, help="one set only")
    parser.add_argument(
        "--gold", type=Path, default=None, help="an annotated folder (default: every set)"
    )
    parser.add_argument("--pred", type=Path, default=None, help="where to write PRED.json")
    parser.add_argument("--show", action="store_true", help="print every predicted claim")
    parser.add_argument(
        "--simple-cleaner", action="store_true", help="use the local cleaner, not claims.ingest"
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="only letters whose PDF is in the corpus: score them from the text, then the PDF",
    )
    args = parser.parse_args(argv)
    if not SCORER.is_file():
        print(f"no scorer at {SCORER}", file=sys.stderr)
        return 2
    if args.gold:
        folders = {str(args.gold): args.gold}
    elif args.set:
        folders = {args.set: SETS[args.set]}
    else:  # the test set only once the lead has put its files there
        folders = {
            name: folder
            for name, folder in SETS.items()
            if name != "test" or any(folder.glob("*.json"))
        }
    if args.show and not args.gold and {"dev", "test"} & set(folders):
        print("--show is for gold and train: dev and test are read in aggregate", file=sys.stderr)
        return 2
    for name, gold_dir in folders.items():
        if not gold_dir.is_dir():
            print(f"no annotated folder at {gold_dir}", file=sys.stderr)
            return 2
        if args.pdf:
            subset = with_pdf_only(gold_dir)
            letters = len(list(subset.glob("*.json")))
            for source in ("text", "pdf"):
                print(f"\n== {name}, the {letters} letters with a PDF, read from the {source}")
                evaluate(
                    subset,
                    pred_path=args.pred,
                    simple=args.simple_cleaner,
                    show_claims=args.show,
                    pdf=source == "pdf",
                )
            continue
        if len(folders) > 1:
            print(f"\n== {name} ({os.path.relpath(gold_dir, REPO_ROOT)})")
        evaluate(gold_dir, pred_path=args.pred, simple=args.simple_cleaner, show_claims=args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
