# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= output/performance.db

.PHONY: run test system-packages samples readme clean

$(BIN)/perfreturns: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/perfreturns
	$(BIN)/perfreturns ingest --db $(DB) samples/

# The Debian packages the tests drive: chromium (browser tests, the report's PDF) and LibreOffice
# (legacy .doc/.rtf/.odt/.xls/.ods). Installed when missing and run as root; otherwise named.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui libreoffice-calc-nogui"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "make test needs the Debian packages:$$missing (sudo apt-get install$$missing)"; exit 2; \
	  fi; \
	fi

test: system-packages $(BIN)/perfreturns
	$(BIN)/pytest

# Rebuild the sample returns from their sources; the PDF and legacy editions need LibreOffice
# (libreoffice-writer-nogui, libreoffice-calc-nogui).
samples: $(BIN)/perfreturns
	$(BIN)/python samples/build.py --pdf --legacy
	$(BIN)/python samples/build_scorecard.py --legacy
	$(BIN)/python samples/regressions/build_issue_11.py

# Rewrite the README's database section from schemas/contract.toml.
readme: $(BIN)/perfreturns
	$(BIN)/python -m schemas README.md

clean:
	rm -rf $(VENV) output/*.db
