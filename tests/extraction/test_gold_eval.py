"""The extractor meets its targets on the hand-annotated gold letters of ../shared/eval, and
holds its measured level on the held-out letters of data/heldout (annotated by the same
guidelines, never tuned to the extractor's output)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT / ".." / "shared"
TARGETS = {
    "claims_f1": 0.80,
    "specific_recall": 0.90,
    "date_accuracy": 0.90,
    "place_recall": 0.85,
    "casualty_accuracy": 0.90,
}

# Measured 0.923 when the held-out set was built; one claim more or less moves F1 by ~0.05.
HELDOUT_F1_FLOOR = 0.88

pytestmark = pytest.mark.skipif(
    not (SHARED / "eval" / "gold").is_dir(), reason="../shared/eval/gold is not beside the repo"
)


def _eval_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "eval_claims", REPO_ROOT / "scripts" / "eval_claims.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _metrics(tmp_path: Path, gold_dir: Path, *, simple_cleaner: bool) -> dict[str, float]:
    eval_claims = _eval_module()
    items = eval_claims.extract_gold_letters(simple=simple_cleaner, gold_dir=gold_dir)
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(eval_claims.letters_to_prediction_json(items)), "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(eval_claims.SCORER),
            "--gold",
            str(gold_dir),
            "--pred",
            str(pred),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("simple_cleaner", [False, True], ids=["ingest-cleaner", "simple-cleaner"])
def test_gold_letters_meet_the_extraction_targets(tmp_path: Path, simple_cleaner: bool) -> None:
    metrics = _metrics(tmp_path, SHARED / "eval" / "gold", simple_cleaner=simple_cleaner)
    below = {name: metrics[name] for name, floor in TARGETS.items() if (metrics[name] or 0) < floor}
    assert not below, f"below target: {below} (all metrics: {metrics})"


@pytest.mark.parametrize("simple_cleaner", [False, True], ids=["ingest-cleaner", "simple-cleaner"])
def test_held_out_letters_keep_their_measured_f1(tmp_path: Path, simple_cleaner: bool) -> None:
    heldout = REPO_ROOT / "data" / "heldout"
    metrics = _metrics(tmp_path, heldout, simple_cleaner=simple_cleaner)
    assert metrics["letters"] == len(list(heldout.glob("*.json")))
    assert metrics["claims_f1"] >= HELDOUT_F1_FLOOR, metrics
