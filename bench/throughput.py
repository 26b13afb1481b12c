#!/usr/bin/env python
"""Page throughput under gunicorn: requests/s and p95 of the product's pages next to a bare Django view.

    .venv/bin/python bench/throughput.py [--duration 10] [--rounds 2] [--connections 8] [--templates 1000]

Starts its own stack (PostgreSQL database qontak_bench_pages, Redis db 7,
gunicorn with DEBUG off), logs an agent and an admin in through the login
form and drives each page with wrk (Debian's `wrk`; `apt-get install -y wrk`,
or pass --install-wrk) using their session cookie. On a 2-core machine
gunicorn is pinned to core 0 and wrk to core 1 (taskset), so the load
generator does not take the server's CPU; PostgreSQL and Redis are not
pinned. Rounds interleave the pages, so every page and the bare view see
the same machine; each figure is the median over the rounds, and the ratio
is against the bare view of the same run: signed in (what every page of a
signed-in person pays before its own work: session, user, memberships,
language and time zone) and signed out (the framework's floor).
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import HOST, say  # noqa: E402

WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0 end
function response(status, headers, body) if status ~= 200 then non200 = non200 + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non200") or 0) end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "non200": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, bad, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_stack_args(parser, database="qontak_bench_pages", redis_db=7)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page per round")
    parser.add_argument("--warmup", type=int, default=2, help="untimed seconds of wrk before each measurement")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over all pages (interleaved)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--server-cpus", default="0", help="taskset cores for gunicorn ('' = no pinning)")
    parser.add_argument("--wrk-cpus", default="1", help="taskset cores for wrk ('' = no pinning)")
    parser.add_argument("--templates", type=int, default=1000, help="templates in the tenant whose list is read")
    parser.add_argument("--install-wrk", action="store_true", help="apt-get install -y wrk when it is missing")
    args = parser.parse_args()
    if not 1 <= args.duration <= 60 or not 1 <= args.rounds <= 5 or not 1 <= args.connections <= 64:
        parser.error("keep --duration 1-60, --rounds 1-5, --connections 1-64")
    return args


def ensure_wrk(install: bool) -> str:
    path = shutil.which("wrk")
    if path:
        return path
    if install:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, timeout=300)
        path = shutil.which("wrk")
        if path:
            return path
    sys.exit("wrk is missing: apt-get install -y wrk (Debian's package), or run with --install-wrk")


def run_wrk(wrk: str, url: str, cookie: str, *, seconds: int, connections: int, cpus: str, lua: Path) -> dict:
    argv = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(lua), url]
    if cookie:
        argv[1:1] = ["-H", f"Cookie: {cookie}"]
    if cpus:
        argv = ["taskset", "-c", cpus, *argv]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    for line in result.stdout.splitlines():
        if line.startswith("WRKJSON "):
            data = json.loads(line[len("WRKJSON ") :])
            data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
            return data
    raise RuntimeError(f"wrk gave no figures for {url}:\n{result.stdout}\n{result.stderr}")


def main():
    args = parse_args()
    wrk = ensure_wrk(args.install_wrk)
    say("== Page throughput: gunicorn + PostgreSQL + Redis, DEBUG off ==")
    with common.Stack("throughput") as stack:
        mail, graph, env, _ = stack.prepare(args)

        admin, agent, draft_id = common.page_data("Bench Pages", "pages.bench", args.templates)
        say(f"data: 1 organization, {args.templates} templates (half Pending), 1 admin, 1 agent")

        port = common.free_port()
        base = f"http://{HOST}:{port}"
        server = stack.gunicorn(env, port=port, workers=args.gunicorn_workers, cpus=args.server_cpus or None)
        say(f"gunicorn's workers warmed up (the screen's model) in {common.wait_idle(server):.0f} s")
        say(
            f"gunicorn: {args.gunicorn_workers} sync workers on core(s) {args.server_cpus or 'any'}; "
            f"wrk: 1 thread, {args.connections} connections on core(s) {args.wrk_cpus or 'any'}; "
            "PostgreSQL and Redis unpinned"
        )
        agent_session = common.login(base, agent.email)
        admin_session = common.login(base, admin.email)
        agent_cookie, admin_cookie = common.cookie_header(agent_session), common.cookie_header(admin_session)

        import requests

        pages = [
            # The framework's floor: no session, so no session, user or membership is read.
            ("bare view, signed out", "/bench/bare/", "", requests.Session(), "ok"),
            # Every signed-in request: session, user, memberships, language, time zone.
            ("bare Django view", "/bench/bare/", agent_cookie, agent_session, "ok"),
            ("template list", "/broadcast/templates/", agent_cookie, agent_session, "page_tpl_"),
            ("wizard step 1 (new)", "/broadcast/templates/new/", agent_cookie, agent_session, "Template name"),
            (
                "wizard step 2 (content)",
                f"/broadcast/templates/{draft_id}/edit/?lang=en_US",
                agent_cookie,
                agent_session,
                "Hello, your order",
            ),
            ("security page", "/settings/security/", admin_cookie, admin_session, "OTP Authentication"),
        ]
        for label, path, _cookie, session, marker in pages:
            response = session.get(base + path, allow_redirects=False, timeout=30)
            if response.status_code != 200 or marker not in response.text:
                raise RuntimeError(f"{label} ({path}) is not the page: HTTP {response.status_code}")
        say("every page answers 200 with its content for the logged-in user (checked before wrk)")

        lua = stack.dir / "report.lua"
        lua.write_text(WRK_LUA)
        results: dict[str, list[dict]] = {label: [] for label, *_ in pages}
        for round_no in range(1, args.rounds + 1):
            for label, path, cookie, _session, _marker in pages:
                stack.check_alive()
                run_wrk(
                    wrk,
                    base + path,
                    cookie,
                    seconds=args.warmup,
                    connections=args.connections,
                    cpus=args.wrk_cpus,
                    lua=lua,
                )
                figures = run_wrk(
                    wrk,
                    base + path,
                    cookie,
                    seconds=args.duration,
                    connections=args.connections,
                    cpus=args.wrk_cpus,
                    lua=lua,
                )
                results[label].append(figures)
                say(
                    f"  round {round_no} {label:<26} {figures['rps']:8.1f} req/s"
                    f"  p95 {figures['p95_us'] / 1000:7.1f} ms"
                    f"  non-200 {figures['non200']}  socket errors {figures['socket_errors']}"
                )

        def med(label, key):
            return statistics.median(r[key] for r in results[label])

        bare_rps, bare_p95 = med("bare Django view", "rps"), med("bare Django view", "p95_us")
        floor_rps = med("bare view, signed out", "rps")
        rows = []
        for label, *_ in pages:
            rps, p50, p95 = med(label, "rps"), med(label, "p50_us") / 1000, med(label, "p95_us") / 1000
            bad = sum(r["non200"] + r["socket_errors"] for r in results[label])
            rows.append(
                [
                    label,
                    rps,
                    p50,
                    p95,
                    common.ratio(rps, bare_rps),
                    common.ratio(p95 * 1000, bare_p95),
                    common.ratio(rps, floor_rps),
                    bad,
                ]
            )
        say("")
        say(
            common.table(
                ["page", "req/s", "p50 ms", "p95 ms", "req/s / bare", "p95 / bare", "req/s / signed out", "errors"],
                rows,
                title=f"Median of {args.rounds} rounds of {args.duration}s, {args.connections} connections "
                f"({args.templates} templates in the tenant):",
            )
        )
        errors = sum(r[-1] for r in rows)
        say(f"\nnon-200 answers and socket errors in all runs: {errors}")
        return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
