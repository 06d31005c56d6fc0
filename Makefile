# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= output/performance.db

.PHONY: run test samples readme clean

$(BIN)/perfreturns: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/perfreturns
	$(BIN)/perfreturns ingest --db $(DB) samples/

test: $(BIN)/perfreturns
	$(BIN)/pytest

# Rebuild the sample returns from their sources; the PDFs need LibreOffice (libreoffice-writer-nogui).
samples: $(BIN)/perfreturns
	$(BIN)/python samples/build.py --pdf

# Rewrite the README's database section from schemas/contract.toml.
readme: $(BIN)/perfreturns
	$(BIN)/python -m schemas README.md

clean:
	rm -rf $(VENV) output/*.db
