"""The content screen: flag likely-prohibited content before WhatsApp (or a reviewer) sees it.

Three readers look at every part of a template (name, header and its
sample, body, each variable's sample, the body as filled with its samples,
footer, buttons), after normalize.py undoes disguises:

- the curated lexicon (lexicon.py): words and phrase rules per category of
  WhatsApp's Commerce and Business policies, English and Bahasa Indonesia;
- the classifier (model.py), trained from the team's corpus, for offers
  worded in ways no list foresees;
- the organization's own Screening terms (kept in the admin site).

Each finding names its category and why (the phrases, or the words that
weighed most for the classifier). Findings show on the confirm step, the
review desk and the second-person approval; the category advisor
(advisor.py) sits beside them. bench/screen_bench.py measures the screen on
the corpus's held-out split.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from .advisor import Advice, category_advice, wording_advice
from .lexicon import CATEGORIES, lexicon_hits, shortener_hits
from .model import OK, classifier, fill
from .normalize import normalize

__all__ = [
    "CATEGORIES",
    "Advice",
    "Finding",
    "ScreenResult",
    "Term",
    "category_advice",
    "organization_terms",
    "screen_parts",
    "screen_result",
    "template_screen",
    "wording_advice",
]

ORGANIZATION = "organization"


@dataclass(frozen=True)
class Finding:
    category: str  # a key of CATEGORIES, or "organization" for the organization's own terms
    label: str  # what people read: "Gambling", or the term's own label
    phrases: tuple[str, ...]  # what matched (for the classifier: the words that weighed most)
    where: str  # "en_US body", "id sample {{2}}", "en_US content"
    source: str = "lexicon"  # "lexicon", "classifier" or "organization"
    probability: float | None = None

    @property
    def match(self) -> str:
        return self.phrases[0] if self.phrases else ""

    @property
    def reasons(self) -> tuple[str, ...]:
        quoted = ", ".join(f"“{p}”" for p in self.phrases)
        if self.source == "classifier":
            return (
                f"{self.label}: reads like a prohibited offer ({self.probability:.0%}), from {quoted} in {self.where}",
            )
        return tuple(f"{self.label}: “{p}” in {self.where}" for p in self.phrases)


@dataclass(frozen=True)
class Term:
    term: str
    label: str


@dataclass
class ScreenResult:
    findings: list[Finding] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(f.category for f in self.findings))

    @property
    def reasons(self) -> list[str]:
        return [reason for finding in self.findings for reason in finding.reasons]


def _button_text(button) -> str:
    """A button's words: its text, URL or phone and their examples (lists of examples included)."""
    if isinstance(button, dict):
        values = []
        for key, value in button.items():
            if key == "type":
                continue
            values += value if isinstance(value, list) else [value]
        return " ".join(str(v) for v in values if isinstance(v, str | int | float) and v)
    return str(button or "")


def _term_patterns(terms: Iterable[Term]):
    for term in terms:
        if term.term.strip():
            yield term, re.compile(re.escape(term.term.strip()), re.IGNORECASE), normalize(term.term)


def screen_parts(
    *,
    language: str = "",
    name: str = "",
    header_text: str = "",
    header_sample: str = "",
    body: str = "",
    samples: Iterable[str] = (),
    footer: str = "",
    buttons: Iterable = (),
    terms: Iterable[Term] = (),
) -> list[Finding]:
    """Screen one language's content; the parts as WhatsApp receives them."""
    samples = [str(s) for s in samples or []]
    prefix = f"{language} " if language else ""
    parts = [
        ("name", (name or "").replace("_", " ")),
        (f"{prefix}header", header_text),
        (f"{prefix}header sample", header_sample),
        (f"{prefix}body", body),
        *((f"{prefix}sample {{{{{n}}}}}", sample) for n, sample in enumerate(samples, start=1)),
        (f"{prefix}footer", footer),
        *((f"{prefix}button", _button_text(button)) for button in buttons or []),
    ]
    parts = [(where, text) for where, text in parts if text and str(text).strip()]
    filled = fill(body, samples)
    findings: list[Finding] = []
    found: set[tuple[str, str]] = set()

    def add(category: str, phrases: list[str], where: str) -> None:
        new = tuple(p for p in phrases if (category, p) not in found)
        if new:
            found.update((category, p) for p in new)
            findings.append(Finding(category=category, label=CATEGORIES[category], phrases=new, where=where))

    # Words a variable's sample completes ("slot {{1}}" with "gacor") show up in the filled body.
    for where, text in [*parts, (f"{prefix}body with samples", filled)]:
        for category, phrases in lexicon_hits(normalize(text)).items():
            add(category, phrases, where)
        links = shortener_hits(text)
        if links:
            add("link_shortener", links, where)

    compiled = list(_term_patterns(terms))
    for term, pattern, plain in compiled:
        for where, text in parts:
            hit = pattern.search(text)
            if hit or (plain and re.search(rf"\b{re.escape(plain)}\b", normalize(text))):
                findings.append(
                    Finding(
                        category=ORGANIZATION,
                        label=term.label or gettext_lazy("Your organization's list"),
                        phrases=(hit.group(0) if hit else term.term,),
                        where=where,
                        source="organization",
                    )
                )
                break

    # The classifier reads what a customer reads, as it was trained: header, filled body, footer, buttons.
    shown = [header_text, header_sample, filled, footer, *(_button_text(b) for b in buttons or [])]
    whole = " . ".join(normalize(text) for text in shown if text)
    # The classifier speaks when the lexicon found no prohibited content: it is there for the offers no list foresees.
    if any(f.source == "lexicon" and f.category != "link_shortener" for f in findings):
        return findings
    verdict = classifier().verdict(whole)
    if verdict.category != OK:
        findings.append(
            Finding(
                category=verdict.category,
                label=CATEGORIES[verdict.category],
                phrases=verdict.features,
                where=f"{prefix}content".strip(),
                source="classifier",
                probability=verdict.probability,
            )
        )
    return findings


def screen_result(**parts) -> ScreenResult:
    return ScreenResult(findings=screen_parts(**parts))


def organization_terms(organization_id: int) -> list[Term]:
    from ..models import ScreeningTerm

    return [Term(term=t.term, label=t.label) for t in ScreeningTerm.objects.filter(organization_id=organization_id)]


def template_screen(*, template, terms: list[Term] | None = None) -> list[Finding]:
    """Findings for every language of a template, with its organization's own terms (read once when not given)."""
    if terms is None:
        terms = organization_terms(template.organization_id)
    findings: list[Finding] = []
    for position, content in enumerate(template.contents.all()):
        findings += screen_parts(
            language=content.language,
            name=template.name if position == 0 else "",
            header_text=content.header_text,
            header_sample=content.header_text_example,
            body=content.body,
            samples=content.body_examples,
            footer=content.footer,
            buttons=content.buttons,
            terms=terms,
        )
    return findings
