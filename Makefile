# Region Portal: the two commands of README.md.
.PHONY: run test setup lint

PORT ?= 8000
# test processes in parallel (pytest-xdist): one per core; TEST_WORKERS=0 runs in this process
TEST_WORKERS ?= auto

run:            ## set up everything and serve on http://127.0.0.1:$(PORT) (make run PORT=8001)
	PORT=$(PORT) bash scripts/setup.sh

test: setup     ## run the whole test suite (DATABASE_URL selects PostgreSQL)
	.venv/bin/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

setup:
	bash scripts/setup.sh --no-serve

lint: setup
	.venv/bin/ruff check .
