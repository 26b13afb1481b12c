"""The statistical half of the screen: a linear classifier trained from the team's corpus.

TF-IDF over words (one and two) and character n-grams of two to five letters
within words (which survive misspellings the normaliser does not undo), then
a multinomial logistic regression: one class per prohibited category plus
"ok". It trains from corpus/screen.jsonl's training split, the handwritten
sets and the advisor's everyday bodies the first time a process screens
something (6-11 s on one core of a shared machine, nothing downloaded) and
is fully deterministic; the held-out split is for bench/screen_bench.py
only. Link shorteners are left to the lexicon: the message around a short
link is usually an ordinary one.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import normalize

CORPUS = Path(__file__).resolve().parent / "corpus" / "screen.jsonl"
# Messages written one by one, apart from the composed corpus; each set was measured once before anything was
# fitted to it (figures in the README), then joined the training data.
HANDWRITTEN = [
    CORPUS.parent / f"{name}.jsonl"
    for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh_a")
    + ("fresh7", "fresh8", "fresh9", "fresh10", "fresh11")
]
# Utility and Marketing bodies the category advisor learns from: the everyday register of this product's
# templates, all of them legitimate, so they teach "ok" (advisor_check.jsonl stays out, as the advisor's check).
EVERYDAY = [CORPUS.parent / f"{name}.jsonl" for name in ("advisor", "advisor_fresh", "advisor_fresh2")]
OK = "ok"
# The prohibited classes together (1 - P(ok)) need this probability before a finding is made; the finding names
# the likeliest of them. Ten prohibited classes share the mass an offer draws away from "ok", so reading any one
# class against 0.5 missed most offers the corpus words differently. Chosen by holding out each handwritten set in
# turn and training on the rest (the classifier alone, eleven sets): at 0.8 it flagged 83.7% of English and 90.2% of
# Indonesian prohibited bodies with 2.0% and 2.9% of legitimate ones; at 0.7, 92.0% and 95.1% with 3.9% and 5.3%,
# nearly all of those in the fold that held out the small sellers' everyday offers, which now train it. On the sets
# written after that (fresh10, fresh11, measured before they trained it) the whole screen flagged 4 of 62 English
# and 1 of 62 Indonesian legitimate bodies at 0.7.
THRESHOLD = 0.7
_VARIABLE = re.compile(r"\{\{\s*(\d+)\s*\}\}")
# Words too common to explain anything; they still count in the model.
STOP_WORDS = set(
    "a an and are at be by for from has have hi i in is it me my of on or our the this to we you your "
    "ada aja akan anda atau bisa buat dan dari di hari ini itu juga kak kami kamu ke ya yang untuk umur".split()
)


def fill(body: str, samples: list[str] | None) -> str:
    """The body as a customer would read it: each {{n}} replaced by its sample."""
    samples = list(samples or [])

    def sample(m):
        n = int(m.group(1))
        return str(samples[n - 1]) if 0 < n <= len(samples) else " "

    return _VARIABLE.sub(sample, body or "")


def load_corpus(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass(frozen=True)
class Verdict:
    category: str  # OK or a prohibited category
    probability: float
    features: tuple[str, ...]  # what pushed the text towards that category


class Classifier:
    def __init__(self, pipeline):
        self.pipeline = pipeline
        self.classes = list(pipeline.classes_)

    def verdict(self, normalised: str) -> Verdict:
        probabilities = self.pipeline.predict_proba([normalised])[0]
        ranked = sorted(
            ((p, c) for p, c in zip(probabilities, self.classes, strict=True) if c != OK),
            reverse=True,
        )
        category = str(ranked[0][1])
        ok = float(probabilities[self.classes.index(OK)])
        if 1 - ok < THRESHOLD:
            return Verdict(OK, ok, ())
        return Verdict(category, 1 - ok, self._features(normalised, category))

    def _features(self, normalised: str, category: str, limit: int = 4) -> tuple[str, ...]:
        """The words (else character runs) of this text that weigh most towards the category."""
        union = self.pipeline.named_steps["features"]
        model = self.pipeline.named_steps["model"]
        row = union.transform([normalised]).tocsr()
        weights = model.coef_[self.classes.index(category)]
        names = union.get_feature_names_out()
        scored = sorted(
            ((row.data[i] * weights[j], names[j]) for i, j in enumerate(row.indices) if row.data[i] * weights[j] > 0),
            reverse=True,
        )
        words = [
            name.split("__", 1)[1]
            for _, name in scored
            if name.startswith("words__") and not all(w in STOP_WORDS or w.isdigit() for w in name[7:].split())
        ]
        chosen = words or [f"…{name.split('__', 1)[1].strip()}…" for _, name in scored]
        return tuple(chosen[:limit])


def text_classifier(*, char_ngrams: tuple[int, int], strength: float):
    """The screen's and the advisor's model: TF-IDF over words (one and two) and character n-grams within words,
    then a balanced logistic regression (`strength`: its C). Unfitted."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngrams, sublinear_tf=True, min_df=2)
    return Pipeline(
        [
            ("features", FeatureUnion([("words", words), ("chars", chars)])),
            ("model", LogisticRegression(C=strength, max_iter=5000, class_weight="balanced")),
        ]
    )


def train(rows: list[dict]) -> Classifier:
    texts = [normalize(fill(row["body"], row.get("samples"))) for row in rows]
    labels = [OK if row["category"] == "link_shortener" else row["category"] for row in rows]
    pipeline = text_classifier(char_ngrams=(2, 5), strength=20.0)
    pipeline.fit(texts, labels)
    return Classifier(pipeline)


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    """The classifier trained on the corpus's training split, the handwritten sets and the everyday bodies, once per
    process."""
    rows = [row for row in load_corpus() if row["split"] == "train"]
    for path in HANDWRITTEN:
        rows += load_corpus(path)
    for path in EVERYDAY:
        rows += [{**row, "category": OK} for row in load_corpus(path)]
    return train(rows)
