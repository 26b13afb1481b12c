"""Shared parts of the full-stack benchmarks (throughput, slow_neighbours, submissions, queues, load).

Each benchmark script starts what it needs itself and stops it at the end
(also on Ctrl-C, SIGTERM or an error):

- its own PostgreSQL database (``qontak_bench_<script>``: created and migrated
  when missing, its tables emptied at start), never ``qontak_broadcast``,
  ``qontak_bench`` (the list benchmark's) or a ``test_*`` one;
- Redis on its own db number (flushed at start), never 0, 1 or 13-15;
- gunicorn, Celery workers (each in its own process group);
- in this process: an SMTP server (aiosmtpd) that can take N seconds per
  message, and a minimal fake of the Graph API endpoints the ``meta``
  provider calls, that can take N seconds per call and counts what it got.

Everything listens on and talks to 127.0.0.1 only. The app runs with
``DJANGO_SETTINGS_MODULE=bench.stack_settings``: the product's settings,
with a URLconf that adds one bare view (``/bench/bare/``), the baseline every
figure is divided by.
"""

from __future__ import annotations

import asyncio
import email
import hashlib
import hmac
import itertools
import json
import logging
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = BIN / "python"
OUT = ROOT / "bench" / "out"  # git-ignored
HOST = "127.0.0.1"
PASSWORD = "bench-password-8472"
WABA_ID = "102290129340398"
APP_ID = "584544743160774"
ACCESS_TOKEN = "EAAJBbenchSystemUserToken7Gq2ZxD0PqLm4Rt"
CODE_RE = re.compile(r"(?<!\d)\d{6}(?!\d)")
FORBIDDEN_REDIS_DBS = {0, 1, 13, 14, 15}
KEPT_TABLES = ("django_migrations", "django_content_type", "auth_permission")

logging.getLogger("mail.log").setLevel(logging.WARNING)


def say(*parts) -> None:
    print(*parts, flush=True)


# --- guards ------------------------------------------------------------------------------------
def database_parts(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        sys.exit(f"--database-url must be a PostgreSQL URL, not {parts.scheme!r}")
    name = unquote(parts.path.lstrip("/"))
    if not name.startswith("qontak_bench_"):
        sys.exit(
            f"Refusing database {name!r}: a stack benchmark only uses databases named qontak_bench_<something> "
            "(never qontak_broadcast, qontak_bench or test_*)."
        )
    host = parts.hostname or HOST
    if host not in ("127.0.0.1", "localhost"):
        sys.exit(f"Refusing database host {host!r}: benchmarks only talk to 127.0.0.1.")
    return {
        "dbname": name,
        "host": host,
        "port": parts.port or 5432,
        "user": unquote(parts.username) if parts.username else "postgres",
        "password": unquote(parts.password) if parts.password else None,
    }


def redis_db_of(url: str) -> int:
    parts = urlsplit(url)
    if parts.scheme != "redis" or (parts.hostname or "") not in ("127.0.0.1", "localhost"):
        sys.exit("--redis-url must be redis://127.0.0.1:<port>/<db>")
    try:
        db = int(parts.path.lstrip("/") or "0")
    except ValueError:
        sys.exit(f"Bad Redis db in {url!r}")
    if db in FORBIDDEN_REDIS_DBS:
        sys.exit(f"Refusing Redis db {db}: 0, 1 and 13-15 belong to the app, the stack and the tests.")
    return db


def add_stack_args(parser, *, database: str, redis_db: int) -> None:
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_STACK_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{database}"),
        help="its own PostgreSQL database (name must start with qontak_bench_); created and migrated if missing, "
        "emptied at start",
    )
    parser.add_argument(
        "--redis-url",
        default=f"redis://127.0.0.1:6379/{redis_db}",
        help="Redis for cache and broker, on its own db number (flushed at start; never 0, 1, 13-15)",
    )


# --- database and redis ------------------------------------------------------------------------
def _connect(db: dict, dbname: str):
    import psycopg2

    conn = psycopg2.connect(
        dbname=dbname, host=db["host"], port=db["port"], user=db["user"], password=db["password"], connect_timeout=5
    )
    conn.autocommit = True
    return conn


def database_prepare(url: str, env: dict) -> None:
    """Create the database if missing, migrate it, empty every app table."""
    db = database_parts(url)
    conn = _connect(db, "postgres")
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["dbname"]])
        if cur.fetchone() is None:
            say(f"creating database {db['dbname']}")
            cur.execute(f'CREATE DATABASE "{db["dbname"]}"')
    conn.close()
    run_manage(env, "migrate", "--noinput", "-v", "0")
    conn = _connect(db, db["dbname"])
    with conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [t for (t,) in cur.fetchall() if t not in KEPT_TABLES]
        if tables:
            cur.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
    conn.close()


