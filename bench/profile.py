#!/usr/bin/env python
"""Where a page's time goes: the product's pages profiled in-process, grouped by area, with their SQL.

    .venv/bin/python bench/profile.py [--requests 100] [--templates 1000] [--page list] [--queries] [--top 12]

Prepares its own PostgreSQL database (qontak_bench_profile: created and
migrated when missing, emptied at start) and Redis db (5, flushed), with the
production settings (DEBUG off, the Redis cache, bench.stack_settings), fills
one organization like bench/throughput.py does (an admin, an agent,
--templates drafts, half of them Pending, a few audit entries), logs the
agent and the admin in (a real session in the configured session engine) and
requests each page with django.test.Client:

- the template list, wizard step 1 (/broadcast/templates/new/), step 2 of a
  draft (/broadcast/templates/<id>/edit/?lang=en_US) and Settings > Security,
  next to the bare view of bench/stack_urls.py;
- first timed (median and p95 of --requests requests, with the number of SQL
  queries each request ran), then sampled with pyinstrument.

The sampled time is split by area. Each sample goes to the innermost frame
of a known area on its stack (a query run from a template tag is SQL, a
property of our model called by the template is our code):

- template rendering: django.template, django.templatetags, django.forms
  (widgets and bound fields render templates)
- ORM/SQL: django.db, psycopg2
- session/auth: django.contrib.sessions, django.contrib.auth, the cache
  client (sessions are read from the cache), django_otp
- middleware: django.middleware, the other middleware packages (csp,
  whitenoise, django_htmx, axes) and ours
- our code: the project's own modules
- Django core: the rest (URL resolution, the handler, HttpResponse, the
  test client, Python)

--queries lists the SQL of one request of each page; --top lists the
functions with the most time of their own.
"""

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import HOST, ROOT, say  # noqa: E402

AREAS = ["template rendering", "ORM/SQL", "session/auth", "middleware", "our code", "Django core"]
# (fragment of a file path, area): the first match wins, most specific first.
AREA_PATHS = [
    ("/django/template/", "template rendering"),
    ("/django/templatetags/", "template rendering"),
    ("/django/forms/", "template rendering"),
    ("/django/db/", "ORM/SQL"),
    ("/psycopg2/", "ORM/SQL"),
    ("/django/contrib/sessions/", "session/auth"),
    ("/django/contrib/auth/", "session/auth"),
    ("/django/core/cache/", "session/auth"),
    ("/redis/", "session/auth"),
    ("/django_otp/", "session/auth"),
    ("/django/middleware/", "middleware"),
    ("/django/contrib/messages/", "middleware"),
    ("/csp/", "middleware"),
    ("/whitenoise/", "middleware"),
    ("/django_htmx/", "middleware"),
    ("/axes/", "middleware"),
    ("/accounts/middleware.py", "middleware"),
    ("/qontak_broadcast/middleware.py", "middleware"),
]
OWN_DIRS = ("accounts", "otp", "security_settings", "templates_app", "qontak_broadcast")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_stack_args(parser, database="qontak_bench_profile", redis_db=5)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page (and as many sampled)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per page first")
    parser.add_argument("--templates", type=int, default=1000, help="templates in the tenant whose list is read")
    parser.add_argument("--page", action="append", help="only these pages (bare, list, step1, step2, security)")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one request of each page")
    parser.add_argument("--top", type=int, default=0, help="print the N functions with the most own time per page")
    parser.add_argument("--interval", type=float, default=0.0002, help="pyinstrument's sampling interval (seconds)")
    return parser.parse_args()


def area_of(file_path: str | None) -> str | None:
    if not file_path:
        return None
    for fragment, area in AREA_PATHS:
        if fragment in file_path:
            return area
    if "site-packages" not in file_path and file_path.startswith(str(ROOT)):
        relative = Path(file_path).relative_to(ROOT).parts
        if relative and relative[0] in OWN_DIRS:
            return "our code"
    return None


