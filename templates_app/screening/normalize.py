"""Undo the disguises prohibited senders use, so one lexicon and one model read them all.

"S L O T  G4C0R 🎰", "ｊｕｄｉ", "v!agra", "sloooot" and "j.u.d.i" all become
plain lowercase words: accents and look-alike Unicode folded, telling emoji
turned into words, spaced-out and dotted letters joined, digits and symbols
used as letters read as letters, stretched letters shortened.
"""

import re
import unicodedata

# Emoji that carry meaning in prohibited offers; every other emoji is dropped.
EMOJI_WORDS = {
    "💊": "pill",
    "💉": "injection",
    "🍁": "weed",
    "🌿": "weed",
    "🍃": "weed",
    "❄": "snow",
    "🍄": "mushroom",
    "🔫": "gun",
    "💣": "bomb",
    "🧨": "explosive",
    "🗡": "knife",
    "🔪": "knife",
    "🎰": "slot",
    "🎲": "dice",
    "🃏": "card",
    "🀄": "mahjong",
    "🔞": "adult",
    "🍆": "sexy",
    "🍑": "sexy",
    "💦": "sexy",
    "🍺": "beer",
    "🍻": "beer",
    "🍷": "wine",
    "🍸": "liquor",
    "🥃": "whisky",
    "🍾": "liquor",
    "🚬": "cigarette",
    "🐒": "monkey",
    "🦜": "parrot",
    "🐍": "snake",
    "🐯": "tiger",
    "🐅": "tiger",
    "🐢": "turtle",
    "🦏": "rhino",
    "🐘": "elephant",
}

LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s",
                      "!": "i", "|": "l", "€": "e"})  # fmt: skip
_LEET_CHARS = "0134578@$!|€"
_TOKEN = re.compile(r"[a-z0-9@$!|€]+")
# Prices and quantities keep their digits: 50rb, 1jt, 10kg, 4d, 2x, 24h, 5mg, rp50.
_QUANTITY = re.compile(r"^(rp|usd|idr)?\d+([a-z]{1,3})?$")
_INTRAWORD = re.compile(r"(?<=[a-z0-9])[*_~^`'’](?=[a-z0-9])")
# Three or more single letters or digits, each followed by one separator: "s l o t", "j.u.d.i", "p-i-n".
_SPACED = re.compile(r"(?<![\w])((?:[a-z0-9@$][ .\-_*/]){2,}[a-z0-9@$])(?![\w])")
# "sloooot" -> "slot", but a run that is the whole word ("aaa", "xxx") stays.
_STRETCH = re.compile(r"(?<=[a-z])([a-z])\1{2,}|([a-z])\2{2,}(?=[a-z])")
# Between dotted or dashed words: "b.o.o.k.i.n.g. .o.u.t" -> "b.o.o.k.i.n.g  o.u.t".
_WORD_GAP = re.compile(r"(?<=[a-z0-9])[.\-_*/] [.\-_*/](?=[a-z0-9])")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")


# Cyrillic and Greek letters that look Latin ("саsinо" with a Cyrillic с and о); NFKC leaves them alone.
CONFUSABLES = str.maketrans(
    "аеорсухіјѕкмтнвгдлпАВЕКМНОРСТХІЈЅαβεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijskmthbrdnnABEKMHOPCTXIJSabeiknoptuxABEHIKMNOPTYX",
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(CONFUSABLES)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _ZERO_WIDTH.sub("", text)


def _emoji(text: str) -> str:
    out = []
    for ch in text:
        if ch in EMOJI_WORDS:
            out.append(f" {EMOJI_WORDS[ch]} ")
        elif unicodedata.category(ch) in ("So", "Sk", "Cs", "Co") or 0xFE00 <= ord(ch) <= 0xFE0F:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _unleet(token: str) -> str:
    core = token.rstrip("!|")
    if core != token:  # "wow!!" is punctuation, not letters
        return _unleet(core) + token[len(core) :] if core else token
    if not any(ch in _LEET_CHARS for ch in token) or (_QUANTITY.match(token) and not token.startswith("0")):
        return token
    if re.fullmatch(r"[a-z]0|0[a-z]", token):  # "b0", "0d": a zero beside one letter is an o
        return token.replace("0", "o")
    if sum(ch.isalpha() for ch in token) < 2:
        return token
    # Only digits that sit against a letter are letters in disguise ("g4c0r"); "slot88" keeps its number.
    head = re.match(r"^\d{2,}", token)
    tail = re.search(r"\d{2,}$", token)
    start = head.end() if head else 0
    end = tail.start() if tail else len(token)
    return token[:start] + token[start:end].translate(LEET) + token[end:]


def normalize(text: str) -> str:
    """Lowercase, plain-letter text for the lexicon and the classifier."""
    text = _emoji(_fold(text or "")).casefold()
    text = _INTRAWORD.sub("", text)
    text = _WORD_GAP.sub("  ", text)
    text = _SPACED.sub(lambda m: re.sub(r"[ .\-_*/]", "", m.group(1)), text)
    text = _TOKEN.sub(lambda m: _unleet(m.group(0)), text)
    text = _STRETCH.sub(lambda m: m.group(1) or m.group(2), text)
    return re.sub(r"\s+", " ", text).strip()
