#!/usr/bin/env python
"""A load run: 50 users log in, create drafts, submit them with codes read from the SMTP server, and list, for 60 s.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--orgs 5] [--think 0]

Starts its own stack (PostgreSQL database qontak_bench_load, Redis db 11,
gunicorn with 3 workers and DEBUG off, the `-Q email` and `-Q submissions`
workers, an SMTP server and a fake Graph API on localhost behind each
organization's `meta` channel account). The organizations have "OTP
Authentication on Broadcast Template" on, so every submission needs a code;
OTP_ISSUE_LIMIT is lifted (the product's 5 codes per user per 15 minutes
would refuse a user's 6th submission in the run with a 429).

Each simulated user (a thread with its own requests session) logs in
through the login form, all at once; when all are in, the --duration
clock starts and each repeats until the time is up, then finishes the
iteration it is in:

  bare view (the baseline) -> template list -> step 1 page -> create the draft (POST step 1)
  -> step 2 page -> save the content -> Submit (checks, confirm dialog) -> confirm (a code is emailed)
  -> read the code from the SMTP server -> Verify -> template list

Any answer other than the expected one (status and content), or a request
error, counts as an error. Afterwards, once the workers are done, every
draft and submission is accounted for: rows in the database against what
the users did, and what the fake WhatsApp received.
"""

import argparse
import re
import sys
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import HOST, say  # noqa: E402

