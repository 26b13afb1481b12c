#!/usr/bin/env python
"""Queues kept apart: time from "send code" to the mail at the SMTP server, idle vs 10,000 submissions queued.

    .venv/bin/python bench/queues.py [--templates 10000] [--samples 20] [--no-shared-control]

Starts its own stack (PostgreSQL database qontak_bench_queues, Redis db 10,
gunicorn with 2 workers and DEBUG off, an SMTP server and a fake Graph API
on localhost) and the two workers the README says to run in production:
`celery -A qontak_broadcast worker -Q email` and `... -Q submissions`.
An admin asks for a code on Settings > Security ("Enable"), one request at
a time; each sample is the time from sending the POST to the code's mail
arriving at the SMTP server. Measured:

1. idle: nothing else queued;
2. busy: right after 10,000 drafts were submitted (frozen in bulk, each
   queued as templates_app.tasks.send_to_provider); the submissions queue
   is checked to still hold thousands at the end;
3. control (unless --no-shared-control): the same with ONE worker
   consuming both queues (`-Q email,submissions`), i.e. queues not kept
   apart, to show what the separation buys.

Ratios are against the idle median/p95 of the same run.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import HOST, say  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_stack_args(parser, database="qontak_bench_queues", redis_db=10)
    parser.add_argument("--templates", type=int, default=10_000, help="submissions queued for the busy phase")
    parser.add_argument("--samples", type=int, default=20, help="codes asked for per phase")
    parser.add_argument("--email-concurrency", type=int, default=2, help="-c of the email worker (default: 2 cores)")
    parser.add_argument("--submissions-concurrency", type=int, default=2, help="-c of the submissions worker")
    parser.add_argument(
        "--provider-delay",
        type=float,
        default=0.3,
        help="seconds the fake Graph API takes per call (0.3: a plausible WhatsApp answer time; 0: CPU-bound backlog)",
    )
    parser.add_argument("--no-shared-control", action="store_true", help="skip the one-worker-for-both control")
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between two codes asked for")
    parser.add_argument("--mail-timeout", type=float, default=60, help="max seconds to wait for one code mail")
    args = parser.parse_args()
    if not 1 <= args.templates <= 200_000 or not 1 <= args.samples <= 200:
        parser.error("keep --templates 1-200000 and --samples 1-200")
    return args


def main():
    args = parse_args()
    say(f"== Queues kept apart: code mail latency, idle vs {args.templates:,} submissions queued ==")
    with common.Stack("queues") as stack:
        mail, graph, env, _ = stack.prepare(
            args, provider_delay=args.provider_delay, OTP_RESEND_COOLDOWN=0, OTP_ISSUE_LIMIT=100000
        )

        import redis

        from templates_app.models import Status, Template

        r = redis.Redis.from_url(args.redis_url)
        org, account = common.make_org("Bench Queues")
        admin = common.make_users(org, "admin", ["admin@queues.bench"])[0]
        agent = common.make_users(org, "agent", ["agent@queues.bench"])[0]

        port = common.free_port()
        base = f"http://{HOST}:{port}"
        stack.gunicorn(env, port=port, workers=2)
        email_worker = stack.worker(env, name="email", queues="email", concurrency=args.email_concurrency)
        sub_worker = stack.worker(
            env, name="submissions", queues="submissions", concurrency=args.submissions_concurrency
        )
        say(
            f"gunicorn: 2 sync workers; workers: `-Q email -c {args.email_concurrency}` and "
            f"`-Q submissions -c {args.submissions_concurrency}` (prefork); fake Graph API "
            f"{args.provider_delay:g}s per call; nothing pinned"
        )
        session = common.login(base, admin.email)

        def measure(label: str) -> dict:
            mail_s, web_s, after_s = [], [], []
            queue_start = r.llen("submissions")
            pending_start = Template.objects.filter(organization=org, status=Status.PENDING).count()
            for _ in range(args.samples):
                stack.check_alive()
                before = mail.count(to=admin.email, subject="verification code")
                t0 = time.monotonic()
                response = common.post(session, f"{base}/settings/security/broadcast-template-otp/enable/")
                answered = time.monotonic()
                web_s.append(answered - t0)
                if response.status_code != 200 or 'name="code"' not in response.text:
                    raise RuntimeError(f"send code: HTTP {response.status_code}: {response.text[:300]}")
                got = mail.wait(
                    to=admin.email, subject="verification code", count=before + 1, timeout=args.mail_timeout
                )
                mail_s.append(got[before].at - t0)
                after_s.append(got[before].at - answered)
                time.sleep(args.interval)
            result = {
                "label": label,
                "mail": common.summary(mail_s),
                "web": common.summary(web_s),
                "after": common.summary(after_s),
                "queue_start": queue_start,
                "queue_end": r.llen("submissions"),
                "processed": Template.objects.filter(organization=org, status=Status.PENDING).count() - pending_start,
            }
            say(
                f"  {label}: code mail median {result['mail']['median'] * 1000:.0f} ms, p95 "
                f"{result['mail']['p95'] * 1000:.0f} ms; submissions queue {queue_start:,} -> {result['queue_end']:,}"
            )
            return result

        for _ in range(3):  # warm up both workers and gunicorn
            measure_warm = common.post(session, f"{base}/settings/security/broadcast-template-otp/enable/")
            measure_warm.raise_for_status()
        mail.wait(to=admin.email, subject="verification code", count=3, timeout=args.mail_timeout)

        results = [measure("idle queues")]

        t = time.monotonic()
        ids = common.bulk_drafts(org=org, account=account, user=agent, count=args.templates, prefix="q_tpl")
        common.bulk_submit(ids, user=agent)
        say(f"created and queued {args.templates:,} submissions in {time.monotonic() - t:.1f}s")
        results.append(measure(f"{args.templates:,} submissions queued, separate workers"))

        if not args.no_shared_control:
            stack.stop(email_worker)
            stack.stop(sub_worker)
            stack.worker(env, name="both", queues="email,submissions", concurrency=args.email_concurrency)
            say(f"control: one worker `-Q email,submissions -c {args.email_concurrency}` instead of two")
            results.append(measure("control: one worker for both queues"))

        idle = results[0]
        rows = []
        for res in results:
            rows.append(
                [
                    res["label"],
                    res["mail"]["n"],
                    res["mail"]["median"] * 1000,
                    res["mail"]["p95"] * 1000,
                    common.ratio(res["mail"]["median"], idle["mail"]["median"]),
                    common.ratio(res["mail"]["p95"], idle["mail"]["p95"]),
                    res["web"]["median"] * 1000,
                    res["after"]["median"] * 1000,
                    res["after"]["p95"] * 1000,
                    res["queue_start"],
                    res["queue_end"],
                    res["processed"],
                ]
            )
        say("")
        say(
            common.table(
                [
                    "phase",
                    "n",
                    "mail med ms",
                    "mail p95 ms",
                    "med/idle",
                    "p95/idle",
                    "web med ms",
                    "after answer med",
                    "after answer p95",
                    "queue at start",
                    "queue at end",
                    "submitted meanwhile",
                ],
                rows,
                title="From \"send code\" (POST sent) to the code's mail at the SMTP server (ms; 'after answer': "
                "from the web's answer to the mail, i.e. queue + worker):",
            )
        )
        busy = results[1]
        ok = busy["queue_end"] > 0 and busy["mail"]["median"] < 3 * idle["mail"]["median"] + 0.05
        if busy["queue_end"] == 0:
            say("\nwarning: the submissions queue drained during the busy phase: use more --templates")
        say(
            f"\nverdict: with {busy['queue_start']:,} submissions waiting, a code reached the SMTP server in "
            f"{busy['mail']['median'] * 1000:.0f} ms (median) vs {idle['mail']['median'] * 1000:.0f} ms idle "
            f"({'queues kept apart' if ok else 'CODES WAITED BEHIND SUBMISSIONS'})"
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
