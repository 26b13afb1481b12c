"""A content screen: flag likely-prohibited content before WhatsApp (or a reviewer) sees it.

Findings are shown, not enforced: the submitter sees them before the code
step, reviewers on the review desk. Organizations add their own terms in the
admin site (ScreeningTerm); the built-in set covers what WhatsApp's
commerce policy most often rejects.
"""

import re
from dataclasses import dataclass

from .models import ScreeningTerm, Template

BUILT_IN = [
    ("Gambling", r"\b(casino|gambl\w*|judi|slot\s*online|togel|taruhan|sportsbook|betting)\b"),
    ("Weapons", r"\b(firearms?|handguns?|rifles?|ammunition|ammo|senjata\s*api|explosives?)\b"),
    ("Drugs", r"\b(cocaine|heroin|methamphetamine|narkoba|ganja|cannabis|marijuana|ecstasy)\b"),
    ("Adult content", r"\b(porn\w*|xxx|escort\s*service|sex\s*video|bokep|nudes?)\b"),
    (
        "Link shortener",
        r"\b(bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|s\.id|cutt\.ly|is\.gd|rebrand\.ly|shorturl\.at)\b",
    ),
]
_BUILT_IN = [(label, re.compile(pattern, re.IGNORECASE)) for label, pattern in BUILT_IN]


@dataclass(frozen=True)
class Finding:
    label: str
    match: str
    where: str


def _texts(template: Template):
    for content in template.contents.all():
        lang = content.language
        yield f"{lang} header", content.header_text
        yield f"{lang} header sample", content.header_text_example
        yield f"{lang} body", content.body
        for n, sample in enumerate(content.body_examples, start=1):
            yield f"{lang} sample {{{{{n}}}}}", sample
        yield f"{lang} footer", content.footer
        for button in content.buttons:
            yield f"{lang} button", " ".join(str(button.get(k, "")) for k in ("text", "url", "url_example"))


def template_screen(*, template: Template) -> list[Finding]:
    rules = list(_BUILT_IN)
    for term in ScreeningTerm.objects.filter(organization_id=template.organization_id):
        rules.append((term.label or "Your organization's list", re.compile(re.escape(term.term), re.IGNORECASE)))
    findings: list[Finding] = []
    seen = set()
    for where, text in _texts(template):
        if not text:
            continue
        for label, pattern in rules:
            for match in pattern.finditer(text):
                key = (label, match.group(0).lower(), where)
                if key not in seen:
                    seen.add(key)
                    findings.append(Finding(label=label, match=match.group(0), where=where))
    return findings
