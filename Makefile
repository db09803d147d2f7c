# Anju: `make demo` to see it, `make test` to prove it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DB := $(CURDIR)/var/demo.sqlite3
DEMO_COMMUNITIES ?= 200
PYTEST_WORKERS ?= 2

.PHONY: vendor install demo test lint typecheck unit system-deps postgres-tests messages bench clean release-archive mutation
CATALOGUE := anju/locale/zh_Hans/LC_MESSAGES/django.po

$(BIN)/anju: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/anju

demo: install
	@scripts/system-deps run
	mkdir -p var
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	ANJU_DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/anju migrate --noinput --verbosity 0
	ANJU_DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/anju demo-data --communities $(DEMO_COMMUNITIES) --seed 2026 --users
	@echo "安居已启动：http://127.0.0.1:8000/ ，用上面的账号登录（Ctrl-C 停止）。Anju is at http://127.0.0.1:8000/ — log in with an account above."
	ANJU_DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/anju db_worker --no-startup-delay --no-reload & \
	  worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	  ANJU_DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/anju runserver 127.0.0.1:8000 --noreload --skip-checks

lint: install system-deps
	$(BIN)/ruff check anju tests bench scripts conftest.py
	$(BIN)/ruff format --check anju tests bench scripts conftest.py
	$(BIN)/lint-imports --no-cache
	msgfmt --check-format -o /dev/null $(CATALOGUE)
	@left=$$(msgattrib --untranslated $(CATALOGUE); msgattrib --only-fuzzy $(CATALOGUE)); \
	  if [ -n "$$left" ]; then echo "Untranslated or fuzzy entries in $(CATALOGUE):"; echo "$$left"; exit 1; fi

typecheck: install
	$(BIN)/mypy anju

system-deps:
	@scripts/system-deps

unit: install system-deps
	$(BIN)/pytest -n $(PYTEST_WORKERS)

# the domain core opens no database (anju/core/tests/conftest.py): its tests run once, in unit,
# as do those marked one_database
postgres-tests: install
	scripts/with-postgres $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser and not one_database" --ignore=anju/core

test: lint typecheck unit postgres-tests

# Mutation testing of the rules with legal or financial weight (MUTATION.md); not part of `test`.
mutation: install
	mkdir -p var
	rm -rf mutants
	$(BIN)/mutmut run > var/mutation.log 2>&1 || { tail -n 20 var/mutation.log; exit 1; }
	$(BIN)/python scripts/mutation_report.py > var/mutation-report.txt; status=$$?; \
	  cat var/mutation-report.txt; exit $$status

messages: install
	cd anju && ../$(BIN)/anju makemessages --locale zh_Hans --no-obsolete --no-location \
	  --ignore "tests/*" --ignore "*/tests/*" --ignore testing.py
	@echo "Translate the new entries in $(CATALOGUE), then: make compile-messages"

compile-messages: install
	cd anju && ../$(BIN)/anju compilemessages --locale zh_Hans

bench: install
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/plan_bench.py
	$(BIN)/python bench/registry_plan_bench.py
	scripts/with-postgres $(BIN)/python bench/dashboard_bench.py

# When cutting a release: the demo city as this release stores it, for later releases to upgrade
# from (anju/releases.py); commit what it writes under releases/.
release-archive: install system-deps
	$(BIN)/python scripts/release_archive.py sqlite
	scripts/with-postgres $(BIN)/python scripts/release_archive.py postgresql

# Refresh the vendored front-end files from the npm registry; the result is committed, so an
# air-gapped install needs no npm.
ECHARTS_VERSION = 6.1.0
AXE_VERSION = 4.14.1
vendor:
	rm -rf .vendor && mkdir .vendor && cd .vendor && npm pack echarts@$(ECHARTS_VERSION) && tar xzf echarts-*.tgz
	cp .vendor/package/dist/echarts.min.js .vendor/package/LICENSE .vendor/package/NOTICE anju/web/static/vendor/echarts/
	echo "Apache ECharts $(ECHARTS_VERSION) (npm package echarts@$(ECHARTS_VERSION), dist/echarts.min.js); refresh with make vendor." > anju/web/static/vendor/echarts/VERSION
	rm -rf .vendor
	mkdir .vendor && cd .vendor && npm pack axe-core@$(AXE_VERSION) && tar xzf axe-core-*.tgz
	mkdir -p tests/browser/vendor/axe-core
	cp .vendor/package/axe.min.js .vendor/package/LICENSE tests/browser/vendor/axe-core/
	echo "axe-core $(AXE_VERSION) (npm package axe-core@$(AXE_VERSION), axe.min.js), for the browser tests only; refresh with make vendor." > tests/browser/vendor/axe-core/VERSION
	rm -rf .vendor

clean:
	rm -rf $(VENV) var mutants .mypy_cache .ruff_cache *.egg-info
