# The two commands a newcomer needs:
#   make demo   set up a virtualenv, install BorderWatch, ingest the bundled samples/, print a summary
#   make test   set up the same virtualenv, lint, run the whole test suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint bench eval clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/borderwatch ingest --db $(DEMO_DB) samples/txt samples/html samples/jsonl samples/feeds
	$(BIN)/borderwatch stats --db $(DEMO_DB)
	$(BIN)/borderwatch documents --db $(DEMO_DB) --limit 12
	$(BIN)/borderwatch documents --db $(DEMO_DB) --search Takhar --limit 5
	$(BIN)/borderwatch actors --db $(DEMO_DB) --limit 12
	$(BIN)/borderwatch places --db $(DEMO_DB) --limit 12
	$(BIN)/borderwatch events --db $(DEMO_DB) --status occurred,claimed,denied --limit 15
	$(BIN)/borderwatch events --db $(DEMO_DB) --type MOBILIZE --place Takhar --evidence --limit 4
	$(BIN)/borderwatch quotes --db $(DEMO_DB) --speaker Rahmon --limit 5
	$(BIN)/borderwatch claims --db $(DEMO_DB) --contested --limit 6
	$(BIN)/borderwatch discards --db $(DEMO_DB)
	$(BIN)/borderwatch export --db $(DEMO_DB) --format json -o demo.json
	@echo "demo database: $(DEMO_DB) (open it with sqlite3, datasette or pandas); export: demo.json"

lint: $(STAMP)
	$(BIN)/ruff check borderwatch tests benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_bench.py --n 10000 --runs 3 --workers 1 2
	$(BIN)/python benchmarks/make_corpus.py --n 300 --out bench-out/nlp-corpus
	rm -f bench-out/nlp.db* && $(BIN)/borderwatch ingest --no-nlp --quiet --db bench-out/nlp.db bench-out/nlp-corpus
	$(BIN)/python benchmarks/nlp_bench.py --db bench-out/nlp.db

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo.json bench-out
