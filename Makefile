# summit-bot: `make run` and `make test` do all set-up on a fresh machine (offline but for PyPI).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: install run chat test lint unit server-test chroma eval bench lexicon clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	# torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
	$(PIP) torch==2.13.0
	$(PIP) -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/summit-bot build-model

run: install
	@if [ -n "$$DISCORD_TOKEN" ]; then exec $(BIN)/summit-bot run; else exec $(BIN)/summit-bot chat; fi

chat: install
	$(BIN)/summit-bot chat

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -m "not slow"

test: install lint
	$(BIN)/pytest

# Only the suite that starts its own `chroma run` (server mode, its faults, two processes on one server).
server-test: install
	$(BIN)/pytest -m server

# A Chroma server for SUMMIT_STORE__MODE=server, from this environment (stop it with Ctrl-C).
CHROMA_PATH ?= data/chroma-server
CHROMA_HOST ?= 127.0.0.1
CHROMA_PORT ?= 8000
chroma: $(STAMP)
	$(BIN)/chroma run --path $(CHROMA_PATH) --host $(CHROMA_HOST) --port $(CHROMA_PORT)

eval: install
	$(BIN)/summit-bot eval $(FILE)

bench: install
	$(BIN)/summit-bot bench

lexicon: $(STAMP)
	$(PIP) -e '.[lexicon]'
	$(BIN)/python scripts/build_lexicon.py

clean:
	rm -rf $(VENV) data
