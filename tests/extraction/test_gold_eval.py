"""The extractor meets its targets on the hand-annotated gold letters of ../shared/eval."""

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


@pytest.mark.parametrize("simple_cleaner", [False, True], ids=["ingest-cleaner", "simple-cleaner"])
def test_gold_letters_meet_the_extraction_targets(tmp_path: Path, simple_cleaner: bool) -> None:
    eval_claims = _eval_module()
    items = eval_claims.extract_gold_letters(simple=simple_cleaner)
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(eval_claims.letters_to_prediction_json(items)), "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(eval_claims.SCORER),
            "--gold",
            str(eval_claims.GOLD_DIR),
            "--pred",
            str(pred),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    metrics = json.loads(result.stdout)
    below = {name: metrics[name] for name, floor in TARGETS.items() if (metrics[name] or 0) < floor}
    assert not below, f"below target: {below} (all metrics: {metrics})"
