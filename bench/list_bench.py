#!/usr/bin/env python
"""Template list benchmark: one tenant with a million templates, on PostgreSQL.

    .venv/bin/python bench/list_bench.py [--templates 1000000] [--other-orgs 3 --other-templates 100000]
                                         [--requests 50] [--keep | --drop] [--refill] [--fill-only]

Fills its own database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/qontak_bench; the name must contain
"bench") with one big organization, a few others beside it and one with ten
templates, then times the template list (first page, a deep page, each
filter, searches) in-process with django.test.Client, next to baselines
measured in the same run and interleaved with it: a bare Django view, a bare
view running one tiny query, the ten-template tenant's list, and the Django
admin changelist of the same table. See bench/README.md for how to read it.
"""

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/qontak_bench"

BIG_ORG = "Bench Big (1M)"
SMALL_ORG = "Bench Ten"
OTHER_ORG = "Bench Other {}"
SMALL_TEMPLATES = 10
PER_PAGE_ADMIN = 100  # Django admin's default list_per_page

# Value mixes of the generated templates (weights, not necessarily summing to 1).
STATUSES = [
    ("approved", 55),
    ("pending", 15),
    ("draft", 10),
    ("rejected", 8),
    ("paused", 5),
    ("disabled", 4.5),
    ("submitting", 2),
    ("failed", 0.5),
]
CATEGORIES = [("MARKETING", 60), ("UTILITY", 40)]
LANGUAGE_SETS = [
    ('["en_US"]', 50),
    ('["id"]', 20),
    ('["en_US", "id"]', 15),
    ('["en"]', 5),
    ('["en_GB", "en_US"]', 4),
    ('["ms"]', 3),
    ('["zh_CN", "en_US"]', 2),
    ('["th"]', 0.7),
    ('["ja"]', 0.3),
]
NAME_PREFIXES = [
    ("promo_", 40),
    ("order_update_", 30),
    ("otp_reminder_", 10),
    ("welcome_", 10),
    ("cart_abandon_", 5),
    ("payment_due_", 5),
]
BIG_ACCOUNT_WEIGHTS = [40, 25, 15, 10, 7, 3]
OTHER_ACCOUNT_WEIGHTS = [60, 30, 10]
BIG_CREATORS = 20
OTHER_CREATORS = 5
SPAN_DAYS = 3 * 365  # created_at spread over the last three years
CLUMP_EVERY, CLUMP_SIZE = 1000, 20  # 2% of rows come in bulk imports sharing one timestamp


# --- arguments and environment (before Django is set up) ---------------------------
def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--templates", type=int, default=1_000_000, help="templates of the big organization")
    parser.add_argument("--other-orgs", type=int, default=3, help="other organizations beside it")
    parser.add_argument("--other-templates", type=int, default=100_000, help="templates of each other organization")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--deep", type=int, default=900_000, help="rows above the deep page")
    parser.add_argument(
        "--flat-ratio", type=float, default=2.0, help="verdict: a page is flat within this x of the ten-template tenant"
    )
    keep = parser.add_mutually_exclusive_group()
    keep.add_argument("--keep", action="store_true", help="keep the bench database afterwards (the default)")
    keep.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    parser.add_argument("--refill", action="store_true", help="throw the generated templates away and fill again")
    parser.add_argument("--fill-only", action="store_true", help="create, migrate and fill, then stop")
    return parser.parse_args()


