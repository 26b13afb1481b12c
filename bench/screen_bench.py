#!/usr/bin/env python
"""Content screen and category advisor, measured on the corpus's held-out split.

    .venv/bin/python bench/screen_bench.py [--split heldout|train|all] [--misses]

Screen: every held-out body (with its samples) goes through the same
function the confirm step and `manage.py screen_content` use. The model
never trained on these families (templates_app/screening/corpus/compose.py
holds out whole families, so no near-duplicate sits on both sides). Per
language: recall (prohibited bodies flagged) per category and overall, the
share of legitimate bodies flagged (overall and per look-alike group), and
precision (flagged bodies that are prohibited; per category: flagged with
that category and truly of it). Lexicon-only and classifier-only recall
show what each half contributes. Needs no database.

Then the sets written apart (fresh*.jsonl, fresh_a.jsonl: measured once, then
trained on), check.jsonl (never trained on), check2.jsonl (never trained
on; measured blind once, before the eighth round of rules) and check3.jsonl
(written by someone who saw neither corpus nor rules; never trained on).

Advisor: Utility bodies with and without promotional wording
(corpus/advisor.jsonl and advisor_fresh*.jsonl train its model;
advisor_check.jsonl, advisor_check2.jsonl and advisor_check3.jsonl never do).
"""

import argparse
import os
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qontak_broadcast.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from templates_app.screening import CATEGORIES, screen_parts, wording_advice  # noqa: E402
from templates_app.screening.model import classifier, load_corpus  # noqa: E402
from templates_app.screening.normalize import normalize  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "templates_app" / "screening" / "corpus"


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}% ({n}/{d})" if d else "    -"


def screen_report(rows: list[dict], show_misses: bool) -> None:
    for lang in ("en", "id"):
        subset = [r for r in rows if r["lang"] == lang]
        prohibited = [r for r in subset if r["category"] != "ok"]
        legitimate = [r for r in subset if r["category"] == "ok"]
        flagged, by_source, predicted = {}, defaultdict(set), defaultdict(set)
        for row in subset:
            findings = screen_parts(language=row["language"], body=row["body"], samples=row["samples"])
            flagged[row["id"]] = findings
            for f in findings:
                by_source[f.source].add(row["id"])
                predicted[f.category].add(row["id"])
        print(f"\n== {'English' if lang == 'en' else 'Bahasa Indonesia'}: {len(prohibited)} prohibited, "
              f"{len(legitimate)} legitimate ==")  # fmt: skip
        print(f"{'category':32} {'recall':>18} {'precision':>18}")
        for category, label in CATEGORIES.items():
            truth = {r["id"] for r in prohibited if r["category"] == category}
            hits = truth & predicted[category]
            print(f"{label:32} {pct(len(hits), len(truth)):>18} {pct(len(hits), len(predicted[category])):>18}")
        caught = [r for r in prohibited if flagged[r["id"]]]
        false = [r for r in legitimate if flagged[r["id"]]]
        print(f"{'prohibited flagged (recall)':32} {pct(len(caught), len(prohibited)):>18}")
        print(f"{'legitimate flagged':32} {pct(len(false), len(legitimate)):>18}")
        print(f"{'precision of a flag':32} {pct(len(caught), len(caught) + len(false)):>18}")
        lexicon_only = sum(1 for r in prohibited if r["id"] in by_source["lexicon"])
        model_only = sum(1 for r in prohibited if r["id"] in by_source["classifier"])
        print(f"{'  lexicon found':32} {pct(lexicon_only, len(prohibited)):>18}")
        print(f"{'  classifier added':32} {pct(model_only, len(prohibited)):>18}")
        groups = defaultdict(list)
        for r in legitimate:
            groups[r.get("resembles") or "everyday"].append(r)
        print("legitimate flagged, by look-alike: " + ", ".join(
            f"{g} {sum(1 for r in rs if flagged[r['id']])}/{len(rs)}" for g, rs in sorted(groups.items())))  # fmt: skip
        if show_misses:
            for r in prohibited:
                if not flagged[r["id"]]:
                    print(f"  MISSED {r['category']}: {r['body']} {r['samples']}  [{normalize(r['body'])}]")
            for r in false:
                print(f"  FALSE {r.get('resembles') or 'everyday'}: {r['body']} -> {flagged[r['id']][0].reasons}")