def redis_flush(url: str) -> None:
    import redis

    redis_db_of(url)
    redis.Redis.from_url(url).flushdb()


def run_manage(env: dict, *args: str) -> None:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def collectstatic(env: dict) -> None:
    """DEBUG off serves static files through whitenoise's manifest: it needs STATIC_ROOT (git-ignored) filled."""
    run_manage(env, "collectstatic", "--noinput", "-v", "0")


# --- environment -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def stack_env(*, database_url: str, redis_url: str, smtp_port: int, graph_url: str, **extra) -> dict:
    """The environment of gunicorn, the workers and this process's Django: production-like (DEBUG off)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    for key in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "EMAIL_HOST", "EMAIL_PORT"):
        env.pop(key, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.stack_settings",
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
            "DEBUG": "false",
            "ALLOWED_HOSTS": HOST,
            # Plain HTTP on localhost: the secure-cookie flags would keep the browser (requests) from sending them.
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "EMAIL_HOST": HOST,
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "30",
            "META_GRAPH_API_URL": graph_url,
            # WhatsApp's 100 an hour per account would make any volume test a waiting test.
            "SUBMISSIONS_PER_HOUR": "1000000000",
            "LOG_LEVEL": "WARNING",
            "SITE_URL": "http://127.0.0.1:8000",
            "CELERY_SKIP_CHECKS": "true",
        }
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def django_setup(env: dict):
    """Configure this process's Django like the stack's processes (same DB, broker, keys)."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from qontak_broadcast.celery import app

    return app


# --- processes ---------------------------------------------------------------------------------
@dataclass
class Proc:
    name: str
    popen: subprocess.Popen
    log: Path