SENT = "Template has been sent and is being checked"
EDIT_URL = re.compile(r"/broadcast/templates/(\d+)/edit/\?lang=en_US$")
STEPS = [
    "bare view",
    "login",
    "template list",
    "step 1 page",
    "create draft",
    "step 2 page",
    "save content",
    "Submit (check)",
    "confirm (code sent)",
    "Verify",
    "code mail wait",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_stack_args(parser, database="qontak_bench_load", redis_db=11)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--orgs", type=int, default=5, help="organizations the users are spread over")
    parser.add_argument("--duration", type=int, default=60, help="seconds during which users start iterations")
    parser.add_argument("--think", type=float, default=0.0, help="seconds a user pauses between requests")
    parser.add_argument("--gunicorn-workers", type=int, default=3)
    parser.add_argument("--request-timeout", type=float, default=60)
    parser.add_argument("--max-iterations", type=int, default=1000, help="per user, a bound on top of --duration")
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 600 or not 1 <= args.orgs <= args.users:
        parser.error("keep --users 1-200, --duration 1-600 and 1 <= --orgs <= --users")
    return args


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {s: [] for s in STEPS}
        self.errors: list[str] = []
        self.created: dict[str, int] = {}  # template name -> id
        self.confirmed: set[str] = set()
        self.submitted: set[str] = set()
        self.logins = 0
        self.login_tries = 0

    def add(self, step: str, seconds: float) -> None:
        with self.lock:
            self.times[step].append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


class Bad(Exception):
    pass


class Clock:
    def __init__(self):
        self.go = threading.Event()
        self.deadline = 0.0


class User(threading.Thread):
    def __init__(self, idx, email_address, account_id, *, base, clock, mail, results, args):
        super().__init__(name=f"user-{idx}", daemon=True)
        self.idx, self.email, self.account_id = idx, email_address, account_id
        self.base, self.clock, self.mail, self.results, self.args = base, clock, mail, results, args
        self.session = None

    def request(self, step, method, path, *, data=None, expect_status=200, expect_text=""):
        url = self.base + path
        t = time.perf_counter()
        if method == "GET":
            response = self.session.get(url, allow_redirects=False, timeout=self.args.request_timeout)
        else:
            response = common.post(self.session, url, data, timeout=self.args.request_timeout)
        elapsed = time.perf_counter() - t
        if response.status_code != expect_status or (expect_text and expect_text not in response.text):
            raise Bad(f"{step}: {method} {path} -> HTTP {response.status_code}: {response.text[:200]!r}")
        self.results.add(step, elapsed)
        if self.args.think:
            time.sleep(self.args.think)
        return response

    def run(self):
        try:
            t = time.perf_counter()
            self.session = common.login(self.base, self.email, timeout=self.args.request_timeout)
            self.results.add("login", time.perf_counter() - t)
            with self.results.lock:
                self.results.logins += 1
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error
            self.results.error(f"user {self.idx} login: {exc!r}")
            return
        finally:
            with self.results.lock:
                self.results.login_tries += 1
        # Everyone starts together once all are logged in (a login storm would otherwise be in every figure).
        if not self.clock.go.wait(timeout=300):
            self.results.error(f"user {self.idx}: never started")
            return
        for n in range(self.args.max_iterations):
            if time.monotonic() >= self.clock.deadline:
                break
            try:
                self.iteration(n)
            except Exception as exc:  # noqa: BLE001
                detail = str(exc) if isinstance(exc, Bad | TimeoutError) else traceback.format_exc(limit=2)
                self.results.error(f"user {self.idx} iteration {n}: {detail}")
                time.sleep(1)

    def iteration(self, n: int) -> None:
        r = self.results
        self.request("bare view", "GET", "/bench/bare/", expect_text="ok")
        self.request("template list", "GET", "/broadcast/templates/", expect_text="Add New Template")
        self.request("step 1 page", "GET", "/broadcast/templates/new/", expect_text="Template name")
        name = f"ld_{self.idx:02d}_{common.letters(n)}"
        response = self.request(
            "create draft",
            "POST",
            "/broadcast/templates/new/",
            data={"channel_account": self.account_id, "name": name, "category": "UTILITY", "languages": "en_US"},
            expect_status=302,
        )
        match = EDIT_URL.search(response.headers.get("Location", ""))
        if not match:
            raise Bad(f"create draft: redirected to {response.headers.get('Location')!r}")
        pk = int(match.group(1))
        with r.lock:
            r.created[name] = pk
        self.request("step 2 page", "GET", f"/broadcast/templates/{pk}/edit/?lang=en_US", expect_text="Save draft")
        content = {"header_format": "NONE", "body": common.BODY, "footer": "Reply STOP to opt out"}
        self.request(
            "save content", "POST", f"/broadcast/templates/{pk}/content/en_US/", data=content, expect_status=302
        )
        shown = self.request(
            "Submit (check)",
            "POST",
            f"/broadcast/templates/{pk}/submit/",
            data={"language": "en_US", **content},
            expect_text="Submit this template?",
        )
        sent = time.monotonic()
        self.request(
            "confirm (code sent)",
            "POST",
            f"/broadcast/templates/{pk}/submit/confirm/",
            data={"fingerprint": common.FINGERPRINT_RE.search(shown.text).group(1)},
            expect_text='name="code"',
        )
        with r.lock:
            r.confirmed.add(name)
        found = self.mail.wait(to=self.email, subject="verification code", contains=name, timeout=60)
        r.add("code mail wait", found[-1].at - sent)
        self.request(
            "Verify",
            "POST",
            f"/broadcast/templates/{pk}/submit/verify/",
            data={"code": found[-1].code},
            expect_text=SENT,
        )
        with r.lock:
            r.submitted.add(name)
        self.request("template list", "GET", "/broadcast/templates/", expect_text="Add New Template")


def main():
    args = parse_args()
    say(f"== Load run: {args.users} users for {args.duration}s (login, drafts, submit with emailed codes, list) ==")
    with common.Stack("load") as stack:
        # The product allows 5 codes per user per 15 minutes (OTP_ISSUE_LIMIT): a user submitting in a
        # loop would be refused (429) from the 6th template on. The load run lifts it, like the other caps.
        mail, graph, env, _ = stack.prepare(args, OTP_ISSUE_LIMIT=100000)

        from django.db.models import Count

        from otp.models import Challenge
        from templates_app.models import Status, Submission, Template
        from templates_app.services import PURPOSE_SUBMIT

        users = []
        orgs = []
        for o in range(args.orgs):
            org, account = common.make_org(f"Bench Load {o}", otp=True)
            orgs.append(org)
            count = len(range(o, args.users, args.orgs))
            emails = [f"agent{o}.{i}@load.bench" for i in range(count)]
            for u in common.make_users(org, "agent", emails):
                users.append((u.email, account.pk))
        port = common.free_port()
        base = f"http://{HOST}:{port}"
        stack.gunicorn(env, port=port, workers=args.gunicorn_workers)
        stack.worker(env, name="email", queues="email", concurrency=2)
        stack.worker(env, name="submissions", queues="submissions", concurrency=2)
        say(
            f"{args.orgs} organizations (toggle on, meta account -> fake Graph API), {args.users} agents; "
            f"gunicorn {args.gunicorn_workers} sync workers; workers `-Q email -c 2` and `-Q submissions -c 2`; "
            f"think time {args.think:g}s; nothing pinned (load generator, server, workers and PostgreSQL share 2 cores)"
        )

        results, clock = Results(), Clock()
        threads = [
            User(i, email_address, account_id, base=base, clock=clock, mail=mail, results=results, args=args)
            for i, (email_address, account_id) in enumerate(users)
        ]
        login_start = time.monotonic()
        for thread in threads:
            thread.start()
        while results.login_tries < len(threads) and time.monotonic() - login_start < 240:
            stack.check_alive()
            time.sleep(0.1)
        say(f"{results.logins} of {args.users} users logged in at once in {time.monotonic() - login_start:.1f}s")
        start = time.monotonic()
        deadline = clock.deadline = start + args.duration
        clock.go.set()
        hard_stop = deadline + 3 * args.request_timeout + 60
        last_report = start
        while any(t.is_alive() for t in threads) and time.monotonic() < hard_stop:
            stack.check_alive()
            time.sleep(0.5)
            if time.monotonic() - last_report >= 15:
                last_report = time.monotonic()
                say(
                    f"  t={last_report - start:4.0f}s drafts {len(results.created)}, submitted "
                    f"{len(results.submitted)}, errors {len(results.errors)}"
                )
        alive = [t.name for t in threads if t.is_alive()]
        if alive:
            results.error(f"{len(alive)} users still busy {hard_stop - deadline:.0f}s after the end: {alive[:5]}")
        wall = time.monotonic() - start
        requests_done = sum(len(v) for k, v in results.times.items() if k != "code mail wait")
        say(f"users done after {wall:.1f}s; {requests_done:,} requests ({requests_done / wall:.1f}/s)")

        # Let the workers finish: no template of these organizations still Submitting (bounded).
        drain_deadline = time.monotonic() + 180
        while time.monotonic() < drain_deadline:
            if not Template.objects.filter(organization__in=orgs, status=Status.SUBMITTING).exists():
                break
            stack.check_alive()
            time.sleep(0.5)
        time.sleep(1)

        created, confirmed, submitted = results.created, results.confirmed, results.submitted
        templates = Template.objects.filter(organization__in=orgs)
        statuses = dict(templates.values_list("status").annotate(c=Count("id")).order_by())
        db_names = set(templates.values_list("name", flat=True))
        pending_names = set(templates.filter(status=Status.PENDING).values_list("name", flat=True))
        rows = Submission.objects.filter(template__organization__in=orgs)
        challenges = Challenge.objects.filter(purpose=PURPOSE_SUBMIT, user__memberships__organization__in=orgs)
        code_mails = mail.count(subject="verification code")
        checks = [
            ("logins", results.logins, args.users),
            ("drafts in the database = drafts the users created", templates.count(), len(created)),
            ("same names", len(db_names ^ set(created)), 0),
            ("templates Pending = submissions verified", statuses.get(Status.PENDING, 0), len(submitted)),
            ("Pending are exactly the verified ones", len(pending_names ^ submitted), 0),
            (
                "templates still Draft = created - verified",
                statuses.get(Status.DRAFT, 0),
                len(created) - len(submitted),
            ),
            ("templates still Submitting", statuses.get(Status.SUBMITTING, 0), 0),
            ("templates Submission failed", statuses.get(Status.FAILED, 0), 0),
            ("Submission rows", rows.count(), len(submitted)),
            ("WhatsApp create requests (fake)", graph.create_requests, len(submitted)),
            ("name+language sent twice or more", len(graph.duplicates()), 0),
            ("codes issued (challenges) = confirms", challenges.count(), len(confirmed)),
            ("codes used = verified", challenges.exclude(used_at=None).count(), len(submitted)),
            ("code emails received", code_mails, len(confirmed)),
            ("errors", len(results.errors), 0),
        ]
        bare = common.summary(results.times["bare view"])
        step_rows = []
        for step in STEPS:
            s = common.summary(results.times[step])
            step_rows.append(
                [
                    step,
                    s["n"],
                    s["median"] * 1000,
                    s["p95"] * 1000,
                    s["max"] * 1000,
                    common.ratio(s["median"], bare["median"]),
                    common.ratio(s["p95"], bare["p95"]),
                ]
            )
        say("")
        say(
            common.table(
                ["step", "n", "median ms", "p95 ms", "max ms", "med/bare", "p95/bare"],
                step_rows,
                title=f"Answer times under load ({args.users} users, bare view measured in the same iterations; "
                "'code mail wait' = confirm sent -> code at the SMTP server):",
            )
        )
        say("")
        say(
            common.table(
                ["accounting", "found", "expected", "ok"],
                [[c, f, e, "yes" if f == e else "NO"] for c, f, e in checks],
            )
        )
        if results.errors:
            kinds = Counter(e.split(":")[0].split(" iteration")[0] for e in results.errors)
            say(f"\nerrors ({len(results.errors)}), first 15:")
            for text in results.errors[:15]:
                say("  " + text.strip().replace("\n", " | ")[:400])
            say(f"  by user: {dict(kinds.most_common(5))}")
        failed = [c for c, f, e in checks if f != e]
        say(
            f"\nverdict: {len(created)} drafts, {len(submitted)} submissions, {len(results.errors)} errors; "
            + ("every draft and submission accounted for" if not failed else "FAILED: " + "; ".join(failed))
        )
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