def advisor_report(show_misses: bool, name: str = "advisor.jsonl") -> None:
    rows = load_corpus(CORPUS / name)
    print(f"\n== Category advisor (Utility bodies, corpus/{name}) ==")
    for lang in ("en", "id"):
        promo = [r for r in rows if r["lang"] == lang and r["promotional"]]
        plain = [r for r in rows if r["lang"] == lang and not r["promotional"]]

        def warned(r):
            return wording_advice([("body", r["body"])]).warn

        print(f"{lang}: promotional warned {pct(sum(map(warned, promo)), len(promo))}, "
              f"true utility warned {pct(sum(map(warned, plain)), len(plain))}")  # fmt: skip
        if show_misses:
            for r in promo:
                if not warned(r):
                    print(f"  MISSED {r['body']}")
            for r in plain:
                if warned(r):
                    print(f"  FALSE {r['body']} -> {wording_advice([('body', r['body'])]).phrases}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="heldout", choices=["heldout", "train", "all"])
    parser.add_argument("--misses", action="store_true", help="print every miss and false flag")
    args = parser.parse_args()
    rows = load_corpus()
    started = time.perf_counter()
    model = classifier()
    trained = time.perf_counter() - started
    size = len(pickle.dumps(model.pipeline))
    train_rows = sum(1 for r in rows if r["split"] == "train")
    families = len({r["family"] for r in rows})
    print(f"corpus: {len(rows)} bodies, {train_rows} train / {len(rows) - train_rows} held out ({families} families); "
          f"trained in {trained:.1f} s, artefact {size / 1024:.0f} KiB")  # fmt: skip
    chosen = rows if args.split == "all" else [r for r in rows if r["split"] == args.split]
    started = time.perf_counter()
    screen_report(chosen, args.misses)
    print(f"\nscreened {len(chosen)} bodies in {time.perf_counter() - started:.1f} s")
    print("\n#### Written apart, one message each (fresh*.jsonl: measured once, then trained on; see README)")
    for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6"):
        print(f"\n#### corpus/{name}.jsonl")
        screen_report(load_corpus(CORPUS / f"{name}.jsonl"), args.misses)
    print("\n#### corpus/fresh_a.jsonl (300 bodies written apart, measured before any rule saw them, then trained on)")
    screen_report(load_corpus(CORPUS / "fresh_a.jsonl"), args.misses)
    for name in ("fresh7", "fresh8", "fresh9", "fresh10", "fresh11"):
        print(f"\n#### corpus/{name}.jsonl (measured once before it trained the model; see README)")
        screen_report(load_corpus(CORPUS / f"{name}.jsonl"), args.misses)
    print("\n#### Check set: corpus/check.jsonl (never trained on; its misses were seen while tuning)")
    screen_report(load_corpus(CORPUS / "check.jsonl"), args.misses)
    print("\n#### Blind set: corpus/check2.jsonl (written after all tuning, measured once; never trained on)")
    screen_report(load_corpus(CORPUS / "check2.jsonl"), args.misses)
    print(
        "\n#### Blind set: corpus/check3.jsonl (300 bodies by an author who never saw the corpus or the rules;"
        " measured before and after the last round, never trained on)"
    )
    screen_report(load_corpus(CORPUS / "check3.jsonl"), args.misses)
    advisor_report(args.misses)
    advisor_report(args.misses, "advisor_fresh.jsonl")  # written apart; measured once, then rules widened
    advisor_report(args.misses, "advisor_fresh2.jsonl")  # written apart; measured once, then rules widened, trained on
    advisor_report(args.misses, "advisor_fresh3.jsonl")  # written apart; measured once, then rules widened, trained on
    advisor_report(args.misses, "advisor_check.jsonl")  # never trained on
    advisor_report(args.misses, "advisor_check2.jsonl")  # written with fresh3, never trained on, measured after tuning
    advisor_report(args.misses, "advisor_check3.jsonl")  # 200 bodies by another author, never trained on


if __name__ == "__main__":
    main()