class Stack:
    """Starts processes in their own process groups and stops them all at the end, whatever happens."""

    def __init__(self, name: str):
        self.dir = OUT / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.procs: list[Proc] = []
        self.cleanups: list = []
        self._old_handlers = {}

    def __enter__(self):
        def interrupt(signum, frame):
            raise KeyboardInterrupt(f"signal {signum}")

        # SIGINT too: a shell starts background jobs with it ignored, and Ctrl-C must always stop everything.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            self._old_handlers[sig] = signal.signal(sig, interrupt)
        return self

    def __exit__(self, *exc):
        # A second Ctrl-C (or TERM) while stopping must not leave processes behind.
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        try:
            self.stop_all()
        finally:
            for sig, handler in self._old_handlers.items():
                signal.signal(sig, handler)
        return False

    def on_stop(self, fn) -> None:
        self.cleanups.append(fn)

    def prepare(self, args, *, provider_delay: float = 0.0, static: bool = True, **settings_env):
        """What every stack benchmark starts with: an SMTP sink, a fake WhatsApp, a flushed Redis db,
        a migrated database and Django set up in this process. Returns (mail, graph, env, celery app)."""
        mail = MailSink().start()
        self.on_stop(mail.stop)
        graph = FakeGraph(delay=provider_delay).start()
        self.on_stop(graph.stop)
        env = stack_env(
            database_url=args.database_url,
            redis_url=args.redis_url,
            smtp_port=mail.port,
            graph_url=graph.url,
            **settings_env,
        )
        redis_flush(args.redis_url)
        self.on_stop(lambda: redis_flush(args.redis_url))  # no queued task outlives the run
        database_prepare(args.database_url, env)
        if static:
            collectstatic(env)
        say(machine_facts(args.database_url, args.redis_url))
        return mail, graph, env, django_setup(env)

    def spawn(self, name: str, argv: list[str], env: dict, *, cpus: str | None = None) -> Proc:
        log = self.dir / f"{name}.log"
        if cpus:
            argv = ["taskset", "-c", cpus, *argv]
        handle = open(log, "wb")  # noqa: SIM115 - closed with the process
        popen = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        handle.close()
        proc = Proc(name, popen, log)
        self.procs.append(proc)
        return proc

    def stop(self, proc: Proc, timeout: float = 15) -> None:
        # TERM to the main process only: gunicorn and Celery then shut down warmly (a worker finishes the
        # tasks it is running); whatever is left in the group after that is killed.
        if proc.popen.poll() is None:
            try:
                os.kill(proc.popen.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.popen.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.popen.wait(timeout=10)
        # Children left in the group (a pool process) go too.
        try:
            os.killpg(proc.popen.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if proc in self.procs:
            self.procs.remove(proc)

    def stop_all(self) -> None:
        for proc in reversed(list(self.procs)):
            try:
                self.stop(proc)
            except Exception as exc:  # noqa: BLE001 - keep stopping the others
                say(f"  (could not stop {proc.name}: {exc})")
        for fn in reversed(self.cleanups):
            try:
                fn()
            except Exception as exc:  # noqa: BLE001
                say(f"  (cleanup failed: {exc})")
        self.cleanups.clear()

    def check_alive(self) -> None:
        for proc in self.procs:
            code = proc.popen.poll()
            if code is not None:
                tail = proc.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{proc.name} exited with {code}; end of {proc.log}:\n{tail}")

    # --- the stack's parts ---
    def gunicorn(self, env: dict, *, port: int, workers: int, cpus: str | None = None) -> Proc:
        proc = self.spawn(
            "gunicorn",
            [
                str(BIN / "gunicorn"),
                "qontak_broadcast.wsgi",
                "-b",
                f"{HOST}:{port}",
                "-w",
                str(workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--worker-tmp-dir",
                "/dev/shm",
            ],
            env,
            cpus=cpus,
        )
        wait_http(f"http://{HOST}:{port}/bench/bare/", timeout=60, stack=self)
        return proc

    def worker(
        self,
        env: dict,
        *,
        name: str,
        queues: str,
        concurrency: int,
        pool: str = "prefork",
        include: str = "",
        cpus: str | None = None,
    ) -> Proc:
        argv = [
            str(BIN / "celery"),
            "-A",
            "qontak_broadcast",
            "worker",
            "-Q",
            queues,
            "-c",
            str(concurrency),
            "-P",
            pool,
            "-n",
            f"{name}@%h",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        if include:
            argv += ["-I", include]
        proc = self.spawn(f"worker-{name}", argv, env, cpus=cpus)
        wait_log(proc, " ready.", timeout=60, stack=self)
        return proc


def wait_http(url: str, *, timeout: float, stack: Stack | None = None) -> None:
    import requests

    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if stack:
            stack.check_alive()
        try:
            response = requests.get(url, timeout=2)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}: {response.text[:300]}"
        except requests.RequestException as exc:
            last = repr(exc)
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {timeout}s ({last})")


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (Linux /proc), in seconds."""
    total, pids = 0.0, [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def wait_idle(proc: Proc, *, share: float = 0.05, quiet: float = 2.0, timeout: float = 180) -> float:
    """Wait until the process and its children use less than `share` of a core for `quiet` seconds; returns the
    seconds waited. Web workers train the content screen's model in the background when they start: measuring
    before that ends measures the training."""
    started = time.monotonic()
    last, calm_since = _cpu_seconds(proc.popen.pid), None
    while time.monotonic() - started < timeout:
        time.sleep(0.5)
        now = _cpu_seconds(proc.popen.pid)
        if now - last < share * 0.5:
            calm_since = calm_since or time.monotonic()
            if time.monotonic() - calm_since >= quiet:
                return time.monotonic() - started
        else:
            calm_since = None
        last = now
    return time.monotonic() - started


def wait_log(proc: Proc, text: str, *, timeout: float, stack: Stack | None = None) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack:
            stack.check_alive()
        if text in proc.log.read_text(errors="replace"):
            return time.monotonic()
        time.sleep(0.05)
    raise RuntimeError(f"{proc.name} did not log {text!r} within {timeout}s; see {proc.log}")


# --- SMTP server ---------------------------------------------------------------------------------
@dataclass
class Mail:
    at: float  # time.monotonic() when DATA arrived (before the server's delay)
    to: list[str]
    subject: str
    text: str

    def codes(self) -> set[str]:
        return set(CODE_RE.findall(self.text))

    @property
    def code(self) -> str:
        codes = self.codes()
        if len(codes) != 1:
            raise AssertionError(
                f"expected exactly one 6-digit number in {self.subject!r}, found {codes}:\n{self.text}"
            )
        return next(iter(codes))


class MailSink:
    """aiosmtpd on a free localhost port; answers each message after `delay` seconds (a slow SMTP relay)."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.port = free_port()
        self.mails: list[Mail] = []
        self.cond = threading.Condition()
        self.controller = None

    def start(self) -> MailSink:
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
                message = email.message_from_bytes(envelope.content, policy=policy.default)
                body = message.get_body(preferencelist=("plain",))
                mail = Mail(
                    at=time.monotonic(),
                    to=[a.lower() for a in envelope.rcpt_tos],
                    subject=str(message["subject"]),
                    text=body.get_content() if body is not None else "",
                )
                with sink.cond:
                    sink.mails.append(mail)
                    sink.cond.notify_all()
                if sink.delay:
                    await asyncio.sleep(sink.delay)
                return "250 Message accepted for delivery"

        self.controller = Controller(Handler(), hostname=HOST, port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def count(self, to: str | None = None, subject: str = "") -> int:
        with self.cond:
            return len(self._select(to, subject))

    def select(self, *, to: str | None = None, subject: str = "", contains: str = "") -> list[Mail]:
        with self.cond:
            return self._select(to, subject, contains)

    def _select(self, to, subject, contains: str = "") -> list[Mail]:
        return [
            m
            for m in self.mails
            if (to is None or to.lower() in m.to)
            and subject.lower() in m.subject.lower()
            and (not contains or contains in m.text)
        ]

    def wait(
        self, *, to: str | None = None, count: int = 1, subject: str = "", contains: str = "", timeout: float = 30
    ) -> list[Mail]:
        """Block until `count` matching messages arrived (at most `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                found = self._select(to, subject, contains)
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(found)}/{count} mails to {to} ({subject!r}, {contains!r}) in {timeout}s")
                self.cond.wait(min(left, 0.5))


# --- fake Graph API ------------------------------------------------------------------------------
class FakeGraph:
    """The Graph API endpoints the `meta` provider uses to create templates, with the real JSON shapes.

    POST /{v}/{waba}/message_templates -> {"id", "status": "PENDING", "category"}, or the Graph error
    "already exists" (code 100, subcode 2388024) for a name+language it already has (the provider then
    looks it up: GET /{v}/{waba}/message_templates?name=). GET /{v}/{template-id} -> its fields.
    Every call needs the account's token. `delay` seconds per call; `creates` counts every create
    request by (name, language), so a template sent twice shows up as a count of 2.
    """

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.lock = threading.Lock()
        self.creates: dict[tuple[str, str], int] = {}
        self.templates: dict[str, dict] = {}
        self.by_key: dict[tuple[str, str], str] = {}
        self.requests = 0
        self.unauthorized = 0
        self.other = 0
        self._ids = itertools.count(1689556908129832)
        self.server = None
        self.thread = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}"

    @property
    def create_requests(self) -> int:
        with self.lock:
            return sum(self.creates.values())

    def duplicates(self) -> dict[tuple[str, str], int]:
        with self.lock:
            return {key: n for key, n in self.creates.items() if n > 1}

    def start(self) -> FakeGraph:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                with fake.lock:
                    fake.requests += 1
                if fake.delay:
                    time.sleep(fake.delay)
                scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
                if scheme not in ("Bearer", "OAuth") or token.strip() != ACCESS_TOKEN:
                    with fake.lock:
                        fake.unauthorized += 1
                    return self._answer(401, _graph_error("Invalid OAuth access token.", 190))
                parts = urlsplit(self.path)
                path = [p for p in parts.path.split("/") if p]
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if len(path) == 3 and path[1] == WABA_ID and path[2] == "message_templates":
                    if method == "POST":
                        return self._create(raw)
                    return self._list(query)
                if len(path) == 2 and method == "GET" and path[1] in fake.templates:
                    return self._answer(200, fake.templates[path[1]])
                with fake.lock:
                    fake.other += 1
                return self._answer(404, _graph_error("Unsupported request.", 100))

            def _create(self, raw: bytes) -> None:
                try:
                    body = json.loads(raw)
                    key = (body["name"], body["language"])
                    category = body["category"]
                except (ValueError, KeyError, TypeError):
                    return self._answer(400, _graph_error("Invalid parameter", 100))
                with fake.lock:
                    fake.creates[key] = fake.creates.get(key, 0) + 1
                    if key in fake.by_key:
                        return self._answer(
                            400,
                            _graph_error(
                                "Invalid parameter",
                                100,
                                subcode=2388024,
                                user_title="Content in this language already exists",
                                user_msg="Content in this language already exists for this template.",
                            ),
                        )
                    template_id = str(next(fake._ids))
                    fake.by_key[key] = template_id
                    fake.templates[template_id] = {
                        "id": template_id,
                        "name": key[0],
                        "language": key[1],
                        "status": "PENDING",
                        "category": category,
                    }
                return self._answer(200, {"id": template_id, "status": "PENDING", "category": category})

            def _list(self, query: dict) -> None:
                with fake.lock:
                    data = [t for t in fake.templates.values() if t["name"] == query.get("name")]
                return self._answer(200, {"data": data, "paging": {}})

            def do_POST(self):  # noqa: N802
                self._handle("POST")

            def do_GET(self):  # noqa: N802
                self._handle("GET")

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

            def handle_error(self, request, client_address):
                if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that went away is no news
                    super().handle_error(request, client_address)

        self.server = Server((HOST, 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, name="fake-graph", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def _graph_error(message: str, code: int, *, subcode=None, user_title=None, user_msg=None) -> dict:
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "Abench"}
    if subcode is not None:
        error["error_subcode"] = subcode
    if user_title:
        error["error_user_title"] = user_title
    if user_msg:
        error["error_user_msg"] = user_msg
    return {"error": error}


# --- data (needs django_setup) -------------------------------------------------------------------
BODY = "Hello, your order is ready for pickup at our store. Thank you for shopping with us."


def make_org(name: str, *, otp: bool = False, provider: str = "meta"):
    from accounts.models import ChannelAccount, Organization
    from security_settings.models import SecuritySettings

    org = Organization.objects.create(name=name)
    account = ChannelAccount.objects.create(
        organization=org,
        display_name=f"{name} store",
        phone_number="+6281234567890",
        provider=provider,
        waba_id=WABA_ID if provider == "meta" else "",
        meta_app_id=APP_ID if provider == "meta" else "",
        meta_access_token=ACCESS_TOKEN if provider == "meta" else "",
    )
    SecuritySettings.objects.create(organization=org, broadcast_template_otp=otp)
    return org, account


def make_users(org, role: str, emails: list[str]):
    """Members with one password (hashed once: PBKDF2 per user would take minutes)."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Membership, User

    hashed = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [User(email=e, full_name=e.split("@")[0].replace(".", " ").title(), password=hashed) for e in emails]
    )
    Membership.objects.bulk_create([Membership(user=u, organization=org, role=role) for u in users])
    return users


def letters(i: int, width: int = 4) -> str:
    """0 -> "aaaa", 1 -> "aaab"...: fixed width and no digits, so a template name never looks like a code."""
    out = ""
    for _ in range(width):
        i, rest = divmod(i, 26)
        out = chr(97 + rest) + out
    if i:
        raise ValueError("index too large for the width")
    return out


def bulk_drafts(*, org, account, user, count: int, prefix: str, category: str = "UTILITY", batch: int = 2000):
    """`count` drafts with one valid English (US) content each, in bulk; returns their ids."""
    from templates_app.models import Content, Status, StatusEvent, Template

    ids = []
    for start in range(0, count, batch):
        chunk = Template.objects.bulk_create(
            [
                Template(
                    organization=org,
                    channel_account=account,
                    name=f"{prefix}_{letters(i)}",
                    category=category,
                    created_by=user,
                    languages=["en_US"],
                )
                for i in range(start, min(count, start + batch))
            ]
        )
        Content.objects.bulk_create([Content(template=t, language="en_US", position=0, body=BODY) for t in chunk])
        StatusEvent.objects.bulk_create(
            [StatusEvent(template=t, status=Status.DRAFT, source=StatusEvent.Source.USER, actor=user) for t in chunk]
        )
        ids += [t.pk for t in chunk]
    return ids


def bulk_submit(ids: list[int], *, user, batch: int = 2000) -> None:
    """What template_submit does, in bulk: freeze as Submitting with its digest, record it, queue the task."""
    from django.db import transaction
    from django.utils import timezone

    from templates_app.models import Status, StatusEvent, Template
    from templates_app.services import template_digest
    from templates_app.tasks import send_to_provider

    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            now = timezone.now()
            templates = list(Template.objects.filter(pk__in=chunk).select_related("channel_account"))
            digests = {t.pk: template_digest(t) for t in templates}
            for t in templates:
                t.status, t.submitted_by, t.submitted_at, t.content_digest = Status.SUBMITTING, user, now, digests[t.pk]
            # bulk_update skips Template.save (and its frozen check): the rows are drafts here.
            Template.objects.bulk_update(templates, ["status", "submitted_by", "submitted_at", "content_digest"])
            StatusEvent.objects.bulk_create(
                [
                    StatusEvent(template_id=pk, status=Status.SUBMITTING, source=StatusEvent.Source.USER, actor=user)
                    for pk in chunk
                ]
            )
        with send_to_provider.app.producer_or_acquire() as producer:
            for pk in chunk:
                send_to_provider.apply_async((pk,), producer=producer)


# --- HTTP clients --------------------------------------------------------------------------------
def login(base: str, email_address: str, password: str = PASSWORD, *, timeout: float = 60):
    """A requests session logged in through the login form (cookies: sessionid, csrftoken)."""
    import requests

    session = requests.Session()
    response = session.get(f"{base}/accounts/login/", timeout=timeout)
    response.raise_for_status()
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": email_address, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=timeout,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login of {email_address} failed: HTTP {response.status_code} {response.text[:500]}")
    return session


def post(session, url: str, data: dict | None = None, *, timeout: float = 60):
    return session.post(
        url,
        data=data or {},
        headers={"X-CSRFToken": session.cookies.get("csrftoken", ""), "Referer": url},
        allow_redirects=False,
        timeout=timeout,
    )


FINGERPRINT_RE = re.compile(r'name="fingerprint" value="([0-9a-f]{64})"')


def shown_fingerprint(session, base: str, template_id: int) -> str:
    """Open the confirm step ("Submit") and return the fingerprint of the content it showed."""
    response = post(session, f"{base}/broadcast/templates/{template_id}/submit/")
    match = FINGERPRINT_RE.search(response.text)
    if not match:
        raise RuntimeError(f"no confirm step for template {template_id}: HTTP {response.status_code}")
    return match.group(1)


def cookie_header(session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies if c.name in ("sessionid", "csrftoken"))


def code_hash(secret_key: str, salt: str, code: str) -> str:
    """The HMAC the otp app stores (to tell which received code belongs to the newest challenge)."""
    return hmac.new(secret_key.encode(), f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


# --- figures -------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "median": statistics.median(values) if values else float("nan"),
        "p95": percentile(values, 95),
        "max": max(values) if values else float("nan"),
    }


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def table(headers: list[str], rows: list[list], title: str = "") -> str:
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    if title:
        lines.append(title)
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value) -> str:
    if isinstance(value, float):
        if value != value:  # nan
            return "-"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine_facts(database_url: str | None = None, redis_url: str | None = None) -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    facts = [
        f"cpu: {os.cpu_count()} x {cpu}, memory {mem}, load average {os.getloadavg()[0]:.2f} at start",
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
    ]
    try:
        import celery
        import django
        import gunicorn

        facts.append(f"Django {django.get_version()}, gunicorn {gunicorn.__version__}, Celery {celery.__version__}")
    except ImportError:
        pass
    if database_url:
        try:
            db = database_parts(database_url)
            conn = _connect(db, db["dbname"])
            with conn.cursor() as cur:
                cur.execute("SHOW server_version")
                facts.append(f"PostgreSQL {cur.fetchone()[0]} (database {db['dbname']})")
            conn.close()
        except Exception as exc:  # noqa: BLE001
            facts.append(f"PostgreSQL: {exc}")
    if redis_url:
        try:
            import redis

            info = redis.Redis.from_url(redis_url).info("server")
            facts.append(f"Redis {info.get('redis_version')} (db {redis_db_of(redis_url)})")
        except Exception as exc:  # noqa: BLE001
            facts.append(f"Redis: {exc}")
    return "\n".join("  " + f for f in facts)


@dataclass
class Timer:
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.samples.setdefault(name, []).append(seconds)


def page_data(name: str, domain: str, templates: int):
    """The organization the page benchmarks read (throughput.py, profile.py): an admin, an agent, `templates`
    drafts of which half look submitted and in review, and a few security-policy changes for the audit trail.
    Returns the admin, the agent and the id of a draft."""
    from security_settings.models import ToggleChange
    from templates_app.models import Status, Template

    org, account = make_org(name)
    admin = make_users(org, "admin", [f"admin@{domain}"])[0]
    agent = make_users(org, "agent", [f"agent@{domain}"])[0]
    ids = bulk_drafts(org=org, account=account, user=agent, count=templates, prefix="page_tpl")
    Template.objects.filter(pk__in=ids[::2]).update(status=Status.PENDING)
    for i in range(6):
        ToggleChange.objects.create(
            organization=org,
            setting="broadcast_template_otp",
            old_value=i % 2 == 1,
            new_value=i % 2 == 0,
            actor=admin,
            ip="127.0.0.1",
        )
    return admin, agent, ids[1]
