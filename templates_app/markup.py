"""WhatsApp formatting rendered as safe HTML, for template previews.

Every piece of user text, samples included, is HTML-escaped; the only tags
that can come out are <strong>, <em>, <s>, <code>, <br> and
<span class="var"> / <span class="var var-empty">, always balanced.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

# Samples by variable as written between the braces ("1", "order_id"), or
# numbered samples as a list (the first is {{1}}'s).
Samples = Mapping[str, str] | Sequence[str] | None

MARKER_TAGS = {"*": "strong", "_": "em", "~": "s"}
MONO = "```"

# Numbered ({{1}}) and named ({{order_id}}) variables look alike here: the
# rules, not the preview, say which a template may use.
_VARIABLE = re.compile(r"\{\{([a-z0-9_]+)\}\}")
_ATOM = re.compile(r"(\{\{[a-z0-9_]+\}\})|(```)|([*_~])|([^{*_~`]+|[{`])")

TEXT, VARIABLE, MARKER, MONO_MARKER = "text", "variable", "marker", "mono"


@dataclass(frozen=True)
class _Atom:
    kind: str
    text: str


def render_markup(text: str, samples: Samples = None) -> str:
    """Preview HTML for a template text, variables filled from samples.

    Markers pair only within one line and only with non-space right inside
    (`*bold*`, not `* bold *`), and not inside a word (`snake_case_name`).
    The result is safe to mark_safe.
    """
    samples = sample_map(samples)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_render_line(line, samples) for line in lines)


def sample_map(samples: Samples) -> dict[str, str]:
    """Samples keyed as their variables are written."""
    if samples is None:
        return {}
    if isinstance(samples, Mapping):
        return {str(key): str(value) for key, value in samples.items()}
    return {str(number): str(value) for number, value in enumerate(samples, start=1)}


def fill_variables(text: str, samples: Samples) -> str:
    """Text with each variable replaced by its sample (kept when there is none)."""
    samples = sample_map(samples)

    def sample_for(match: re.Match[str]) -> str:
        sample = _sample(match.group(1), samples)
        return match.group(0) if sample is None else sample

    return _VARIABLE.sub(sample_for, text)


def _render_line(line: str, samples: dict[str, str]) -> str:
    atoms = [_atom(match) for match in _ATOM.finditer(line)]
    closers = _closers(atoms)
    return _render(atoms, 0, len(atoms), closers, samples)


def _atom(match: re.Match[str]) -> _Atom:
    variable, mono, marker, _ = match.groups()
    if variable:
        return _Atom(VARIABLE, variable)
    if mono:
        return _Atom(MONO_MARKER, mono)
    if marker:
        return _Atom(MARKER, marker)
    return _Atom(TEXT, match.group(0))


def _closers(atoms: list[_Atom]) -> dict[str, list[int]]:
    """Positions where each marker could close a span, in order.

    Whether a marker can close depends only on its neighbours, so this is
    worked out once per line and openers look their closer up by bisection.
    """
    closers: dict[str, list[int]] = {marker: [] for marker in (*MARKER_TAGS, MONO)}
    for index, atom in enumerate(atoms):
        if atom.kind == MARKER:
            if not _ends_with_space(atoms, index - 1) and not _starts_word(atoms, index + 1):
                closers[atom.text].append(index)
        elif atom.kind == MONO_MARKER and not _ends_with_space(atoms, index - 1):
            closers[MONO].append(index)
    return closers


def _render(
    atoms: list[_Atom],
    start: int,
    end: int,
    closers: dict[str, list[int]],
    samples: dict[str, str],
) -> str:
    html: list[str] = []
    index = start
    while index < end:
        atom = atoms[index]
        closer = None
        if atom.kind == MARKER and not _ends_word(atoms, index - 1) and not _same_marker_next(atoms, index):
            closer = _first_closer(closers[atom.text], index, end, atoms)
        elif atom.kind == MONO_MARKER:
            closer = _first_closer(closers[MONO], index, end, atoms)
        if closer is None:
            html.append(_literal(atom, samples))
            index += 1
            continue
        if atom.kind == MONO_MARKER:
            # Monospace text is shown as typed: no formatting inside.
            inner = "".join(_literal(inner_atom, samples) for inner_atom in atoms[index + 1 : closer])
            html.append(f"<code>{inner}</code>")
        else:
            tag = MARKER_TAGS[atom.text]
            inner = _render(atoms, index + 1, closer, closers, samples)
            html.append(f"<{tag}>{inner}</{tag}>")
        index = closer + 1
    return "".join(html)


def _first_closer(candidates: list[int], opener: int, end: int, atoms: list[_Atom]) -> int | None:
    if opener + 1 >= end or _starts_with_space(atoms, opener + 1):
        return None
    position = bisect.bisect_left(candidates, opener + 2)
    if position < len(candidates) and candidates[position] < end:
        return candidates[position]
    return None


def _literal(atom: _Atom, samples: dict[str, str]) -> str:
    if atom.kind != VARIABLE:
        return escape(atom.text)
    sample = _sample(atom.text[2:-2], samples)
    if sample is None:
        return f'<span class="var var-empty">{escape(atom.text)}</span>'
    return f'<span class="var">{escape(sample)}</span>'


def _sample(key: str, samples: dict[str, str]) -> str | None:
    # Looked up as written: "01" is not "1", and a huge number is just absent.
    sample = samples.get(key)
    return sample if sample is not None and sample.strip() else None


def _same_marker_next(atoms: list[_Atom], index: int) -> bool:
    # "**bold**" reads as "*" + bold + "*", the outer pair staying literal.
    return index + 1 < len(atoms) and atoms[index + 1] == atoms[index]


# Neighbour tests: a variable counts as a word, a marker as punctuation.


def _ends_word(atoms: list[_Atom], index: int) -> bool:
    if index < 0:
        return False
    atom = atoms[index]
    return atom.kind == VARIABLE or (atom.kind == TEXT and atom.text[-1].isalnum())


def _starts_word(atoms: list[_Atom], index: int) -> bool:
    if index >= len(atoms):
        return False
    atom = atoms[index]
    return atom.kind == VARIABLE or (atom.kind == TEXT and atom.text[0].isalnum())


def _ends_with_space(atoms: list[_Atom], index: int) -> bool:
    return index < 0 or (atoms[index].kind == TEXT and atoms[index].text[-1].isspace())


def _starts_with_space(atoms: list[_Atom], index: int) -> bool:
    return index >= len(atoms) or (atoms[index].kind == TEXT and atoms[index].text[0].isspace())
