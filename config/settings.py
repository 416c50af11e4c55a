"""Settings from environment variables (``SUMMIT_`` prefix, ``__`` for nesting) and a ``.env`` file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from config.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_MODEL = "multilingual-e5-small"


class ModelSettings(BaseModel):
    """The embedding model."""

    name: str = Field("", description="a sentence-transformers folder or id; empty for the bundled model")


class RetrievalSettings(BaseModel):
    """How questions are answered."""

    top_k: int = Field(3, ge=1, le=10, description="passages shown per answer")
    refusal_threshold: float = Field(
        0.83, ge=0.0, le=1.0, description="best-sentence similarity below which the bot declines"
    )
    max_question_chars: int = Field(1000, ge=10, le=10000, description="longest question accepted")
    fusion: Literal["weighted", "rrf"] = "weighted"
    translate: bool = Field(True, description="add Japanese terms to English questions")


class IndexSettings(BaseModel):
    """The index's generations."""

    grace_seconds: float = Field(
        5.0, ge=0.0, le=3600.0, description="how long a replaced generation stays for other processes' questions"
    )
    cache_vectors: bool = Field(
        True, description="keep passage vectors in DATA_DIR/passage-vectors.sqlite3, so a reindex embeds only new text"
    )


class StoreSettings(BaseModel):
    """Where the index's vectors and generations live: embedded in this process, or on a Chroma server."""

    mode: Literal["embedded", "server"] = Field(
        "embedded", description="embedded: a Chroma directory on this machine; server: a Chroma server (`chroma run`)"
    )
    host: str = Field("127.0.0.1", min_length=1, description="the Chroma server's host name or address (server mode)")
    port: int = Field(8000, ge=1, le=65535, description="the Chroma server's port (server mode)")
    ssl: bool = Field(False, description="connect to the Chroma server over HTTPS (server mode)")
    token: SecretStr | None = Field(
        None, description="sent as Chroma's auth header (Authorization: Bearer TOKEN); empty: none (server mode)"
    )


class DiscordSettings(BaseModel):
    """The Discord bot."""

    guild_id: int | None = Field(
        None, description="sync commands to this server only (instant); empty: globally (can take an hour)"
    )
    sync_on_start: bool = Field(True, description="sync slash commands every time the bot starts")
    ask_rate: int = Field(3, ge=1, le=100, description="questions one member may ask per cooldown window")
    ask_per_seconds: float = Field(30.0, ge=0.0, le=3600.0, description="the cooldown window; 0 turns it off")
    state_days: float = Field(
        30.0, gt=0.0, le=3650.0, description="days an answer's buttons and follow-ups keep working"
    )
    conversations: int = Field(500, ge=1, le=100000, description="channels and threads whose last question is kept")
    conversation_minutes: float = Field(
        30.0, gt=0.0, le=1440.0, description="minutes after which a conversation's last question is forgotten"
    )
    api_base: str = Field(
        "https://discord.com/api/v10", description="Discord's REST API (change only for a compatible test server)"
    )
    gateway_url: str = Field("wss://gateway.discord.gg/", description="Discord's gateway (same)")
    shards: Literal["auto"] | int | None = Field(
        None,
        description="gateway shards: `auto` for Discord's recommended count, a number (1 or more) for that many; "
        "unset or empty: one connection, no sharding",
    )

    @field_validator("shards", mode="before")
    @classmethod
    def _shard_count(cls, value: object) -> object:
        """``auto``, a whole number from 1, or nothing; any other value is one readable error."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip().lower()
        if text == "auto":
            return "auto"
        if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
            raise ValueError("give `auto` or a whole number of shards, 1 or more")
        return int(text)


class Settings(BaseSettings):
    """Everything the entry points read; built once, passed down."""

    model_config = SettingsConfigDict(
        env_prefix="SUMMIT_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    discord_token: SecretStr | None = Field(None, validation_alias="DISCORD_TOKEN")
    data_dir: Path = PROJECT_ROOT / "data"
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    chroma_path: Path | None = Field(None, description="the Chroma directory; default DATA_DIR/chroma")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    model: ModelSettings = ModelSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    index: IndexSettings = IndexSettings()
    store: StoreSettings = StoreSettings()
    discord: DiscordSettings = DiscordSettings()

    @field_validator("data_dir", "chroma_path")
    @classmethod
    def _a_directory(cls, value: Path | None) -> Path | None:
        """A directory the program writes in, or one it may create: not a file already there."""
        if value is not None and value.exists() and not value.is_dir():
            raise ValueError("this is a file, not a directory: give a directory (it is created if missing)")
        return value

    @property
    def model_name(self) -> str:
        """The model to load: the setting, or the bundled model's folder in the data directory."""
        return self.model.name or str(self.bundled_model_dir)

    @property
    def vector_cache_path(self) -> Path:
        """Where passage vectors are kept across runs (``index.cache_vectors``)."""
        return self.data_dir / "passage-vectors.sqlite3"

    @property
    def bundled_model_dir(self) -> Path:
        """Where ``build-model`` writes multilingual-e5-small."""
        return self.data_dir / "models" / BUNDLED_MODEL

    @property
    def store_path(self) -> Path:
        """The SQLite file of answers shown and votes (feedback, /stats, buttons after a restart)."""
        return self.data_dir / "summit.sqlite3"

    @property
    def chroma_dir(self) -> Path:
        """The Chroma directory in use."""
        return self.chroma_path or self.data_dir / "chroma"


def _variable(location: tuple[str | int, ...]) -> str:
    if location == ("DISCORD_TOKEN",) or location == ("discord_token",):
        return "DISCORD_TOKEN"
    return "SUMMIT_" + "__".join(str(part).upper() for part in location)


_UNPARSED = re.compile(r'field "(?P<field>\w+)" from source "(?P<source>\w+)"')


def _env_file(overrides: dict[str, object]) -> Path:
    given = overrides.get("_env_file", Settings.model_config.get("env_file"))
    return Path(str(given)).resolve()


def _unparsed(exc: SettingsError, env_file: Path) -> ConfigError:
    """A nested setting whose value is not JSON, named with where it was set."""
    match = _UNPARSED.search(str(exc))
    if match is None:
        return ConfigError(f"a setting cannot be read: {exc}")
    variable = _variable((match["field"],))
    where = f" in {env_file}" if match["source"].startswith("DotEnv") else ""
    return ConfigError(
        f"{variable}{where} is not valid JSON ({exc.__cause__ or exc}): give a JSON object, "
        f"or set one key at a time as {variable}__KEY"
    )


def load_settings(**overrides: object) -> Settings:
    """Read the settings.

    Raises:
        ConfigError: a variable has a value the program cannot use, or ``.env`` cannot be read; the message names
            the variable or the file.

    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        given = first.get("input")
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{_variable(tuple(first['loc']))}={given!r} is not accepted: {message}") from exc
    except SettingsError as exc:
        raise _unparsed(exc, _env_file(overrides)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{_env_file(overrides)} is not UTF-8 text (byte {exc.start}: {exc.reason}): save it as UTF-8"
        ) from exc
