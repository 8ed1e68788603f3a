"""Write tests/fixtures/select/wordpiece_reference.json: token ids from the Rust ``tokenizers``
package for texts that exercise each normalisation rule, so the test of our WordPiece runs
without that package. Run once where ``tokenizers`` is installed:

    python3 tools/wordpiece_reference.py
"""
from __future__ import annotations

import json
from pathlib import Path

from tokenizers import Tokenizer

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "src" / "paperbrief" / "select" / "model" / "tokenizer.json"
OUT = REPO / "tests" / "fixtures" / "select" / "wordpiece_reference.json"
TEXTS = [
    "Speculative decoding lets a small draft model propose tokens that a large model verifies.",
    "Café naïve résumé ÅNGSTRÖM Müller-Lyon",                  # accents stripped
    "ΟΔΟΣ Σίσυφος İstanbul straße ǅ",                            # lowercasing per character
    "中文字符测试，模型推理加速。日本語のテキスト",                 # CJK one by one, fullwidth punctuation
    "𠀀𪜀𫝀𫠠𫠡𬺰",                                                 # CJK extension ranges, as Rust has them
    "a\u00a0b\u2003c\u3000d\u2028e",                             # Unicode spaces
    "zero\u200bwidth\u200djoiner\ufeffbom\ufffd",                # format characters and U+FFFD dropped
    "ctrl\x01\x02\x1c\x1d\x7fchars\ttab\nnl\rcr\x0b\x0cff",      # control characters dropped
    "x" * 101 + " " + "y" * 100,                                 # a word over 100 characters is [UNK]
    "supercalifragilisticexpialidocious FlashAttention-2 KV-cache 4-bit",
    "emoji 🚀🔥 ﬁnal ﬂow Ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３",
    "e=mc² ½ ∑ ∫ ≤ ≥ → ∞ α β γ ¿¡«»„“”‘’—–…·•",
    "mixed-case_under_score's (parens) [brackets] {braces} $5.2% @home #1 ~a^b|c\\d`e",
    "عربي עברית हिन्दी ไทย 한국어",
]


def main() -> None:
    tok = Tokenizer.from_file(str(MODEL))
    tok.no_padding()
    rows = []
    for max_length in (16, 64, 256):
        tok.enable_truncation(max_length=max_length)
        rows += [{"text": t, "max_length": max_length, "ids": tok.encode(t).ids} for t in TEXTS]
    about = "ids from the Rust tokenizers package (tools/wordpiece_reference.py) for select/model/tokenizer.json"
    OUT.write_text(json.dumps({"about": about, "cases": rows}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
