"""BERT's uncased WordPiece tokenizer, read from the model's own tokenizer.json.

Why not the ``tokenizers`` package: it pulls in huggingface_hub and hf_xet (a hub client,
about 38 MB with their dependencies) for a job of ~80 lines, and the install has a 300 MB
budget. This follows the Rust implementation step for step (BertNormalizer: clean text,
space around CJK characters, strip accents, lowercase; BertPreTokenizer: split on
whitespace and punctuation; WordPiece: greedy longest match, ``##`` continuations, [UNK]
for a word that does not split). tests/select/test_wordpiece.py checks it against stored
``tokenizers`` output.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_CONTROL = {"Cc", "Cf", "Co", "Cs"}  # not Cn: unassigned code points stay, as in Rust
_CJK = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
        (0x2B920, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
# ASCII fast path: control characters go, \t \n \r become spaces, punctuation stands alone
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_WORDS = re.compile(r"[A-Za-z0-9]+|[!-/:-@\[-`{-~]")


@dataclass(frozen=True)
class WordPiece:
    vocab: dict[str, int]
    unk: int
    cls: int
    sep: int
    max_chars: int = 100

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        spec = json.loads(path.read_text(encoding="utf-8"))
        model, norm = spec["model"], spec["normalizer"]
        if model["type"] != "WordPiece" or norm["type"] != "BertNormalizer" or not norm["lowercase"]:
            raise ValueError(f"{path}: not an uncased BERT WordPiece tokenizer")
        vocab = model["vocab"]
        return cls(vocab=vocab, unk=vocab[model["unk_token"]], cls=vocab["[CLS]"], sep=vocab["[SEP]"],
                   max_chars=model["max_input_chars_per_word"])

    def encode(self, text: str, max_length: int) -> list[int]:
        """[CLS] pieces [SEP], cut to ``max_length`` ids as the Rust tokenizer's truncation does.

        Only as much of the text is normalised as the cut needs: a prefix grows until its
        complete words give enough pieces (a word cut at the prefix's end is not counted).
        """
        room = max_length - 2
        size = 8 * room + 64
        while True:
            prefix = text[:size]
            words = words_of(prefix)
            if len(prefix) < len(text) and words and not _ends_word(text, size):
                words.pop()  # possibly cut in half
            pieces: list[int] = []
            for w in words:
                pieces += self.pieces(w)
                if len(pieces) >= room:
                    return [self.cls, *pieces[:room], self.sep]
            if len(prefix) == len(text):
                return [self.cls, *pieces, self.sep]
            size *= 4

    def pieces(self, word: str) -> list[int]:
        if len(word) > self.max_chars:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return out


def words_of(text: str) -> list[str]:
    """Normalised words and punctuation marks, as BertNormalizer + BertPreTokenizer give them."""
    if text.isascii():
        return _ASCII_WORDS.findall(_ASCII_CONTROL.sub("", text).lower())
    return _split(_normalise(text))


def _normalise(text: str) -> str:
    out = []
    for c in text:
        cp = ord(c)
        if cp == 0 or cp == 0xFFFD or (c not in "\t\n\r" and unicodedata.category(c) in _CONTROL):
            continue
        if c.isspace():
            out.append(" ")
        elif any(lo <= cp <= hi for lo, hi in _CJK):
            out.append(f" {c} ")
        else:
            out.append(c)
    nfd = unicodedata.normalize("NFD", "".join(out))
    # per character, as the Rust normalizer lowercases (no word-final sigma rule)
    return "".join(c.lower() for c in nfd if unicodedata.category(c) != "Mn")


def _split(text: str) -> list[str]:
    words: list[str] = []
    for chunk in text.split():
        word = []
        for c in chunk:
            if _is_punct(c):
                if word:
                    words.append("".join(word))
                    word = []
                words.append(c)
            else:
                word.append(c)
        if word:
            words.append("".join(word))
    return words


def _is_punct(c: str) -> bool:
    return (c.isascii() and not c.isalnum() and c.isprintable() and c != " ") or unicodedata.category(c).startswith("P")


def _ends_word(text: str, i: int) -> bool:
    """Whether cutting ``text`` at ``i`` cannot split a word: a space or punctuation on either side."""
    return any(c.isspace() or _is_punct(c) for c in (text[i - 1], text[i]))
