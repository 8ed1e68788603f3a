"""Configuration in one place.

Precedence: command-line flag > ``paperbrief.toml`` > environment variable > default.
The config file is read from the working folder, else from the user config dir.
``PAPERBRIEF_HOME`` moves the user directory (config and store) as a whole; tests point
it at ``tmp_path``. The environment is always passed in as a mapping, never read globally.
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_NAME = "paperbrief.toml"
DEFAULT_TITLE = "AI推理加速技术论文分析报告"


def user_dir(env: Mapping[str, str]) -> Path:
    if env.get("PAPERBRIEF_HOME"):
        return Path(env["PAPERBRIEF_HOME"])
    import platformdirs

    return Path(platformdirs.user_data_dir("paperbrief", appauthor=False))


def default_store(env: Mapping[str, str]) -> Path:
    return user_dir(env) / "store.sqlite3"


def default_cache_dir(env: Mapping[str, str]) -> Path:
    return user_dir(env) / "pdf-cache"


def find_config(env: Mapping[str, str], cwd: Path) -> Path | None:
    for candidate in (cwd / CONFIG_NAME, user_dir(env) / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    return None


def load_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(str(path), exc.strerror or str(exc)) from None


@dataclass(frozen=True)
class LLMConfig:
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)  # never printed
    writer: str = "auto"  # auto | off | offline | openai | any registered writer
    concurrency: int = 8
    timeout: float = 60.0
    max_requests: int | None = None

    def writer_name(self) -> str:
        """``auto`` means: the LLM when an endpoint is configured, else the offline writer."""
        if self.writer in ("off", "offline"):
            return "offline"
        if self.writer == "auto":
            return "openai" if self.base_url else "offline"
        return self.writer


def _pick(flag: Any, file: Mapping[str, Any], key: str, env: Mapping[str, str], env_key: str | None, default: Any) -> Any:
    if flag is not None:
        return flag
    if file.get(key) is not None:
        return file[key]
    if env_key and env.get(env_key):
        return env[env_key]
    return default


def llm_config(flags: Mapping[str, Any], file: Mapping[str, Any], env: Mapping[str, str]) -> LLMConfig:
    """Resolve the LLM settings; ``file`` is the config file's ``[llm]`` table."""
    return LLMConfig(
        base_url=_pick(flags.get("base_url"), file, "base_url", env, "OPENAI_BASE_URL", None),
        model=_pick(flags.get("model"), file, "model", env, "PAPERBRIEF_MODEL", None),
        api_key=_pick(None, file, "api_key", env, "OPENAI_API_KEY", None),
        writer=str(_pick(flags.get("writer"), file, "writer", env, "PAPERBRIEF_LLM", "auto")),
        concurrency=int(_pick(flags.get("concurrency"), file, "concurrency", env, None, 8)),
        timeout=float(_pick(flags.get("timeout"), file, "timeout", env, None, 60.0)),
        max_requests=_pick(flags.get("max_requests"), file, "max_requests", env, None, None),
    )


def select_overrides(flags: Mapping[str, Any], file: Mapping[str, Any]) -> dict[str, float]:
    """The topic fields the user overrides: ``min_score`` (the threshold) and ``band`` (the
    width of the 可能相关 band below it); ``file`` is the config file's ``[select]`` table."""
    out = {}
    for key, field_name in (("min_score", "threshold"), ("band", "band")):
        value = _pick(flags.get(key), file, key, {}, None, None)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
            raise ConfigError(CONFIG_NAME, f"[select] {key} must be a number in [0, 1], not {value!r}")
        out[field_name] = float(value)
    return out


def llm_judge(file: Mapping[str, Any]) -> bool:
    """``[select] llm_judge`` (default true): whether, with an LLM endpoint configured, papers in
    the 可能相关 band are put to the model as a yes/no relevance question."""
    value = file.get("llm_judge", True)
    if not isinstance(value, bool):
        raise ConfigError(CONFIG_NAME, f"[select] llm_judge must be true or false, not {value!r}")
    return value
