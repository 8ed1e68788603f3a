"""Topic profiles: the bundled default, user files, and one-line errors for bad ones."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from paperbrief.errors import ConfigError
from paperbrief.select import DEFAULT_TOPIC, load_topic

GOOD = """
name = "graphs"
title = "图神经网络论文"
threshold = 0.4
keywords = ["graph neural network*", "message passing"]
negative_keywords = ["survey"]
categories = ["cs.LG"]
examples = ["We propose a graph neural network for molecules."]
"""


def test_default_profile_is_inference_acceleration():
    t = load_topic()
    assert t.name == DEFAULT_TOPIC == "inference-acceleration"
    assert t.title == "AI推理加速技术论文分析报告"
    assert 0 < t.threshold < 1
    assert len(t.examples) >= 5 and len(t.keywords) >= 20
    assert "quantiz*" in t.keywords


def test_user_profile_file(tmp_path: Path):
    p = tmp_path / "graphs.toml"
    p.write_text(GOOD, encoding="utf-8")
    t = load_topic(p)
    assert (t.name, t.title, t.threshold) == ("graphs", "图神经网络论文", 0.4)
    assert t.keywords == ("graph neural network*", "message passing")
    assert t.negative_keywords == ("survey",) and t.categories == ("cs.LG",)
    assert load_topic(str(p)) == t


def test_name_defaults_to_file_stem(tmp_path: Path):
    p = tmp_path / "my-topic.toml"
    p.write_text(GOOD.replace('name = "graphs"\n', ""), encoding="utf-8")
    assert load_topic(p).name == "my-topic"


@pytest.mark.parametrize("text, reason", [
    ("title = [unclosed", "invalid TOML"),
    ('name = "x"\nkeywords = ["a"]\n', "'title'"),
    ('title = "t"\nkeywords = "not a list"\n', "'keywords' must be a list"),
    ('title = "t"\nkeywords = []\n', "at least one"),
    ('title = "t"\nkeywords = ["a"]\nthreshold = 3\n', "[0, 1]"),
    ('title = "t"\nkeywords = ["a"]\nthreshold = "high"\n', "could not convert"),
])
def test_bad_profiles_raise_config_error(tmp_path: Path, text: str, reason: str):
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_topic(p)
    assert exc.value.path == str(p)
    assert reason in str(exc.value)
    assert "\n" not in str(exc.value)


def test_missing_file_raises_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read topic file"):
        load_topic(tmp_path / "nope.toml")


def test_importing_select_does_not_import_torch():
    code = "import sys, paperbrief.select; print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
