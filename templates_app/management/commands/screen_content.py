"""python manage.py screen_content: the content screen for scripts and audits.

Reads JSON lines on standard input, one template content per line:

    {"id": "t1", "language": "id", "name": "promo_juni", "body": "Halo {{1}} ...", "samples": ["Budi"],
     "header_text": "...", "footer": "...", "buttons": [{"type": "URL", "text": "Buka", "url": "..."}]}

and writes one JSON line per input line, in order:

    {"id": "t1", "flagged": true, "categories": ["gambling"], "reasons": ["Gambling: “slot gacor” in id body"]}

A line that is not such an object gets {"id": <its id or null>, "error": "..."} and the
command goes on. Blank lines are skipped. With --organization NAME it screens that
organization's templates instead (its own Screening terms included), one line per template.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organization
from templates_app.models import Template
from templates_app.screening import ScreenResult, organization_terms, screen_parts, template_screen

TEXT_FIELDS = ("language", "name", "body", "header_text", "footer")


class BadLine(ValueError):
    pass


def _parts(item) -> dict:
    if not isinstance(item, dict):
        raise BadLine("Each line must be a JSON object.")
    if "body" not in item:
        raise BadLine("“body” is missing.")
    parts = {}
    for key in TEXT_FIELDS:
        value = item.get(key) or ""
        if not isinstance(value, str):
            raise BadLine(f"“{key}” must be a string.")
        parts[key] = value
    samples = item.get("samples") or []
    if isinstance(samples, dict):  # {"1": "Budi", "2": "#A1"}: samples keyed by variable number
        try:
            samples = [value for _, value in sorted(samples.items(), key=lambda pair: int(pair[0]))]
        except ValueError as exc:
            raise BadLine("“samples” keys must be variable numbers.") from exc
    if not isinstance(samples, list) or not all(isinstance(s, str | int | float) for s in samples):
        raise BadLine("“samples” must be a list of strings.")
    buttons = item.get("buttons") or []
    if not isinstance(buttons, list) or not all(isinstance(b, dict | str) for b in buttons):
        raise BadLine("“buttons” must be a list of objects.")
    header_sample = item.get("header_text_example") or ""
    if not isinstance(header_sample, str):
        raise BadLine("“header_text_example” must be a string.")
    return {
        **parts,
        "header_sample": header_sample,
        "samples": [str(s) for s in samples],
        "buttons": buttons,
    }


def _line(identifier, result: ScreenResult) -> dict:
    return {"id": identifier, "flagged": result.flagged, "categories": result.categories, "reasons": result.reasons}


class Command(BaseCommand):
    help = "Screen template contents for likely-prohibited content: JSON lines in, one JSON line out per input."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="Screen this organization's templates instead of standard input.")

    def handle(self, *args, organization=None, **options):
        if organization is not None:
            self._screen_organization(organization)
            return
        stdin = options.get("stdin") or sys.stdin
        for raw in stdin:
            if not raw.strip():
                continue
            self._emit(self._screen_line(raw))

    def _emit(self, payload: dict) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False))
        self.stdout.flush()

    def _screen_line(self, raw: str) -> dict:
        identifier = None
        try:
            item = json.loads(raw)
            if isinstance(item, dict):
                identifier = item.get("id")
                if not isinstance(identifier, str | int | float | type(None)) or isinstance(identifier, bool):
                    identifier = None
                    raise BadLine("“id” must be a string or a number.")
            return _line(identifier, ScreenResult(findings=screen_parts(**_parts(item))))
        except json.JSONDecodeError as exc:
            return {"id": None, "error": f"Not JSON: {exc.msg} (column {exc.colno})."}
        except BadLine as exc:
            return {"id": identifier, "error": str(exc)}
        except Exception as exc:  # noqa: BLE001 - one bad line must never stop the others
            return {"id": identifier, "error": f"Could not screen this line: {type(exc).__name__}."}

    def _screen_organization(self, name: str) -> None:
        matches = list(Organization.objects.filter(name=name))
        if not matches and name.isdigit():
            matches = list(Organization.objects.filter(pk=int(name)))
        if not matches:
            raise CommandError(f"No organization is called {name!r}.")
        if len(matches) > 1:
            ids = ", ".join(str(o.pk) for o in matches)
            raise CommandError(f"Several organizations are called {name!r} (ids {ids}): pass the id instead.")
        org = matches[0]
        terms = organization_terms(org.pk)
        templates = Template.objects.filter(organization=org).order_by("id").prefetch_related("contents")
        for template in templates.iterator(chunk_size=500):
            result = ScreenResult(findings=template_screen(template=template, terms=terms))
            self._emit({**_line(template.pk, result), "name": template.name})
