# The two commands a new user needs: `make run` and `make test`. Everything else is a helper of theirs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres lint browser front-server nginx-conf node_modules audit bench load-smoke serve stack clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Local development site on SQLite with the starter library, at http://127.0.0.1:8000/
run: $(BIN)/.installed
	DJANGO_DEBUG=1 $(MANAGE) migrate --no-input
	DJANGO_DEBUG=1 $(MANAGE) import_content --only-new fixtures/
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# Whole test suite (SQLite unless DATABASE_URL says otherwise), browser tests included.
test: $(BIN)/.installed browser front-server node_modules
	$(BIN)/ruff check .
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The same suite on the local PostgreSQL server.
test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/exercises} $(MAKE) test

# Production server (gunicorn, production settings). Needs DJANGO_SECRET_KEY and friends: see README "Deploying".
serve: $(BIN)/.installed
	$(MANAGE) collectstatic --no-input -v 0
	$(MANAGE) migrate --no-input
	$(BIN)/gunicorn -c config/gunicorn.py config.wsgi

# The production stack on http://127.0.0.1:8080 — nginx (published pages, static, media) in front of gunicorn, and
# the publishing worker — with production settings; PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set,
# SQLite otherwise. Ctrl-C stops all three. Data and logs live in .stack/.
stack: $(BIN)/.installed front-server
	$(BIN)/python -m config.stack $(STACK_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Install a Debian package when its program is missing (as root or through sudo); otherwise say what is skipped.
# $(1) program, $(2) package, $(3) what happens without it.
define apt_install
@command -v $(1) >/dev/null 2>&1 || test -x /usr/sbin/$(1) || { \
  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(2) >/dev/null; \
  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo apt-get install -y -qq $(2) >/dev/null; \
  else echo "$(1) is not installed: $(3)"; fi; }
endef

# Browser tests drive Debian's chromium; Playwright's own browser download does not work offline.
browser:
	$(call apt_install,chromium,chromium,browser tests will be skipped)

# The production front server (config/nginx.conf.template) is tested with a real nginx.
# The scale-out test also starts its own redis-server.
front-server:
	$(call apt_install,nginx,nginx-light,front-server tests will be skipped)
	$(call apt_install,redis-server,redis-server,the scale-out test will be skipped)

# Print the front server's nginx config; e.g. make nginx-conf FRONT_ARGS="--listen 80 --upstream 127.0.0.1:8000"
nginx-conf: $(BIN)/.installed
	@$(BIN)/python -m config.frontserver $(FRONT_ARGS)

# Audit tools from npm (axe-core for the browser tests, Lighthouse for `make audit`), reinstalled when the lock changes.
node_modules: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: axe tests will be skipped and make audit will not work"; fi

# Lighthouse (mobile and desktop), axe (English and Spanish) and screenshots of home, list, detail, a muscle and a
# workout page of a locally served production-like site with a 600-exercise library (~10 minutes; faster: make
# audit AUDIT_ARGS="--runs 1"). Screenshots land in bench/out/screenshots/.
audit: $(BIN)/.installed browser node_modules
	$(BIN)/python bench/audit.py $(AUDIT_ARGS)

# Import, render and throughput figures at 1,000 and 10,000 exercises, and whole-site import and workout/section
# page figures for a generated Hugo site of 1,500 and 6,000 files, as one Markdown table (~15 minutes; the site part
# alone: make bench BENCH_ARGS=--site-only).
# BENCH_ARGS=--stack measures the published site through nginx + gunicorn + the publish worker instead (bench/stack.py).
# Needs wrk (Debian: apt-get install wrk); nginx is used for comparison when installed. Also on PostgreSQL when
# DATABASE_URL points at a server (a throwaway database is created and dropped).
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# 30 s of wrk at 64 connections on list and detail pages while an import runs: fails on any error.
load-smoke: $(BIN)/.installed
	$(BIN)/python bench/load_smoke.py $(LOAD_SMOKE_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
