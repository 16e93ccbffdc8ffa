# Region Portal: the two commands of README.md.
.PHONY: run test setup lint

PORT ?= 8000
# test processes in parallel (pytest-xdist): one per core; TEST_WORKERS=0 runs in this process
TEST_WORKERS ?= auto

run:            ## set up everything and serve on http://127.0.0.1:$(PORT) (make run PORT=8001)
	PORT=$(PORT) bash scripts/setup.sh

# Compiled modules and pytest's rewritten test modules are kept between runs in .venv/pycache
# (not in the tree), even where the environment sets PYTHONDONTWRITEBYTECODE: otherwise every
# test process compiles the project and rewrites ~190 test modules again (about 4 s of CPU
# each; docs/performance.md, issue 14).
PYCACHE = PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/.venv/pycache

test: setup     ## run the whole test suite (DATABASE_URL selects PostgreSQL)
	$(PYCACHE) .venv/bin/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

setup:
	bash scripts/setup.sh --no-serve

lint: setup
	.venv/bin/ruff check .
