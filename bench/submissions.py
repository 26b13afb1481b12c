#!/usr/bin/env python
"""10,000 template submissions through Celery + Redis: none lost, none sent twice, throughput vs a no-op task.

    .venv/bin/python bench/submissions.py [--templates 10000] [--via bulk|service] [--concurrency 2] [--workers 1]

Starts its own stack (PostgreSQL database qontak_bench_submissions, Redis
db 9, a fake Graph API on localhost that records every create request by
name and language) and a meta channel account pointed at the fake, with
SUBMISSIONS_PER_HOUR set out of the way. Then, with the same worker command
(`celery -A qontak_broadcast worker -Q submissions,email -c 2`, plus
`-I bench.noop_tasks` for the baseline):

1. baseline: N no-op tasks queued on `submissions` while no worker runs;
   the worker starts; time from "ready" to the N-th done;
2. N drafts created in bulk, submitted (see --via), all queued while no
   worker runs; the worker starts; time from "ready" to all N Pending;
3. the accounting: every template Pending with exactly one Submission row,
   the fake received exactly N creates, no name+language twice, the queue
   empty.

--via bulk (default) freezes the drafts as Submitting in bulk (with their
content digest and status event, what template_submit writes) and queues
templates_app.tasks.send_to_provider for each id; --via service calls
templates_app.services.template_submit for each draft (the real path, one
transaction each, slower to queue). Either way the worker runs the real
task: claim, provider call over HTTP, Submission row, status aggregation.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import say  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_stack_args(parser, database="qontak_bench_submissions", redis_db=9)
    parser.add_argument("--templates", type=int, default=10_000, help="submissions (and no-op tasks)")
    parser.add_argument("--via", choices=["bulk", "service"], default="bulk", help="how the drafts are submitted")
    parser.add_argument("--workers", type=int, default=1, help="worker processes")
    parser.add_argument("--concurrency", type=int, default=2, help="-c of each worker (prefork)")
    parser.add_argument("--timeout", type=int, default=240, help="max seconds to wait for each phase to finish")
    parser.add_argument("--provider-delay", type=float, default=0.0, help="seconds the fake Graph API takes per call")
    args = parser.parse_args()
    if not 1 <= args.templates <= 200_000 or not 1 <= args.workers <= 4 or not 1 <= args.concurrency <= 16:
        parser.error("keep --templates 1-200000, --workers 1-4, --concurrency 1-16")
    return args


def start_workers(stack, env, args) -> tuple[list, float]:
    procs, readies = [], []
    for n in range(args.workers):
        proc = stack.spawn(
            f"worker-{n}",
            [
                str(common.BIN / "celery"),
                "-A",
                "qontak_broadcast",
                "worker",
                "-Q",
                "submissions,email",
                "-c",
                str(args.concurrency),
                "-n",
                f"bench{n}@%h",
                "-I",
                "bench.noop_tasks",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env,
        )
        procs.append(proc)
    for proc in procs:
        readies.append(common.wait_log(proc, " ready.", timeout=60, stack=stack))
    return procs, min(readies)


def wait_until(done, *, timeout: float, stack, label: str, poll: float = 0.1) -> float:
    """Poll `done()` (returns (finished, progress)) until finished; bounded in time and by stalls."""
    deadline = time.monotonic() + timeout
    last_progress, last_change = None, time.monotonic()
    while True:
        finished, progress = done()
        now = time.monotonic()
        if finished:
            return now
        if progress != last_progress:
            last_progress, last_change = progress, now
        if now > deadline or now - last_change > 60:
            raise TimeoutError(f"{label}: stopped at {progress} after {timeout}s (or 60s without progress)")
        stack.check_alive()
        time.sleep(poll)


def main():
    args = parse_args()
    n = args.templates
    say(f"== {n:,} submissions through Celery + Redis vs {n:,} no-op tasks ==")
    with common.Stack("submissions") as stack:
        mail, graph, env, app = stack.prepare(args, provider_delay=args.provider_delay, static=False)

        import redis
        from django.db.models import Count

        from templates_app.models import Status, StatusEvent, Submission, Template

        r = redis.Redis.from_url(args.redis_url)
        org, account = common.make_org("Bench Submissions")
        agent = common.make_users(org, "agent", ["agent@submissions.bench"])[0]
        say(
            f"workers: {args.workers} x `celery -A qontak_broadcast worker -Q submissions,email "
            f"-c {args.concurrency}` (prefork, -I bench.noop_tasks); fake Graph API {args.provider_delay}s per call"
        )

        # 1. baseline: no-op tasks.
        t = time.monotonic()
        with app.producer_or_acquire() as producer:
            for i in range(n):
                app.send_task("bench.noop", args=(i,), queue="submissions", producer=producer)
        noop_queue_s = time.monotonic() - t
        say(f"queued {n:,} no-op tasks in {noop_queue_s:.1f}s; queue length {r.llen('submissions'):,}")
        procs, ready = start_workers(stack, env, args)

        def noops_done():
            count = int(r.get("bench:noop:done") or 0)
            return count >= n, count

        finished = wait_until(noops_done, timeout=args.timeout, stack=stack, label="no-op tasks")
        noop_s = finished - ready
        say(f"{n:,} no-op tasks done in {noop_s:.2f}s after the worker was ready")
        for proc in procs:
            stack.stop(proc)

        # 2. the submissions.
        t = time.monotonic()
        ids = common.bulk_drafts(org=org, account=account, user=agent, count=n, prefix="bench_sub")
        drafts_s = time.monotonic() - t
        say(f"created {n:,} drafts in bulk in {drafts_s:.1f}s")
        t = time.monotonic()
        if args.via == "bulk":
            common.bulk_submit(ids, user=agent)
        else:
            from templates_app.services import template_digest, template_submit

            for template in Template.objects.filter(pk__in=ids).select_related("channel_account", "organization"):
                template_submit(template=template, actor=agent, fingerprint=template_digest(template))
        submit_s = time.monotonic() - t
        queued = r.llen("submissions")
        say(f"submitted them ({args.via}) in {submit_s:.1f}s ({n / submit_s:,.0f}/s); queue length {queued:,}")
        procs, ready = start_workers(stack, env, args)

        def submissions_done():
            open_ = Template.objects.filter(organization=org, status__in=[Status.SUBMITTING, Status.DRAFT]).count()
            return open_ == 0, open_

        finished = wait_until(submissions_done, timeout=args.timeout, stack=stack, label="submissions", poll=0.25)
        sub_s = finished - ready
        say(f"{n:,} submissions done in {sub_s:.2f}s after the worker was ready")
        time.sleep(1)  # let the last acknowledgements reach Redis
        queue_left, unacked = r.llen("submissions"), r.hlen("unacked")
        for proc in procs:
            stack.stop(proc)

        # 3. the accounting.
        statuses = dict(
            Template.objects.filter(organization=org).values_list("status").annotate(c=Count("id")).order_by()
        )
        rows = Submission.objects.filter(template__organization=org)
        submission_rows = rows.count()
        templates_with_rows = rows.values("template_id").distinct().count()
        pending_events = StatusEvent.objects.filter(template__organization=org, status=Status.PENDING).count()
        creates, distinct_creates = graph.create_requests, len(graph.creates)
        duplicates = graph.duplicates()
        checks = [
            ("templates Pending", statuses.get(Status.PENDING, 0), n),
            ("templates still Submitting", statuses.get(Status.SUBMITTING, 0), 0),
            ("templates Submission failed", statuses.get(Status.FAILED, 0), 0),
            ("Submission rows", submission_rows, n),
            ("templates with a Submission row", templates_with_rows, n),
            ("'Pending' status events", pending_events, n),
            ("create requests the provider received", creates, n),
            ("distinct name+language created", distinct_creates, n),
            ("name+language received twice or more", len(duplicates), 0),
            ("Graph calls refused (bad token)", graph.unauthorized, 0),
            ("tasks left in the queue", queue_left, 0),
            ("tasks unacknowledged", unacked, 0),
        ]
        say("")
        say(
            common.table(
                ["check", "found", "expected", "ok"], [[c, f, e, "yes" if f == e else "NO"] for c, f, e in checks]
            )
        )
        noop_rate, sub_rate = n / noop_s, n / sub_s
        say("")
        say(
            common.table(
                ["phase", "tasks", "seconds", "tasks/s", "vs no-op"],
                [
                    ["no-op task (baseline)", n, noop_s, noop_rate, 1.0],
                    ["submit_template -> fake Graph API", n, sub_s, sub_rate, common.ratio(sub_rate, noop_rate)],
                ],
                title="Worker throughput, from worker ready to the last task done "
                f"({args.workers} x -c {args.concurrency}):",
            )
        )
        say(
            f"\nqueueing: {n:,} no-ops in {noop_queue_s:.1f}s; {n:,} drafts in {drafts_s:.1f}s; "
            f"submitting ({args.via}) in {submit_s:.1f}s"
        )
        if duplicates:
            say(f"sent twice or more (first 10): {list(duplicates.items())[:10]}")
        failed = [c for c, f, e in checks if f != e]
        say(f"\nverdict: {'none lost, none sent twice' if not failed else 'FAILED: ' + ', '.join(failed)}")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
