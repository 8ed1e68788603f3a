"""Topic profiles: the bundled default, user files, and one-line errors for bad ones."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from paperbrief.errors import ConfigError
from paperbrief.select import DEFAULT_TOPIC, Category, load_topic

GOOD = """
name = "graphs"
title = "图神经网络论文"
threshold = 0.4
keywords = ["graph neural network*", "message passing"]
negative_keywords = ["survey"]
band = 0.1

[[category]]
name = "消息传递"
keywords = ["message passing"]
prototypes = ["We propose a message-passing graph neural network for molecules.", "Graph convolutions over citation networks."]

[[category]]
name = "图池化"
prototypes = ["Hierarchical pooling of graphs into coarser graphs."]
"""


def test_default_profile_is_inference_acceleration():
    t = load_topic()
    assert t.name == DEFAULT_TOPIC == "inference-acceleration"
    assert t.title == "AI推理加速技术论文分析报告"
    assert 0 < t.threshold < 1 and 0 < t.band < t.threshold
    assert len(t.categories) >= 10 and all(c.prototypes and c.keywords for c in t.categories)
    assert len({c.name for c in t.categories}) == len(t.categories)
    assert "lightweight" in t.context_keywords and "lightweight" not in t.keywords
    assert any("quantiz*" in c.keywords for c in t.categories)


def test_user_profile_file(tmp_path: Path):
    p = tmp_path / "graphs.toml"
    p.write_text(GOOD, encoding="utf-8")
    t = load_topic(p)
    assert (t.name, t.title, t.threshold, t.band) == ("graphs", "图神经网络论文", 0.4, 0.1)
    assert t.keywords == ("graph neural network*", "message passing")
    assert t.negative_keywords == ("survey",)
    assert t.categories == (
        Category("消息传递", ("We propose a message-passing graph neural network for molecules.",
                          "Graph convolutions over citation networks."), ("message passing",)),
        Category("图池化", ("Hierarchical pooling of graphs into coarser graphs.",)),
    )
    assert load_topic(str(p)) == t


def test_plain_examples_are_one_category_named_after_the_title(tmp_path: Path):
    p = tmp_path / "old.toml"
    p.write_text('title = "图论文"\nkeywords = ["graph"]\ncategories = ["cs.LG"]\nexamples = ["A graph paper."]\n',
                 encoding="utf-8")
    assert load_topic(p).categories == (Category("图论文", ("A graph paper.",)),)


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
    ('title = "t"\nkeywords = ["a"]\nband = 2\n', "[0, 1]"),
    ('title = "t"\nkeywords = ["a"]\n[[category]]\nname = "x"\n', "needs 'name' and 'prototypes'"),
    ('title = "t"\nkeywords = ["a"]\n[[category]]\nname = "x"\nprototypes = []\n', "at least one prototype"),
    ('title = "t"\nkeywords = ["a"]\ncategory = "x"\n', "array of tables"),
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