def database_parts(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
        sys.exit(f"BENCH_DATABASE_URL must be a PostgreSQL URL, not {parts.scheme!r}.")
    name = unquote(parts.path.lstrip("/"))
    # Never touch the app's or the test suite's databases: only one named for the bench.
    if not name or "bench" not in name or name == "qontak_broadcast" or name.startswith("test_"):
        sys.exit(f"Refusing database {name!r}: the bench database's name must contain 'bench' (and not be a test one).")
    return {
        "dbname": name,
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": unquote(parts.username) if parts.username else "postgres",
        "password": unquote(parts.password) if parts.password else None,
    }


def maintenance_connection(db: dict):
    import psycopg2

    conn = psycopg2.connect(
        host=db["host"], port=db["port"], user=db["user"], password=db["password"], dbname="postgres"
    )
    conn.autocommit = True
    return conn


def ensure_database(db: dict) -> bool:
    conn = maintenance_connection(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["dbname"]])
            if cur.fetchone():
                return False
            cur.execute(f'CREATE DATABASE "{db["dbname"]}"')
            return True
    finally:
        conn.close()


def drop_database(db: dict) -> None:
    conn = maintenance_connection(db)
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{db["dbname"]}"')
    finally:
        conn.close()


def configure_environment(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"  # production-like: no query log, cached templates, manifest static files
    os.environ["SECRET_KEY"] = "bench-only-secret-key-not-for-production-0123456789abcdefghijklmnop"
    os.environ["ALLOWED_HOSTS"] = "*"
    os.environ["CONN_MAX_AGE"] = "3600"  # persistent connection for the whole run, as in production
    os.environ["LOG_LEVEL"] = "WARNING"
    # Self-contained: no broker, cache or SMTP from the caller's environment.
    for key in ("REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
        os.environ[key] = ""
    os.environ["EMAIL_HOST"] = "127.0.0.1"  # DEBUG off needs SMTP configured; the list bench sends no mail
    os.environ["DJANGO_SETTINGS_MODULE"] = "qontak_broadcast.settings"
    sys.path.insert(0, str(ROOT))


# --- filling --------------------------------------------------------------------------
def weighted_case(expr: str, pairs: list[tuple[str, float]]) -> str:
    if len(pairs) == 1:
        return pairs[0][0]
    total = sum(weight for _, weight in pairs)
    acc, branches = 0.0, []
    for value, weight in pairs[:-1]:
        acc += weight / total
        branches.append(f"WHEN {expr} < {acc:.6f} THEN {value}")
    return f"CASE {' '.join(branches)} ELSE {pairs[-1][0]} END"


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def org_select(
    *,
    org_id: int,
    count: int,
    account_ids: list[int],
    account_weights: list[int],
    creator_ids: list[int],
    name_base: int,
) -> str:
    """A SELECT producing `count` template rows of one organization, generated inside PostgreSQL."""
    step = SPAN_DAYS * 86400 / count  # seconds between consecutive templates
    statuses = weighted_case("r_status", [(quoted(v), w) for v, w in STATUSES])
    categories = weighted_case("r_cat", [(quoted(v), w) for v, w in CATEGORIES])
    languages = weighted_case("r_lang", [(quoted(v) + "::jsonb", w) for v, w in LANGUAGE_SETS])
    accounts = weighted_case("r_acct", [(str(a), w) for a, w in zip(account_ids, account_weights, strict=True)])
    prefixes = weighted_case("r_name", [(quoted(v), w) for v, w in NAME_PREFIXES])
    creators = "ARRAY[" + ",".join(map(str, creator_ids)) + "]"
    # Newest template is n = count; rows of a bulk import share the exact same timestamp.
    created = (
        f"now() - interval '{SPAN_DAYS} days' + make_interval(secs => "
        f"CASE WHEN mod(n, {CLUMP_EVERY}) < {CLUMP_SIZE} THEN (n - mod(n, {CLUMP_EVERY})) * {step:.6f} "
        f"ELSE (n + r_jit * 2) * {step:.6f} END)"
    )
    return f"""
    SELECT organization_id, channel_account_id, name, category, status, created_by_id,
           created_at,
           created_at + r_upd * interval '3 days' AS updated_at,
           CASE WHEN status <> 'draft' THEN created_by_id END AS submitted_by_id,
           CASE WHEN status <> 'draft' THEN created_at + interval '1 hour' END AS submitted_at,
           CASE WHEN status <> 'draft' THEN md5(name) || md5(name || '/') ELSE '' END AS content_digest,
           CASE WHEN status = 'rejected' THEN 'INVALID_FORMAT (Invalid format)' ELSE '' END AS status_reason,
           CASE WHEN status IN ('approved', 'paused') THEN CASE WHEN r_upd < 0.7 THEN 'high' ELSE 'medium' END
                ELSE '' END AS quality,
           '' AS provider_category,
           CASE WHEN status = 'draft' THEN 0 ELSE 1 END AS submit_attempts,
           NULL::timestamptz AS claimed_at,
           languages,
           FALSE AS imported
    FROM (
        SELECT {org_id} AS organization_id,
               {accounts} AS channel_account_id,
               {prefixes} || ({name_base} + n)::text AS name,
               {categories} AS category,
               {statuses} AS status,
               ({creators})[1 + floor({len(creator_ids)} * r_creator * r_creator)::int] AS created_by_id,
               {created} AS created_at,
               r_upd,
               {languages} AS languages
        FROM (
            SELECT n, random() AS r_status, random() AS r_cat, random() AS r_lang, random() AS r_acct,
                   random() AS r_creator, random() AS r_name, random() AS r_jit, random() AS r_upd
            FROM generate_series(1, {count}) AS n
        ) AS g
    ) AS t"""


TEMPLATE_COLUMNS = (
    "organization_id, channel_account_id, name, category, status, created_by_id, created_at, updated_at, "
    "submitted_by_id, submitted_at, content_digest, status_reason, quality, provider_category, "
    "submit_attempts, claimed_at, languages, imported"
)


def setup_tenants(args):
    """Organizations, channel accounts, members (ORM: a few dozen rows). Returns the plan of the fill."""
    from accounts.models import ChannelAccount, Membership, Organization, Role, User

    def org_with(name, n_accounts, n_creators, slug):
        org, _ = Organization.objects.get_or_create(name=name)
        accounts = list(ChannelAccount.objects.filter(organization=org).order_by("id"))
        for i in range(len(accounts), n_accounts):
            accounts.append(
                ChannelAccount.objects.create(
                    organization=org, display_name=f"{slug} WA {i + 1}", phone_number=f"+6281{org.pk:03d}{i:05d}"
                )
            )
        creators = []
        for i in range(n_creators):
            user = User.objects.filter(email=f"{slug}-agent{i + 1}@bench.test").first() or User.objects.create_user(
                f"{slug}-agent{i + 1}@bench.test", full_name=f"{slug} agent {i + 1}"
            )  # no password: unusable, and no slow hashing
            Membership.objects.get_or_create(user=user, organization=org, defaults={"role": Role.AGENT})
            creators.append(user)
        return org, accounts[:n_accounts], creators

    plan = []
    big, big_accounts, big_creators = org_with(BIG_ORG, len(BIG_ACCOUNT_WEIGHTS), BIG_CREATORS, "big")
    plan.append((big, args.templates, big_accounts, BIG_ACCOUNT_WEIGHTS, big_creators, 0))
    for i in range(args.other_orgs):
        org, accounts, creators = org_with(
            OTHER_ORG.format(i + 1), len(OTHER_ACCOUNT_WEIGHTS), OTHER_CREATORS, f"other{i + 1}"
        )
        plan.append((org, args.other_templates, accounts, OTHER_ACCOUNT_WEIGHTS, creators, 10_000_000 * (i + 1)))
    small, small_accounts, small_creators = org_with(SMALL_ORG, 1, 2, "ten")
    plan.append((small, SMALL_TEMPLATES, small_accounts, [1], small_creators, 90_000_000))

    def member(email, org, **extra):
        user = User.objects.filter(email=email).first() or User.objects.create_user(email, **extra)
        if org is not None:
            Membership.objects.get_or_create(user=user, organization=org, defaults={"role": Role.ADMIN})
        return user

    admin = member("big-admin@bench.test", big, full_name="Big admin")
    small_admin = member("ten-admin@bench.test", small, full_name="Ten admin")
    superuser = member("operator@bench.test", None, is_staff=True, is_superuser=True)
    return plan, admin, small_admin, superuser


def fill(plan, refill: bool) -> str:
    from django.db import connection, transaction

    from templates_app.models import Template

    wanted = {org.pk: count for org, count, *_ in plan}
    with connection.cursor() as cur:
        cur.execute("SELECT organization_id, count(*) FROM templates_app_template GROUP BY organization_id")
        have = dict(cur.fetchall())
    if have == wanted and not refill:
        return "already there (fill skipped; --refill to regenerate)"
    started = time.perf_counter()
    selects = [
        org_select(
            org_id=org.pk,
            count=count,
            account_ids=[a.pk for a in accounts],
            account_weights=weights,
            creator_ids=[u.pk for u in creators],
            name_base=name_base,
        )
        for org, count, accounts, weights, creators, name_base in plan
    ]
    with transaction.atomic(), connection.cursor() as cur:
        # Only bench rows live here; contents, submissions and events go with them.
        cur.execute("TRUNCATE templates_app_template RESTART IDENTITY CASCADE")
        cur.execute("SET LOCAL work_mem = '256MB'")
        cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cur.execute("SELECT setseed(0.42)")
        # All organizations in one INSERT, ordered by time: ids grow with created_at and the
        # tenants' rows interleave on disk, as they would after years of use.
        cur.execute(
            f"INSERT INTO templates_app_template ({TEMPLATE_COLUMNS}) "
            f"SELECT * FROM ({' UNION ALL '.join(selects)}) AS u ORDER BY created_at, organization_id"
        )
    inserted = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("VACUUM (ANALYZE) templates_app_template")  # what autovacuum would have done by now
        cur.execute("ANALYZE")
    total = Template.objects.count()
    vacuumed = time.perf_counter() - started - inserted
    return f"filled {total:,} templates in {inserted:.0f} s (+ VACUUM ANALYZE {vacuumed:.0f} s)"


# --- measuring --------------------------------------------------------------------------
def install_bench_urls():
    """A bench-only URLconf: the project's URLs plus two bare views (baselines)."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    import qontak_broadcast.urls as project_urls
    from templates_app.models import Template

    def bare(request):
        return HttpResponse("ok")

    def bare_query(request):
        return HttpResponse("ok" if Template.objects.filter(pk=1).exists() else "none")

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bench/bare/", bare),
        path("bench/bare-query/", bare_query),
        *project_urls.urlpatterns,
    ]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    clear_url_caches()


def collect_static(tmpdir: str) -> None:
    """DEBUG off serves manifest static files, as production does: collect them to a temporary place."""
    from django.conf import settings
    from django.core.management import call_command

    settings.STATIC_ROOT = tmpdir
    call_command("collectstatic", interactive=False, verbosity=0)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest rank


class Page:
    def __init__(self, name, client, url, kind, row_marker=None, explain=False):
        self.name, self.client, self.url, self.kind = name, client, url, kind
        self.row_marker, self.explain = row_marker, explain
        self.samples: list[float] = []
        self.queries: list[str] = []
        self.rows: int | None = None

    def get(self):
        response = self.client.get(self.url)
        if response.status_code != 200:
            raise SystemExit(f"{self.name}: {self.url} answered {response.status_code}")
        return response


def build_pages(args, plan, admin, small_admin, superuser) -> list[Page]:
    from django.test import Client

    from templates_app.models import Status, Template
    from templates_app.selectors import _cursor_encode

    big, _, big_accounts, _, big_creators, _ = plan[0]
    member, small, su = Client(), Client(), Client()
    member.force_login(admin)
    small.force_login(small_admin)
    su.force_login(superuser)
    # /admin/ also wants the operator's authenticator code: sign the session in with a TOTP device, as
    # django_otp.login does after a right code.
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=superuser).first() or TOTPDevice.objects.create(
        user=superuser, name="bench", confirmed=True
    )
    session = su.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    rows = Template.objects.filter(organization=big).order_by("-created_at", "-id")

    def cursor_at(queryset, depth):
        depth = max(0, min(depth, queryset.count() - 30))
        created_at, pk = queryset.values_list("created_at", "id")[depth]
        return _cursor_encode(Template(pk=pk, created_at=created_at)), depth

    deep_cursor, deep = cursor_at(rows, args.deep)
    approved = rows.filter(status=Status.APPROVED)
    approved_cursor, approved_deep = cursor_at(approved, int(approved.count() * 0.9))
    # A rare name: one row, and no other name contains it (names of the big tenant have <= 7 digits).
    rare = (
        rows.filter(name__startswith="order_update_")
        .order_by("id")
        .values_list("name", flat=True)[int(args.templates * 0.3 * 0.7)]
        if args.templates > 10
        else rows.values_list("name", flat=True)[0]
    )
    small_account = big_accounts[-1].pk  # the least used account (3%)
    rare_creator = big_creators[-1].pk  # the least active creator (~1%)
    admin_deep_page = min(deep // PER_PAGE_ADMIN + 1, max(1, Template.objects.count() // PER_PAGE_ADMIN))

    L, A = 'data-template="', 'name="_selected_action"'
    lst = "/broadcast/templates/"
    adm = "/admin/templates_app/template/"
    return [
        Page("bare view (no query)", member, "/bench/bare/", "base"),
        Page("bare view + 1 query", member, "/bench/bare-query/", "base"),
        Page(f"list, {SMALL_TEMPLATES}-template tenant", small, lst, "base", L),
        Page("list first page", member, lst, "list", L, explain=True),
        Page(f"list deep page ({deep:,} rows in)", member, f"{lst}?cursor={deep_cursor}", "list", L, explain=True),
        Page("status=approved (55%)", member, f"{lst}?status=approved", "list", L, explain=True),
        Page("status=failed (0.5%)", member, f"{lst}?status=failed", "list", L, explain=True),
        Page("category=UTILITY (40%)", member, f"{lst}?category=UTILITY", "list", L, explain=True),
        Page("language=id (35%)", member, f"{lst}?language=id", "list", L, explain=True),
        Page("language=ja (0.3%)", member, f"{lst}?language=ja", "list", L, explain=True),
        Page("account=least used (3%)", member, f"{lst}?account={small_account}", "list", L, explain=True),
        Page("created_by=rare (~1%)", member, f"{lst}?created_by={rare_creator}", "list", L, explain=True),
        Page(f"search rare '{rare}'", member, f"{lst}?q={rare}", "list", L, explain=True),
        Page("search common 'promo' (40%)", member, f"{lst}?q=promo", "list", L, explain=True),
        Page("search medium 'welcome_12'", member, f"{lst}?q=welcome_12", "list", L, explain=True),
        Page("search no match 'zzz_nothing'", member, f"{lst}?q=zzz_nothing", "list", L, explain=True),
        Page("status=approved + q=promo_12", member, f"{lst}?status=approved&q=promo_12", "list", L, explain=True),
        Page("language=ja + q=order", member, f"{lst}?language=ja&q=order", "list", L, explain=True),
        Page(
            f"approved, deep ({approved_deep:,} in)",
            member,
            f"{lst}?status=approved&cursor={approved_cursor}",
            "list",
            L,
            explain=True,
        ),
        Page("admin changelist", su, adm, "admin", A, explain=True),
        Page(f"admin search '{rare}'", su, f"{adm}?q={rare}", "admin", A, explain=True),
        Page(f"admin deep ?p={admin_deep_page}", su, f"{adm}?p={admin_deep_page}", "admin", A, explain=True),
    ]


def capture(pages: list[Page]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        with CaptureQueriesContext(connection) as ctx:
            response = page.get()
        page.queries = [q["sql"] for q in ctx.captured_queries]
        if page.row_marker:
            page.rows = response.content.decode().count(page.row_marker)


def measure(pages: list[Page], requests: int, warmup: int) -> None:
    for _ in range(warmup):
        for page in pages:
            page.get()
    # Interleaved rounds: noise of the machine falls on every page alike.
    for _ in range(requests):
        for page in pages:
            started = time.perf_counter()
            page.get()
            page.samples.append((time.perf_counter() - started) * 1000)


# --- EXPLAIN --------------------------------------------------------------------------
def walk(node):
    yield node
    for child in node.get("Plans", []):
        yield from walk(child)


def explain_summary(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cur:
        # TIMING OFF: per-node clocks would inflate the total; the plan's shape and row counts stay exact.
        cur.execute("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) " + sql)
        raw = cur.fetchone()[0]
    doc = (json.loads(raw) if isinstance(raw, str) else raw)[0]
    plan = doc["Plan"]
    parts = []
    for node in walk(plan):
        kind = node["Node Type"]
        on_template = node.get("Relation Name") == "templates_app_template" or str(
            node.get("Index Name", "")
        ).startswith(("template_", "templates_app_template"))
        if (
            kind in ("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Bitmap Index Scan")
            and on_template
        ):
            text = kind + (f" {node['Index Name']}" if node.get("Index Name") else "")
            text += f" rows={node['Actual Rows'] * node.get('Actual Loops', 1):,} (est {node['Plan Rows']:,})"
            removed = node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
            if removed:
                text += f" removed={removed * node.get('Actual Loops', 1):,}"
            parts.append(text)
        elif kind in ("Sort", "Incremental Sort"):
            parts.append(f"{kind} ({node.get('Sort Method', '?')})")
        elif kind == "Gather":
            parts.append(f"Gather ({node.get('Workers Launched', 0)} workers)")
    buffers = plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
    return f"{doc['Execution Time']:8.2f} ms  {plan['Node Type']}: " + " > ".join(parts) + f"  [{buffers:,} buffers]"


def main_queries(page: Page) -> list[str]:
    """The page's queries that read the template table itself (not its joins)."""
    return [sql for sql in page.queries if re.search(r'FROM "templates_app_template"', sql)]


# --- report -----------------------------------------------------------------------------
def machine_facts(plan) -> list[str]:
    from django import get_version
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
        cur.execute(
            "SELECT name, setting, unit FROM pg_settings WHERE name IN "
            "('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit') ORDER BY name"
        )
        pg_settings = ", ".join(f"{n}={s}{'×' + u if u else ''}" for n, s, u in cur.fetchall())
        cur.execute(
            "SELECT count(*), pg_size_pretty(pg_relation_size('templates_app_template')), "
            "pg_size_pretty(pg_indexes_size('templates_app_template')) FROM templates_app_template"
        )
        total, heap, indexes = cur.fetchone()
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration):
        pass
    tenants = ", ".join(f"{org.name}: {count:,}" for org, count, *_ in plan)
    return [
        f"machine: {os.cpu_count()} CPUs ({cpu}), {mem} RAM; "
        f"Python {platform.python_version()}, Django {get_version()}",
        f"PostgreSQL {pg} ({pg_settings})",
        f"rows: {total:,} templates ({tenants}); table {heap}, its indexes {indexes}",
    ]


def report(args, pages: list[Page], facts: list[str], fill_note: str) -> None:
    bare = statistics.median(pages[0].samples)
    ten = statistics.median(next(p for p in pages if p.name.startswith("list,")).samples)
    print()
    print(
        f"Qontak Broadcast template list bench — {args.requests} timed requests per page after {args.warmup} warm-up, "
        f"interleaved, in-process (django.test.Client, DEBUG off)"
    )
    for line in facts:
        print(line)
    print(f"data: {fill_note}")
    print()
    header = f"{'page':<44} {'median ms':>9} {'p95 ms':>8} {'x bare':>7} {'x ten':>6} {'queries':>7} {'rows':>5}"
    print(header)
    print("-" * len(header))
    for page in pages:
        median = statistics.median(page.samples)
        rows = "" if page.rows is None else str(page.rows)
        print(
            f"{page.name[:44]:<44} {median:9.2f} {p95(page.samples):8.2f} {median / bare:7.1f} "
            f"{median / ten:6.1f} {len(page.queries):7d} {rows:>5}"
        )
    print()
    print(
        "x bare: median / median of the bare view (no query); x ten: median / median of the "
        f"{SMALL_TEMPLATES}-template tenant's list (same page, tiny tenant)."
    )
    print()
    print(
        "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) of each page's queries on templates_app_template: execution time, "
        "plan (rows = rows a node produced, est = planner's estimate, removed = rows read and thrown away by a "
        "filter or recheck), buffers touched:"
    )
    for page in pages:
        if not page.explain:
            continue
        for sql in main_queries(page):
            label = page.name if "COUNT(" not in sql.upper() else page.name + " [count]"
            print(f"  {label[:44]:<44} {explain_summary(sql)}")
    print()
    slow = [
        (p.name, statistics.median(p.samples) / ten)
        for p in pages
        if p.kind == "list" and statistics.median(p.samples) / ten > args.flat_ratio
    ]
    n_list = sum(p.kind == "list" for p in pages)
    admin = {p.name: statistics.median(p.samples) / ten for p in pages if p.kind == "admin"}
    worst = max((statistics.median(p.samples) for p in pages if p.kind == "list"), default=0)
    if slow:
        listing = "; ".join(f"{name} {ratio:.1f}x" for name, ratio in slow)
        verdict = (
            f"VERDICT: {n_list - len(slow)} of {n_list} list pages of the {args.templates:,}-template tenant are "
            f"within {args.flat_ratio:g}x of the {SMALL_TEMPLATES}-template tenant; NOT flat: {listing}."
        )
    else:
        verdict = (
            f"VERDICT: all {n_list} list pages of the {args.templates:,}-template tenant are within "
            f"{args.flat_ratio:g}x of the {SMALL_TEMPLATES}-template tenant (slowest median {worst:.1f} ms)."
        )
    verdict += " Admin changelist: " + ", ".join(f"{n} {r:.1f}x" for n, r in admin.items()) + "."
    print(verdict)


def main():
    args = parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    db = database_parts(url)
    created = ensure_database(db)
    print(
        f"database {db['dbname']} on {db['host']}:{db['port']}" + (" (created)" if created else " (exists)"), flush=True
    )
    configure_environment(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
    print(f"migrated in {time.perf_counter() - started:.1f} s", flush=True)
    plan, admin, small_admin, superuser = setup_tenants(args)
    print("filling ...", flush=True)
    fill_note = fill(plan, args.refill)
    print(fill_note, flush=True)
    if args.fill_only:
        connections.close_all()
        return

    static_dir = tempfile.mkdtemp(prefix="qontak-bench-static-")
    try:
        collect_static(static_dir)
        install_bench_urls()
        pages = build_pages(args, plan, admin, small_admin, superuser)
        capture(pages)
        print(f"measuring {len(pages)} pages x {args.requests} requests ...", flush=True)
        measure(pages, args.requests, args.warmup)
        report(args, pages, machine_facts(plan), fill_note)
    finally:
        shutil.rmtree(static_dir, ignore_errors=True)
        connections.close_all()
        if args.drop:
            drop_database(db)
            print(f"dropped database {db['dbname']}")


if __name__ == "__main__":
    main()
