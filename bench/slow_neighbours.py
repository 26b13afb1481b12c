#!/usr/bin/env python
"""The web never waits on slow neighbours: "send code", "Submit" and "Verify" with a 5 s SMTP server and a 5 s WhatsApp.

    .venv/bin/python bench/slow_neighbours.py [--samples 10] [--delay 5]

Starts its own stack (PostgreSQL database qontak_bench_neighbours, Redis db
8, gunicorn with 2 workers and DEBUG off, the two Celery workers the README
says to run: `-Q email` and `-Q submissions`), an SMTP server on localhost
and a fake Graph API behind a `meta` channel account. Runs the same
sequence twice, first with both answering at once ("fast"), then with both
taking --delay seconds per message / per call ("slow"), one request at a
time, each preceded by a request to the bare view (the baseline):

  Submit (toggle off)   agent POSTs the submit confirm: freezes the draft, queues the submission (slow WhatsApp)
  send code             admin POSTs Settings > Security "Enable": issues a code, queues the email (slow SMTP)
  Verify (security)     admin POSTs the newest code: turns the toggle on, queues emails to the admins (1 sample)
  Submit (toggle on)    agent POSTs the submit confirm: issues a code, queues the email (slow SMTP)
  Verify (submit)       agent POSTs the code read from the SMTP server: submits, queues the submission

and prints median and p95 of each next to the bare view's, and the slow
run's median over the fast run's (about 1: the request did not wait). It
also checks that the slow neighbours really were slow (code mail and
submission times) and that every submitted template reached Pending.
Verification codes are sent with OTP_RESEND_COOLDOWN=0 and a high
OTP_ISSUE_LIMIT, so a benchmark can ask for many.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import HOST, say  # noqa: E402

SENT = "Template has been sent and is being checked"
CODE_FIELD = 'name="code"'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_stack_args(parser, database="qontak_bench_neighbours", redis_db=8)
    parser.add_argument("--samples", type=int, default=10, help="requests of each kind per run")
    parser.add_argument("--delay", type=float, default=5.0, help="seconds per message (SMTP) and per call (WhatsApp)")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--email-concurrency", type=int, default=2, help="-c of the `-Q email` worker")
    parser.add_argument("--submissions-concurrency", type=int, default=2, help="-c of the `-Q submissions` worker")
    parser.add_argument("--mail-timeout", type=float, default=180, help="max seconds to wait for a code email")
    args = parser.parse_args()
    if not 1 <= args.samples <= 100 or not 0 <= args.delay <= 30:
        parser.error("keep --samples 1-100 and --delay 0-30")
    return args


class Fail(Exception):
    pass


def main():
    args = parse_args()
    say(f"== Slow neighbours: SMTP and WhatsApp at {args.delay:g}s per message/call vs at once ==")
    with common.Stack("slow_neighbours") as stack:
        mail, graph, env, _ = stack.prepare(args, OTP_RESEND_COOLDOWN=0, OTP_ISSUE_LIMIT=100000)

        import requests
        from django.contrib.contenttypes.models import ContentType

        from accounts.models import Organization
        from otp.models import Challenge
        from security_settings.models import SecuritySettings
        from security_settings.selectors import PURPOSE_ENABLE
        from templates_app.models import Status, StatusEvent, Template

        org, account = common.make_org("Bench Neighbours")
        admin = common.make_users(org, "admin", ["admin@neighbours.bench"])[0]
        agent = common.make_users(org, "agent", ["agent@neighbours.bench"])[0]
        n = args.samples
        drafts = {
            (phase, kind): common.bulk_drafts(
                org=org, account=account, user=agent, count=n, prefix=f"nbr_{phase}_{kind}"
            )
            for phase in ("fast", "slow")
            for kind in ("off", "on")
        }
        names = dict(Template.objects.filter(organization=org).values_list("id", "name"))
        org_type = ContentType.objects.get_for_model(Organization)

        port = common.free_port()
        base = f"http://{HOST}:{port}"
        stack.gunicorn(env, port=port, workers=args.gunicorn_workers)
        stack.worker(env, name="email", queues="email", concurrency=args.email_concurrency)
        stack.worker(env, name="submissions", queues="submissions", concurrency=args.submissions_concurrency)
        say(
            f"gunicorn: {args.gunicorn_workers} sync workers; workers: `-Q email -c {args.email_concurrency}` and "
            f"`-Q submissions -c {args.submissions_concurrency}` (prefork); one client, requests one at a time; "
            "nothing pinned"
        )
        admin_s = common.login(base, admin.email)
        agent_s = common.login(base, agent.email)
        bare_s = requests.Session()
        for _ in range(10):
            bare_s.get(f"{base}/bench/bare/", timeout=30)

        results: dict[str, common.Timer] = {}
        proof: dict[str, dict[str, list[float]]] = {}

        def timed(timer, name, fn, *, expect: str, status: int = 200):
            t = time.perf_counter()
            bare_s.get(f"{base}/bench/bare/", timeout=30).raise_for_status()
            timer.add("bare view", time.perf_counter() - t)
            t = time.perf_counter()
            response = fn()
            elapsed = time.perf_counter() - t
            if response.status_code != status or expect not in response.text:
                raise Fail(
                    f"{name}: HTTP {response.status_code}, expected {status} with {expect!r}: {response.text[:400]}"
                )
            timer.add(name, elapsed)
            return response

        for phase in ("fast", "slow"):
            stack.check_alive()
            mail.delay = graph.delay = 0.0 if phase == "fast" else args.delay
            SecuritySettings.objects.filter(organization=org).update(broadcast_template_otp=False)
            timer = results[phase] = common.Timer()
            seen = proof[phase] = {"code mail after send (s)": [], "submit to Pending (s)": []}
            say(f"-- {phase}: SMTP {mail.delay:g}s per message, WhatsApp {graph.delay:g}s per call")
            submitted_at: dict[int, float] = {}

            # Submit with the toggle off: the submission is queued for the (slow) provider.
            for pk in drafts[(phase, "off")]:
                shown = common.shown_fingerprint(agent_s, base, pk)
                timed(
                    timer,
                    "Submit (toggle off)",
                    lambda pk=pk, shown=shown: common.post(
                        agent_s, f"{base}/broadcast/templates/{pk}/submit/confirm/", {"fingerprint": shown}
                    ),
                    expect=SENT,
                )
                submitted_at[pk] = time.monotonic()

            # "send code" on Settings > Security, n times: each issues a code and queues its email.
            before = mail.count(to=admin.email, subject="verification code")
            sent_at = []
            for _ in range(n):
                sent_at.append(time.monotonic())
                timed(
                    timer,
                    "send code",
                    lambda: common.post(admin_s, f"{base}/settings/security/broadcast-template-otp/enable/"),
                    expect=CODE_FIELD,
                )
            # Verify (security): the newest code, whose mail arrives after the n-1 before it.
            newest = (
                Challenge.objects.filter(user=admin, purpose=PURPOSE_ENABLE, subject_type=org_type, used_at=None)
                .order_by("-created_at")
                .first()
            )
            code = None
            deadline = time.monotonic() + args.mail_timeout
            while code is None:
                arrived = mail.select(to=admin.email, subject="verification code")[before:]
                code = next(
                    (
                        m.code
                        for m in arrived
                        if common.code_hash(env["SECRET_KEY"], newest.salt, m.code) == newest.code_hash
                    ),
                    None,
                )
                if code is None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise Fail("the newest security code never arrived")
                    mail.wait(
                        to=admin.email, subject="verification code", count=before + len(arrived) + 1, timeout=left
                    )
            admin_mails = mail.select(to=admin.email, subject="verification code")[before:]
            seen["code mail after send (s)"] += [m.at - s for m, s in zip(admin_mails, sent_at, strict=False)]
            timed(
                timer,
                "Verify (security toggle)",
                lambda code=code: common.post(
                    admin_s, f"{base}/settings/security/broadcast-template-otp/enable/verify/", {"code": code}
                ),
                expect="is enabled",
            )
            if not SecuritySettings.objects.get(organization=org).broadcast_template_otp:
                raise Fail("the toggle did not turn on")

            # Submit with the toggle on: a code is issued and emailed.
            confirmed_at = {}
            for pk in drafts[(phase, "on")]:
                shown = common.shown_fingerprint(agent_s, base, pk)
                confirmed_at[pk] = time.monotonic()
                timed(
                    timer,
                    "Submit (toggle on)",
                    lambda pk=pk, shown=shown: common.post(
                        agent_s, f"{base}/broadcast/templates/{pk}/submit/confirm/", {"fingerprint": shown}
                    ),
                    expect=CODE_FIELD,
                )
            # Verify each with the code read from the SMTP server.
            for pk in drafts[(phase, "on")]:
                found = mail.wait(
                    to=agent.email, subject="verification code", contains=names[pk], timeout=args.mail_timeout
                )[-1]
                seen["code mail after send (s)"].append(found.at - confirmed_at[pk])
                timed(
                    timer,
                    "Verify (submit)",
                    lambda pk=pk, code=found.code: common.post(
                        agent_s, f"{base}/broadcast/templates/{pk}/submit/verify/", {"code": code}
                    ),
                    expect=SENT,
                )
                submitted_at[pk] = time.monotonic()

            # Every submitted template reaches Pending (through the slow provider), bounded in time.
            ids = list(submitted_at)
            deadline = time.monotonic() + 60 + 2 * len(ids) * mail.delay
            pending_at: dict[int, float] = {}
            while len(pending_at) < len(ids) and time.monotonic() < deadline:
                stack.check_alive()
                for pk in Template.objects.filter(pk__in=ids, status=Status.PENDING).values_list("id", flat=True):
                    pending_at.setdefault(pk, time.monotonic())
                time.sleep(0.2)
            if len(pending_at) < len(ids):
                left = dict(
                    Template.objects.filter(pk__in=ids).exclude(status=Status.PENDING).values_list("id", "status")
                )
                raise Fail(f"{phase}: {len(left)} submitted templates never reached Pending: {left}")
            # From the Submitting event (the web's commit) to the Pending one (the worker's), in the database.
            events = {}
            for tid, status, at in StatusEvent.objects.filter(
                template_id__in=ids, status__in=[Status.SUBMITTING, Status.PENDING]
            ).values_list("template_id", "status", "created_at"):
                events[(tid, status)] = at
            seen["submit to Pending (s)"] = [
                (events[(pk, Status.PENDING)] - events[(pk, Status.SUBMITTING)]).total_seconds() for pk in ids
            ]
            say(
                f"   {len(ids)} submitted templates all Pending; "
                f"provider create requests so far {graph.create_requests}"
            )

        say("")
        rows = []
        names_order = [
            "bare view",
            "Submit (toggle off)",
            "send code",
            "Verify (security toggle)",
            "Submit (toggle on)",
            "Verify (submit)",
        ]
        for name in names_order:
            fast = common.summary(results["fast"].samples[name])
            slow = common.summary(results["slow"].samples[name])
            bare_fast = common.summary(results["fast"].samples["bare view"])
            bare_slow = common.summary(results["slow"].samples["bare view"])
            rows.append(
                [
                    name,
                    slow["n"],
                    slow["median"] * 1000,
                    slow["p95"] * 1000,
                    common.ratio(slow["median"], bare_slow["median"]),
                    common.ratio(slow["p95"], bare_slow["p95"]),
                    fast["median"] * 1000,
                    fast["p95"] * 1000,
                    common.ratio(fast["median"], bare_fast["median"]),
                    common.ratio(slow["median"], fast["median"]),
                ]
            )
        say(
            common.table(
                [
                    "request",
                    "n",
                    "slow med ms",
                    "slow p95 ms",
                    "med/bare",
                    "p95/bare",
                    "fast med ms",
                    "fast p95 ms",
                    "fast med/bare",
                    "slow/fast med",
                ],
                rows,
                title=f"Web answer times with neighbours at {args.delay:g}s (slow) and at once (fast), "
                "bare view measured between them:",
            )
        )
        say("")
        proof_rows = []
        for what in ("code mail after send (s)", "submit to Pending (s)"):
            s, f = common.summary(proof["slow"][what]), common.summary(proof["fast"][what])
            proof_rows.append([what, s["median"], s["max"], f["median"], f["max"]])
        say(
            common.table(
                ["the neighbours' side (seconds)", "slow median", "slow max", "fast median", "fast max"],
                proof_rows,
                title="What the slow neighbours cost the workers (not the web):",
            )
        )
        worst = max(r[9] for r in rows if r[0] != "bare view")
        say(
            f"\nverdict: the slowest request kind took {worst:.2f}x its fast median with {args.delay:g}s neighbours "
            f"({'no request waited on SMTP or WhatsApp' if worst < 3 else 'SOME REQUEST WAITED'})"
        )
        return 0 if worst < 3 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Fail as exc:
        say(f"FAILED: {exc}")
        sys.exit(1)
