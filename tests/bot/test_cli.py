"""The command line as users and scripts call it (slow: real model, real subprocess)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLE_PATH, ROOT, clean_env

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "bot"]


@pytest.fixture(scope="module")
def env(tmp_path_factory, model_dir):
    data = tmp_path_factory.mktemp("data")
    return clean_env(SUMMIT_DATA_DIR=str(data), SUMMIT_MODEL__NAME=str(model_dir))


def run(env, *args, stdin=None, text=True, cwd=ROOT):
    return subprocess.run([*CLI, *args], env=env, input=stdin, capture_output=True, text=text, timeout=300, cwd=cwd)


#: Python decodes stdin leniently (surrogateescape) under C.UTF-8 and strictly under a full UTF-8 locale.
STDIN_DECODING = [{}, {"PYTHONIOENCODING": "utf-8:strict"}]


def test_ask_json_follows_the_contract(env):
    result = run(env, "ask", "Which lake does the summit venue overlook?", "--json", "--top-k", "2")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["answered"] is True
    assert len(data["passages"]) == 2
    assert "ジュネーブ湖" in data["passages"][0]["highlight"]
    assert data["passages"][0]["citations"][0]["n"] == 2


def test_ask_stdin_answers_one_line_per_question(env):
    result = run(
        env, "ask", "--json", "--stdin", stdin="会場はどの湖を見下ろしていますか\n\nWho painted the Mona Lisa?\n"
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["answered"] for line in lines] == [True, False, False]
    assert "empty" in lines[1]["error"]


def test_bytes_that_are_not_utf8_in_an_ask_argument_are_replaced(env):
    result = run(env, "ask", b"who met \xff\xfe putin?", "--json", text=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    data = json.loads(result.stdout.decode("utf-8"))  # strict: what is printed is UTF-8
    assert data["question"] == "who met \ufffd\ufffd putin?"


@pytest.mark.parametrize("decoding", STDIN_DECODING)
def test_ask_stdin_goes_on_after_a_line_that_is_not_utf8(env, decoding):
    lines = ["会場はどの湖を見下ろしていますか".encode(), b"\xff\xfe\x80", b"Where was the summit \xe9t\xe9 held?"]
    result = run({**env, **decoding}, "ask", "--json", "--stdin", stdin=b"\n".join(lines) + b"\n", text=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    answers = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [a["answered"] for a in answers] == [True, False, True]
    assert "no words" in answers[1]["error"]
    assert answers[2]["question"] == "Where was the summit \ufffdt\ufffd held?"


@pytest.mark.parametrize("decoding", STDIN_DECODING)
def test_chat_goes_on_after_a_line_that_is_not_utf8(env, decoding):
    stdin = b"\xff\xfe\n" + "会場はどの湖を見下ろしていますか\n/quit\n".encode()
    result = run({**env, **decoding}, "chat", stdin=stdin, text=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert "ジュネーブ湖" in result.stdout.decode("utf-8")
    assert b"Traceback" not in result.stderr


def test_full_width_question_is_answered_like_ascii_and_code_is_not_a_question(env):
    stdin = "WHO MET PUTIN?\nＷＨＯ ＭＥＴ ＰＵＴＩＮ？\n%s %d {0}\nSELECT * FROM x; --\na b\n"
    result = run(env, "ask", "--json", "--stdin", stdin=stdin)
    assert result.returncode == 0, result.stderr
    plain, wide, *junk = [json.loads(line) for line in result.stdout.splitlines()]
    assert plain["answered"]
    assert wide == plain
    assert [(j["answered"], j["passages"]) for j in junk] == [(False, [])] * 3


@pytest.mark.parametrize(
    ("variable", "value"), [("SUMMIT_RETRIEVAL", "{bad"), ("SUMMIT_DISCORD", "[1,"), ("SUMMIT_MODEL", "name")]
)
def test_malformed_json_in_a_nested_setting_is_one_line(env, variable, value, tmp_path):
    from_env = run({**env, variable: value}, "ask", "会場は")
    (tmp_path / ".env").write_text(f"{variable}={value}\n", encoding="utf-8")
    from_file = run(env, "ask", "会場は", cwd=tmp_path)
    for result in (from_env, from_file):
        assert result.returncode == 2
        assert result.stderr.startswith(f"error: {variable}")
        assert "is not valid JSON" in result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert str(tmp_path / ".env") in from_file.stderr


def test_dotenv_that_is_not_utf8_is_one_line(env, tmp_path):
    (tmp_path / ".env").write_bytes(b"SUMMIT_LOG_LEVEL=\xff\n")
    result = run(env, "ask", "会場は", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"error: {tmp_path / '.env'} is not UTF-8 text (byte 17: invalid start byte): save it as UTF-8\n"
    )


def test_ask_text_output_shows_highlight_and_references(env):
    result = run(env, "ask", "ロシアの代表団の報道官は誰")
    assert result.returncode == 0, result.stderr
    assert "ペスコフ" in result.stdout
    assert "[34]" in result.stdout


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        ("   \u200b ", "empty"),
        ("?!?!", "no words"),
        ("あ" * 10_000, "SUMMIT_RETRIEVAL__MAX_QUESTION_CHARS"),
    ],
)
def test_bad_questions_get_one_line_and_no_traceback(env, question, message):
    result = run(env, "ask", question)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_source_and_missing_source(env):
    ok = run(env, "source", "9", "--json")
    data = json.loads(ok.stdout)
    assert data == {"n": 9, "document": "2021年米露首脳会談", "text": data["text"]}
    assert "ICが明らかにした" in data["text"]
    titled = run(env, "source", "9", "--document", "2021年米露首脳会談", "--json")
    assert json.loads(titled.stdout) == data
    by_file = run(env, "source", "9", "--document", "2021-us-russia-summit.ja.txt", "--json")
    assert json.loads(by_file.stdout) == data
    missing = run(env, "source", "41")
    assert missing.returncode == 2
    assert "no reference 41" in missing.stderr
    nowhere = run(env, "source", "1", "--document", "Atlantis")
    assert nowhere.returncode == 2
    assert nowhere.stderr.startswith(
        "error: no document is titled 'Atlantis'; the corpus holds: "
        "2021年米露首脳会談 (file 2021-us-russia-summit.ja.txt)"
    )
    assert "Traceback" not in nowhere.stderr


def test_wrong_setting_names_the_variable(env):
    result = run({**env, "SUMMIT_RETRIEVAL__TOP_K": "lots"}, "ask", "会場は")
    assert result.returncode == 2
    assert "SUMMIT_RETRIEVAL__TOP_K" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_model_directory_is_a_clear_error(env, tmp_path):
    result = run({**env, "SUMMIT_MODEL__NAME": str(tmp_path / "nowhere")}, "ask", "会場はどこですか")
    assert result.returncode == 2
    assert "SUMMIT_MODEL__NAME" in result.stderr
    assert "Traceback" not in result.stderr


def test_damaged_model_directory_is_a_clear_error(env, model_dir, tmp_path):
    broken = tmp_path / "broken-model"
    shutil.copytree(model_dir, broken, ignore=shutil.ignore_patterns("model.safetensors"))
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    result = run({**env, "SUMMIT_MODEL__NAME": str(broken)}, "ask", "会場はどこですか")
    assert result.returncode == 2
    assert "cannot load the embedding model" in result.stderr
    assert "Traceback" not in result.stderr


def test_reindex_reports_counts_and_keeps_answering(env, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ARTICLE_PATH, corpus / "summit.txt")
    (corpus / "corrupt.txt").write_bytes(b"\x00\xff")
    local = {**env, "SUMMIT_CORPUS_DIR": str(corpus), "SUMMIT_DATA_DIR": str(tmp_path / "data")}
    result = run(local, "reindex", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    assert report["chunks"] > 20
    assert any("corrupt.txt" in e for e in report["errors"])
    assert json.loads(run(local, "ask", "会場はどこ", "--json").stdout)["answered"]


def test_chat_console_answers_and_runs_commands(env):
    lines = [
        "会場はどの湖を見下ろしていますか", "/source 2", "/delegation Russia", "/timeline 2021-06-17",
        "/bogus", "/help", "hello", "/quit",
    ]  # fmt: skip
    result = run(env, "chat", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "ジュネーブ湖" in result.stdout
    assert "[2] Walters" in result.stdout
    assert "ロシアの代表団 (9)" in result.stdout
    assert "2021-06-17  [反応] サミットの翌日" in result.stdout
    assert "unknown command /bogus" in result.stdout
    assert "The article does not cover this." in result.stdout


def test_custom_tiny_model_works_through_the_setting(env, tmp_path):
    tiny = make_tiny_model(tmp_path / "tiny")
    result = run(
        {**env, "SUMMIT_MODEL__NAME": str(tiny), "SUMMIT_RETRIEVAL__REFUSAL_THRESHOLD": "0"},
        "ask",
        "ジュネーブ湖",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["passages"]


def make_tiny_model(path: Path) -> Path:
    """A 2-layer BERT with a word-level tokenizer, saved as a sentence-transformers folder."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3}
    for ch in ARTICLE_PATH.read_text(encoding="utf-8"):
        vocab.setdefault(ch, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    hf = path / "hf"
    BertModel(
        BertConfig(
            vocab_size=len(vocab),
            hidden_size=32,
            num_hidden_layers=2,
            num_attention_heads=2,
            intermediate_size=64,
            max_position_embeddings=512,
        )
    ).save_pretrained(hf)
    PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        model_max_length=512,
    ).save_pretrained(hf)
    encoder = Transformer(str(hf), max_seq_length=512)
    model = SentenceTransformer(modules=[encoder, Pooling(32, pooling_mode="mean"), Normalize()], device="cpu")
    model.save(str(path / "st"))
    return path / "st"


def test_delegation_command_json(env):
    result = run(env, "delegation", "--json", "--side", "ロシア")
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)["delegations"]
    assert [g["heading"] for g in groups] == ["ロシアの代表団"]
    assert len(groups[0]["members"]) == 9
    none = run(env, "delegation", "--side", "China")
    assert none.returncode == 0, none.stderr
    assert (
        none.stdout.strip()
        == "No delegation list matches 'China'; the lists are: アメリカ合衆国の代表団, ロシアの代表団"
    )


def test_timeline_command_json_and_filters(env):
    result = run(env, "timeline", "--json", "--from", "2021-06-14", "--to", "2021-06-17")
    assert result.returncode == 0, result.stderr
    dates = [e["date"] for e in json.loads(result.stdout)["events"]]
    assert dates == ["2021-06", "2021-06", "2021-06-14", "2021-06-15", "2021-06-16", "2021-06-17"]
    bad = run(env, "timeline", "--from", "2021-13")
    assert bad.returncode == 2
    assert "month must be in 1..12" in bad.stderr
