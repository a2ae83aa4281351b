"""Train the claim/not-claim model over clauses (claims/extraction/claimness.py).

    .venv/bin/pip install -e '.[train]'     # scikit-learn, for training only
    .venv/bin/python scripts/train_claimness.py [--ngrams]

Data: every clause the pipeline makes of the TRAINING letters (../shared/eval/gold and
data/eval/train), labelled by the annotations: a claim when its span pairs with a gold
claim as the scorer pairs them (Dice >= 0.5), left out when it lies in an `optional`
passage, otherwise not a claim. The regularisation C and the decision threshold are chosen
on the dev letters (data/eval/dev) by the scorer's claims F1 over the whole set, in
aggregate; the frozen test letters are never read. Writes the weights as plain JSON to
claims/extraction/claimness_model.json (features with tiny weights dropped). --ngrams adds the hashed word n-grams to the hand
features (measured worse on dev, so off by default).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT / ".." / "shared"
TRAIN_DIRS = (SHARED / "eval" / "gold", REPO_ROOT / "data" / "eval" / "train")
DEV_DIR = REPO_ROOT / "data" / "eval" / "dev"
OUT = REPO_ROOT / "claims" / "extraction" / "claimness_model.json"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.20 .. 0.80
MIN_WEIGHT = 0.01
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "scripts"))

from eval_claims import clean_letter, letter_path  # noqa: E402

from claims.extraction import clause_candidates  # noqa: E402
from claims.extraction.claimness import features  # noqa: E402


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "score_claims", SHARED / "eval" / "score_claims.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()


class Letter:
    """A cleaned annotated letter and the features of each of its clauses."""

    def __init__(self, gold_file: Path) -> None:
        self.gold = json.loads(gold_file.read_text("utf-8"))
        self.text, metadata = clean_letter(letter_path(self.gold["file"]))
        letter_date = date.fromisoformat(metadata["date"]) if metadata.get("date") else None
        self.spans: list[tuple[int, int]] = []
        self.features: list[dict[str, float]] = []
        for clause, _, evidence in clause_candidates(
            self.text, letter_date=letter_date, sender=metadata.get("sender"), prune=False
        ):
            if evidence is not None:
                self.spans.append((clause.start, clause.end))
                self.features.append(features(evidence, ngrams=True))

    def labels(self) -> list[int | None]:
        """1 claim, 0 not a claim, None optional (left out of training)."""
        gold_spans = [
            [
                s
                for q in [c["quote"], *c.get("alt_quotes", [])]
                if (s := SCORER.locate(q, self.text))
            ]
            for c in self.gold["claims"]
        ]
        optional = [s for q in self.gold.get("optional", []) if (s := SCORER.locate(q, self.text))]
        labels: list[int | None] = []
        for span in self.spans:
            if any(
                SCORER.dice(span, g) >= SCORER.MATCH_THRESHOLD
                for spans in gold_spans
                for g in spans
            ):
                labels.append(1)
            elif any(SCORER.share_inside(span, o) >= 0.5 for o in optional):
                labels.append(None)
            else:
                labels.append(0)
        return labels

    def f1_counts(self, chosen: Iterable[int]) -> tuple[int, int, int]:
        """(tp, fp, fn) of predicting the chosen clauses, as the scorer counts them."""
        letter = {"text": self.text, "claims": [{"span": list(self.spans[i])} for i in chosen]}
        tally = SCORER.Tally()
        SCORER.score_letter(self.gold, letter, tally, [])
        return tally.tp, tally.fp, tally.fn


def load(folders: Iterable[Path], *, ngrams: bool) -> list[Letter]:
    letters = [Letter(f) for folder in folders for f in sorted(folder.glob("*.json"))]
    if not ngrams:  # hand features only
        for letter in letters:
            letter.features = [
                {k: v for k, v in row.items() if not k.startswith("#")} for row in letter.features
            ]
    return letters


def fit(letters: list[Letter], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    rows, targets = [], []
    for letter in letters:
        for row, label in zip(letter.features, letter.labels(), strict=True):
            if label is not None:
                rows.append(row)
                targets.append(label)
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, fit_intercept=False)
    model.fit(vectorizer.fit_transform(rows), targets)
    return vectorizer, model


def dev_f1(
    letters: list[Letter], vectorizer: DictVectorizer, model: LogisticRegression
) -> dict[float, float]:
    """Claims F1 over all dev letters at each threshold (aggregate only)."""
    probabilities = [
        model.predict_proba(vectorizer.transform(letter.features))[:, 1] for letter in letters
    ]
    result = {}
    for threshold in THRESHOLDS:
        tp = fp = fn = 0
        for letter, p in zip(letters, probabilities, strict=True):
            counts = letter.f1_counts(i for i, value in enumerate(p) if value >= threshold)
            tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
        result[threshold] = 2 * tp / max(2 * tp + fp + fn, 1)
    return result


def main() -> int:
    # Measured on dev: hand features alone F1 0.614 at C=3 (32 weights), with hashed n-grams 0.597
    # (6,040 weights fitted on 776 clauses): the n-grams memorise the training letters.
    ngrams = "--ngrams" in sys.argv
    train, dev = load(TRAIN_DIRS, ngrams=ngrams), load([DEV_DIR], ngrams=ngrams)
    print(
        f"train: {len(train)} letters, {sum(len(x.spans) for x in train)} clauses; dev: {len(dev)} letters"
    )
    best = (-1.0, 0.0, 0.5)
    for c in C_GRID:
        vectorizer, model = fit(train, c)
        scores = dev_f1(dev, vectorizer, model)
        threshold = max(scores, key=lambda t: (scores[t], -abs(t - 0.5)))
        print(f"C={c:<5} best dev F1 {scores[threshold]:.3f} at threshold {threshold}")
        if scores[threshold] > best[0]:
            best = (scores[threshold], c, threshold)
    dev_score, c, threshold = best
    vectorizer, model = fit(train, c)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    payload = {
        "about": "logistic regression over clause features and hashed n-grams; train letters only",
        "C": c,
        "ngrams": ngrams,
        "threshold": threshold,
        "dev_claims_f1": round(dev_score, 4),
        "weights": dict(sorted(weights.items())),
    }
    OUT.write_text(json.dumps(payload, separators=(",", ":")), "utf-8")
    print(
        f"chose C={c}, threshold {threshold}: dev claims F1 {dev_score:.3f}; {len(weights)} weights -> {OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
