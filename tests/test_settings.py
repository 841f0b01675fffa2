import re

import pytest

from storyline.errors import UserError
from storyline.settings import Settings, load_settings


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings() == Settings()


def test_toml_file_overrides_one_section(tmp_path):
    path = tmp_path / "storyline.toml"
    path.write_text("[summarize]\nmax_words = 55\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.summarize.max_words == 55
    assert settings.cluster == Settings().cluster


def test_flags_override_file_but_none_keeps_value(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[summarize]\nmax_words = 55\n", encoding="utf-8")
    settings = load_settings(path).with_overrides(
        {"summarize": {"max_words": None, "max_chars": 300}}
    )
    assert settings.summarize.max_words == 55
    assert settings.summarize.max_chars == 300


def _exact(message: str) -> str:
    return f"^{re.escape(message)}$"


@pytest.mark.parametrize(
    "text, message",
    [
        ("[summarize]\nmax_wordz = 3\n", re.escape("unknown setting summarize.max_wordz")),
        ("[nosuch]\nx = 1\n", re.escape("unknown settings section [nosuch]")),
        ("max_words = 3\n", re.escape("must be a [section] table")),
        ("[summarize\n", re.escape("cannot read settings file")),
        # a wrong type, named with the setting and the type, and nothing else
        (
            "[summarize]\nmax_words = 'x'\n",
            _exact("setting summarize.max_words must be int (got 'x')"),
        ),
        (
            "[pipeline]\nspark_master = 5\n",
            _exact("setting pipeline.spark_master must be str (got 5)"),
        ),
        ("[pipeline]\nworkers = true\n", _exact("setting pipeline.workers must be int (got True)")),
        (
            "[summarize]\nmax_chars = 1.5\n",
            _exact("setting summarize.max_chars must be int (got 1.5)"),
        ),
        # out of range
        ("[cluster]\nstory_threshold = 3.0\n", "cluster.story_threshold must be between 0 and 1"),
        ("[cluster]\nname_weight = 1.5\n", "cluster.name_weight must be between 0 and 1"),
        ("[cluster]\nwindow_days = 0\n", "cluster.window_days must be positive"),
        ("[cluster]\nlevel = 'events'\n", "cluster.level must be 'story' or 'event'"),
        (
            "[compare]\nframing_terms = -1\n",
            re.escape("compare.framing_terms must not be negative (got -1)"),
        ),
    ],
)
def test_bad_settings_files_give_clear_errors(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_settings(path)


def test_missing_settings_file(tmp_path):
    with pytest.raises(UserError, match="not found"):
        load_settings(tmp_path / "nope.toml")


def test_a_float_setting_takes_an_integer(tmp_path):
    path = tmp_path / "storyline.toml"
    path.write_text("[cluster]\nstory_threshold = 1\n", encoding="utf-8")
    assert load_settings(path).cluster.story_threshold == 1
