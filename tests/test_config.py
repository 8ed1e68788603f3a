import pytest

from paperbrief import config as cfg
from paperbrief.errors import ConfigError


def test_precedence_flag_over_file_over_env():
    env = {"OPENAI_BASE_URL": "http://env/v1", "PAPERBRIEF_MODEL": "env-model", "OPENAI_API_KEY": "sk-env"}
    file = {"base_url": "http://file/v1"}
    c = cfg.llm_config({"model": "flag-model"}, file, env)
    assert (c.base_url, c.model, c.api_key) == ("http://file/v1", "flag-model", "sk-env")
    assert c.writer_name() == "openai"


def test_no_endpoint_means_offline_and_off_forces_it():
    assert cfg.llm_config({}, {}, {}).writer_name() == "offline"
    assert cfg.llm_config({"writer": "off"}, {}, {"OPENAI_BASE_URL": "http://x/v1"}).writer_name() == "offline"


def test_api_key_is_not_in_repr():
    c = cfg.llm_config({}, {}, {"OPENAI_API_KEY": "sk-secret-123"})
    assert "sk-secret-123" not in repr(c)


def test_config_file_found_in_cwd_then_user_dir(tmp_path):
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir(), cwd.mkdir()
    env = {"PAPERBRIEF_HOME": str(home)}
    assert cfg.find_config(env, cwd) is None
    (home / "paperbrief.toml").write_text('[llm]\nmodel = "m"\n')
    assert cfg.find_config(env, cwd) == home / "paperbrief.toml"
    (cwd / "paperbrief.toml").write_text("[llm]\n")
    assert cfg.find_config(env, cwd) == cwd / "paperbrief.toml"
    assert cfg.default_store(env) == home / "store.sqlite3"


def test_bad_toml_names_the_file(tmp_path):
    bad = tmp_path / "paperbrief.toml"
    bad.write_text("[llm\nmodel=")
    with pytest.raises(ConfigError) as err:
        cfg.load_file(bad)
    assert str(bad) in str(err.value) and "invalid TOML" in str(err.value)
