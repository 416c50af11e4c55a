"""Settings read from the environment and ``.env``: every bad value is one error naming what to fix."""

import os

import pytest

from config.errors import ConfigError
from config.settings import load_settings


@pytest.fixture(autouse=True)
def _no_settings(monkeypatch, tmp_path):
    """An empty working directory (no ``.env``) and none of the project's variables."""
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("SUMMIT_") or n == "DISCORD_TOKEN"]:
        monkeypatch.delenv(name)


def test_nested_settings_are_read_from_json_and_from_keys(monkeypatch):
    monkeypatch.setenv("SUMMIT_RETRIEVAL", '{"top_k": 5}')
    monkeypatch.setenv("SUMMIT_DISCORD__ASK_RATE", "7")
    settings = load_settings()
    assert settings.retrieval.top_k == 5
    assert settings.discord.ask_rate == 7


@pytest.mark.parametrize("value", ["{bad", "[1, 2", "{'top_k': 3}"])
def test_malformed_json_in_a_nested_variable_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("SUMMIT_RETRIEVAL", value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("SUMMIT_RETRIEVAL is not valid JSON")
    assert "SUMMIT_RETRIEVAL__KEY" in message
    assert "\n" not in message


def test_malformed_json_in_dotenv_names_the_variable_and_the_file(tmp_path):
    (tmp_path / ".env").write_text("SUMMIT_DISCORD={bad\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"SUMMIT_DISCORD in .*\.env is not valid JSON"):
        load_settings()


def test_dotenv_that_is_not_utf8_names_the_file(tmp_path):
    (tmp_path / ".env").write_bytes(b"SUMMIT_LOG_LEVEL=INFO\nDISCORD_TOKEN=\xff\xfe\n")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{tmp_path / '.env'} is not UTF-8 text")


def test_a_value_out_of_range_names_the_variable(monkeypatch):
    monkeypatch.setenv("SUMMIT_RETRIEVAL__TOP_K", "99")
    with pytest.raises(ConfigError, match=r"SUMMIT_RETRIEVAL__TOP_K=.*99"):
        load_settings()


@pytest.mark.parametrize("variable", ["SUMMIT_DATA_DIR", "SUMMIT_CHROMA_PATH"])
def test_a_directory_setting_that_names_a_file_says_so(monkeypatch, tmp_path, variable):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv(variable, str(tmp_path / "a-file"))
    with pytest.raises(ConfigError, match=rf"^{variable}=.*a-file.* is not accepted: this is a file, not a directory"):
        load_settings()
    monkeypatch.setenv(variable, str(tmp_path / "not-yet"))
    assert load_settings()  # a directory still to be made is fine


@pytest.mark.parametrize(("value", "shards"), [("auto", "auto"), ("AUTO", "auto"), ("2", 2), (" 16 ", 16), ("", None)])
def test_shards_setting_takes_auto_or_a_count(monkeypatch, value, shards):
    monkeypatch.setenv("SUMMIT_DISCORD__SHARDS", value)
    assert load_settings().discord.shards == shards


def test_shards_are_off_when_unset():
    assert load_settings().discord.shards is None


@pytest.mark.parametrize("value", ["0", "-1", "two", "2.5", "true"])
def test_a_bad_shard_count_is_one_line_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("SUMMIT_DISCORD__SHARDS", value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"SUMMIT_DISCORD__SHARDS={value!r} is not accepted: give `auto`")
    assert "\n" not in message


def test_the_store_is_embedded_by_default_and_server_mode_is_read_from_its_variables(monkeypatch):
    assert load_settings().store.mode == "embedded"
    monkeypatch.setenv("SUMMIT_STORE__MODE", "server")
    monkeypatch.setenv("SUMMIT_STORE__HOST", "chroma.internal")
    monkeypatch.setenv("SUMMIT_STORE__PORT", "8123")
    monkeypatch.setenv("SUMMIT_STORE__SSL", "true")
    monkeypatch.setenv("SUMMIT_STORE__TOKEN", "s3cret")
    store = load_settings().store
    assert (store.mode, store.host, store.port, store.ssl) == ("server", "chroma.internal", 8123, True)
    assert store.token is not None
    assert store.token.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(store)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SUMMIT_STORE__MODE", "cloud"), ("SUMMIT_STORE__PORT", "70000"), ("SUMMIT_STORE__SSL", "maybe")],
)
def test_a_bad_store_setting_names_its_variable(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=rf"^{variable}="):
        load_settings()
