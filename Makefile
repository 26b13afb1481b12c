# Qontak Broadcast: `make run` to try it, `make test` to prove it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The test stack: PostgreSQL and Redis on this machine unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qontak_broadcast
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# The full stack for `make run-stack`.
STACK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qontak_broadcast_stack
STACK_REDIS_URL ?= redis://127.0.0.1:6379/1

.PHONY: install run run-stack test lint chromium clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:8000 (mail sent by the app: http://127.0.0.1:8000/dev/mailbox/)"
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# PostgreSQL + Redis, gunicorn and a real Celery worker (and beat).
run-stack: install
	$(BIN)/python -c "import psycopg2; c = psycopg2.connect('$(dir $(STACK_DATABASE_URL))postgres'); c.autocommit = True; cur = c.cursor(); cur.execute(\"SELECT 1 FROM pg_database WHERE datname = '$(notdir $(STACK_DATABASE_URL))'\"); cur.fetchone() or cur.execute('CREATE DATABASE $(notdir $(STACK_DATABASE_URL))')"
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=true $(BIN)/python manage.py migrate --no-input
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=true $(BIN)/python manage.py seed_demo
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=true $(BIN)/celery -A qontak_broadcast worker -B -Q email,submissions,default --loglevel INFO & \
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=true $(BIN)/gunicorn qontak_broadcast.wsgi -b 127.0.0.1:8000 -w 3; \
	kill %1

# Browser tests drive Debian's chromium (a browser can't be downloaded here).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install chromium
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