def split_by_area(root) -> tuple[dict[str, float], Counter]:
    """Own time of every frame, given to the innermost frame of a known area on its stack."""
    areas: dict[str, float] = defaultdict(float)
    functions: Counter = Counter()
    stack = [(root, "Django core", "")]
    while stack:
        frame, inherited, caller = stack.pop()
        area = area_of(frame.file_path) or inherited
        # pyinstrument keeps a function's own time in a synthetic "[self]" child: it belongs to the caller.
        name = caller if frame.is_synthetic else f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
        own = frame.time - sum(child.time for child in frame.children)
        if own > 0:
            areas[area] += own
            functions[name] += own
        stack.extend((child, area, name) for child in frame.children)
    return areas, functions


class QueryLog:
    """Every SQL statement of the wrapped requests (works with DEBUG off, unlike connection.queries)."""

    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)


def main():
    args = parse_args()
    from pyinstrument import Profiler

    say("== Where a page's time goes: in-process, django.test.Client, production settings on PostgreSQL ==")
    with common.Stack("profile") as stack:
        _mail, _graph, _env, _ = stack.prepare(args)

        from django.db import connection
        from django.test import Client

        admin, agent, draft_id = common.page_data("Bench Profile", "profile.bench", args.templates)
        say(f"data: 1 organization, {args.templates} templates (half Pending), 1 admin, 1 agent")

        def client_for(user) -> Client:
            client = Client(SERVER_NAME=HOST)
            client.force_login(user)
            return client

        agent_client, admin_client = client_for(agent), client_for(admin)
        pages = [
            ("bare", "bare Django view", "/bench/bare/", agent_client, "ok"),
            ("list", "template list", "/broadcast/templates/", agent_client, "page_tpl_"),
            ("step1", "wizard step 1 (new)", "/broadcast/templates/new/", agent_client, "Template name"),
            (
                "step2",
                "wizard step 2 (content)",
                f"/broadcast/templates/{draft_id}/edit/?lang=en_US",
                agent_client,
                "Hello, your order",
            ),
            ("security", "security page", "/settings/security/", admin_client, "OTP Authentication"),
        ]
        if args.page:
            pages = [p for p in pages if p[0] in args.page or p[0] == "bare"]

        rows, details = [], []
        for _key, label, path, client, marker in pages:
            response = client.get(path)
            if response.status_code != 200 or marker not in response.content.decode():
                raise RuntimeError(f"{label} ({path}) is not the page: HTTP {response.status_code}")
            for _ in range(args.warmup):
                client.get(path)
            durations, cpu, counts = [], [], []
            for _ in range(args.requests):
                log = QueryLog()
                with connection.execute_wrapper(log):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    client.get(path)
                    durations.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                counts.append(len(log.statements))
            profiler = Profiler(interval=args.interval)
            profiler.start()
            for _ in range(args.requests):
                client.get(path)
            profiler.stop()
            areas, functions = split_by_area(profiler.last_session.root_frame())
            total = sum(areas.values()) or 1
            median_ms = statistics.median(durations) * 1000
            rows.append(
                [
                    label,
                    median_ms,
                    common.percentile(durations, 95) * 1000,
                    statistics.median(cpu) * 1000,
                    max(counts),
                    *[100 * areas.get(area, 0.0) / total for area in AREAS],
                ]
            )
            log = QueryLog()
            with connection.execute_wrapper(log):
                client.get(path)
            details.append((label, log.statements, functions))

        say("")
        say(
            common.table(
                ["page", "median ms", "p95 ms", "CPU ms", "queries", *[f"% {a}" for a in AREAS]],
                rows,
                title=f"{args.requests} requests per page (time), {args.requests} more sampled every "
                f"{args.interval * 1000:g} ms (areas, % of the sampled wall time; CPU ms: this process only, "
                "not PostgreSQL's or Redis's):",
            )
        )
        bare_ms = rows[0][1] if pages[0][0] == "bare" else float("nan")
        say("")
        for row in rows[1:]:
            say(f"  {row[0]}: {row[1]:.1f} ms, {common.ratio(bare_ms, row[1]):.3f} of the bare view's rate in-process")
        for label, statements, functions in details:
            if args.queries:
                say(f"\n{label}: {len(statements)} queries")
                for sql in statements:
                    say("  " + " ".join(sql.split())[:200])
            if args.top:
                say(f"\n{label}: functions with the most own time")
                own_total = sum(functions.values()) or 1
                for name, seconds in functions.most_common(args.top):
                    say(f"  {100 * seconds / own_total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
