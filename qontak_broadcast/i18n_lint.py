"""A small lint for user-facing text left outside translation.

Templates: words in text between tags (and in the attributes people read:
placeholder, title, aria-label, alt, hx-confirm) that are not inside
{% translate %} or {% blocktranslate %}. Python: string literals handed
straight to the places users read them (messages.*, form labels, help texts
and error messages, ValidationError, choice labels, dialog titles and texts,
the errors the views show) instead of through gettext.

Product names, codes and units are allowed (ALLOWED). Run it with
`python -m qontak_broadcast.i18n_lint`; tests/i18n/test_lint.py keeps it at zero.
"""

from __future__ import annotations

import ast
import html
import re
import sys
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "otp", "security_settings", "templates_app", "team", "qontak_broadcast", "templates")
# Operators' pages (Django's admin, translated by Django) and the development mailbox's raw mail are not the product's.
SKIPPED_TEMPLATES = ("templates/admin/",)
SKIPPED_MODULES = (
    "/migrations/",
    "/management/",
    "admin.py",
    "demo.py",
    "i18n_lint.py",
    "settings.py",
    "test_settings.py",
)

# Names, codes and units that read the same in every language.
ALLOWED = {
    "qontak",
    "broadcast",
    "whatsapp",
    "meta",
    "smtp",
    "debug",
    "url",
    "urls",
    "id",
    "mb",
    "otp",
    "pdf",
    "jpeg",
    "png",
    "mp4",
    "http",
    "https",
    "api",
    "csv",
    "totp",
    "ip",
    "sale",
    "stop",
    "english",
    "bahasa",
    "indonesia",
    "ok",
    "meta_app_secret",
    "waba",
    "www",
    "com",
    "example",
    "auth",
}
READ_ATTRIBUTES = re.compile(r'\b(?:placeholder|title|aria-label|alt|hx-confirm)="([^"]*)"')
TAG = re.compile(r"<[^>]*>")
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
URL = re.compile(r"https?://\S+")
BRACES = re.compile(r"\{\{[^}]*\}\}|&#123;&#123;.*?&#125;&#125;")


def _words(text: str) -> list[str]:
    text = URL.sub(" ", BRACES.sub(" ", html.unescape(BRACES.sub(" ", text))))
    return [w for w in WORD.findall(text) if w.lower().strip("'’") not in ALLOWED]


def template_problems(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    # The template with every tag, variable and translated block replaced by a mark: what is left is
    # the text a person reads untranslated (tags stripped after, so a tag split by {% url %} still goes).
    parts = []
    depth = 0  # inside blocktranslate or comment
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans", "comment"):
                depth += 1
            elif name in ("endblocktranslate", "endblocktrans", "endcomment"):
                depth -= 1
        if token.token_type == TokenType.TEXT and not depth:
            parts.append(token.contents)
        else:
            parts.append("\u00a7" + "\n" * token.contents.count("\n"))
    text = SCRIPT_OR_STYLE.sub(lambda m: "\n" * m.group(0).count("\n"), "".join(parts))
    problems = []
    for number, line in enumerate(_lines_with_tags_joined(text), start=1):
        attributes = " ".join(READ_ATTRIBUTES.findall(line))
        words = _words(TAG.sub(" ", line)) + _words(attributes)
        if words:
            problems.append(f"{path.relative_to(ROOT)}:{number}: {' '.join(words[:8])}")
    return problems


def _lines_with_tags_joined(text: str) -> list[str]:
    """The text's lines, a tag spanning lines kept whole on its first line (the others left empty)."""
    lines = text.split("\n")
    joined = []
    carry = ""
    for line in lines:
        line = carry + line
        if line.count("<") > line.count(">"):
            carry = line + " "
            joined.append("")
            continue
        carry = ""
        joined.append(line)
    return joined


TRANSLATORS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "gettext_noop"}
MESSAGE_FUNCTIONS = {"success", "error", "info", "warning", "debug", "add_message"}
READ_KEYWORDS = {"label", "help_text", "empty_label", "title", "text", "intro", "notice", "error", "button"}
READ_KEYS = {"title", "text", "intro", "notice", "error", "button", "label", "message", "changed"}
USER_ERRORS = {
    "ValidationError",
    "ConnectionRefused",
    "TemplateError",
    "ReviewError",
    "ServiceUnavailable",
    "CodeLockSelfRelease",
    "TeamError",
    "InvitationProblem",
    "ImmutableTemplateError",
}


def _is_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_words(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and _words(str(v.value)) for v in node.values)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


class _Visitor(ast.NodeVisitor):
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def _flag(self, node: ast.AST, why: str) -> None:
        text = ast.unparse(node)[:70]
        self.problems.append(f"{self.path.relative_to(ROOT)}:{node.lineno}: {why}: {text}")

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in TRANSLATORS:
            return  # wrapped: nothing inside is a problem
        if isinstance(node.func, ast.Attribute) and _name(node.func.value) == "messages" and name in MESSAGE_FUNCTIONS:
            for arg in node.args[1:2]:
                if _is_text(arg):
                    self._flag(arg, "message")
        if name in USER_ERRORS and node.args and _is_text(node.args[0]):
            self._flag(node.args[0], name)
        if name == "add_error" and len(node.args) > 1 and _is_text(node.args[1]):
            self._flag(node.args[1], "form error")
        for keyword in node.keywords:
            if keyword.arg in READ_KEYWORDS and _is_text(keyword.value):
                self._flag(keyword.value, keyword.arg)
            if keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
                for value in keyword.value.values:
                    if _is_text(value):
                        self._flag(value, "error message")
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=False):
            if isinstance(key, ast.Constant) and key.value in READ_KEYS and _is_text(value):
                self._flag(value, f"'{key.value}'")
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if any(_name(base) in ("TextChoices", "IntegerChoices") for base in node.bases):
            for statement in node.body:
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
                    label = statement.value.elts[-1]
                    if len(statement.value.elts) > 1 and _is_text(label):
                        self._flag(label, "choice label")
        self.generic_visit(node)


def module_problems(path: Path) -> list[str]:
    visitor = _Visitor(path)
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.problems


def problems() -> list[str]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*")):
            relative = str(path.relative_to(ROOT))
            if (
                path.suffix in (".html", ".txt")
                and "/templates" in f"/{relative}"
                and not relative.startswith(SKIPPED_TEMPLATES)
            ):
                found += template_problems(path)
            elif path.suffix == ".py" and not any(part in f"/{relative}" for part in SKIPPED_MODULES):
                found += module_problems(path)
    return found


if __name__ == "__main__":
    import django

    django.setup()
    found = problems()
    print("\n".join(found) or "No user-facing text outside translation.")
    sys.exit(1 if found else 0)
