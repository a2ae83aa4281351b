"""Print a letter's cleaned text (what claim spans and gold quotes refer to) and its metadata.

.venv/bin/python scripts/clean_letter.py PATH [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.ingest import ingest_document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="write the text here")
    args = parser.parse_args()
    document = ingest_document(args.path.read_bytes(), name=args.path.name)
    meta = document.metadata
    header = {
        "symbol": meta.symbol,
        "date": meta.letter_date.isoformat() if meta.letter_date else None,
        "sender": meta.sender,
    }
    if args.out:
        args.out.write_text(document.clean.text, "utf-8")
        print(json.dumps(header, ensure_ascii=False))
    else:
        print(json.dumps(header, ensure_ascii=False))
        print(document.clean.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
