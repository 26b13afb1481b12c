"""The category advisor: a Utility template worded like a promotion will likely be filed as Marketing.

WhatsApp files a template as Marketing (billed at the higher rate) when any
part of it promotes: offers, discounts, invitations to buy, new collections,
upselling after an order update. The advisor looks for that wording in
English and Bahasa Indonesia and names the phrases, so the author can
reword, or choose Marketing, before submitting. Strong phrases are enough on
their own; weak ones ("free", "voucher", "diskon") only together, because
receipts and order updates use them too. Measured on corpus/advisor.jsonl by
bench/screen_bench.py.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from .model import fill, load_corpus
from .normalize import normalize

MESSAGE = gettext_lazy("WhatsApp will likely file this as Marketing")
CORPUS = Path(__file__).resolve().parent / "corpus"
# advisor_check.jsonl is never trained on: it measures wording nobody wrote a rule for.
TRAINING = [CORPUS / "advisor.jsonl", CORPUS / "advisor_fresh.jsonl", CORPUS / "advisor_fresh2.jsonl"]
# Chosen by family-grouped cross-validation on the training corpora: at most 5% of plain Utility bodies warned.
MODEL_THRESHOLD = 0.75
MODEL_MIN_WORDS = 6

STRONG = [
    # English
    r"\d+\s*%\s*off",
    r"(up\s*to|extra|save|get|enjoy)\s*\$?\d+\s*%?\s*(off|discount)",
    r"shop\s*(now|our|the|today)|buy\s*now|order\s*now\s*and|grab\s*(yours|it|them)|checkout\s*now",
    r"buy\s*(one|1|two|2)\s*,?\s*get\s*(one|1|\w+)\s*free|bogo",
    r"new\s*(collection|arrivals?|season)|best\s*-?\s*sellers?|(latest|newest)\s*(collection|products|styles)",
    r"(exclusive|special|limited[-\s]*time|flash|vip)\s*(offer|deal|sale|discount|price|access)s?",
    r"(flash|mid-?season|summer|winter|clearance|biggest|black\s*friday|cyber\s*monday)\s*sales?|\bsale\s*(ends|starts|is\s*live)",  # noqa: E501
    r"don'?t\s*miss(\s*out)?|hurry|last\s*chance|while\s*(stocks?|supplies)\s*last|before\s*(it'?s|they'?re)\s*(gone|sold\s*out)|sells?\s*out",  # noqa: E501
    r"upgrade\s*(to|now|today)|switch\s*to\s*(annual|yearly|premium)|\d+\s*months?\s*free|refer\s*a\s*friend",
    r"(promo|discount|coupon|voucher)\s*code|use\s*code\s*\w+|with\s*code\s*\w+",
    r"check\s*out\s*our|discover\s*(our|the)|treat\s*yourself|you'?re\s*invited\s*to\s*our\s*(\w+\s*)?(sale|event)",
    r"complete\s*your\s*purchase|your\s*cart\s*is\s*waiting|items?\s*in\s*your\s*cart",
    r"(add|book)\s*(a|an|another|a\s*second)\s*\w+\s*(and\s*save|for\s*only)",
    r"free\s*(shipping|delivery|gift)\s*(on|with|for)\s*(your\s*)?(next|all|orders)",
    r"something\s*special\s*for\s*you|just\s*for\s*you",
    # Bahasa Indonesia
    r"diskon\s*(s\.?d\.?\s*)?\d+\s*%|potongan\s*(harga\s*)?(rp\s*)?\d+|ekstra\s*diskon|diskon\s*ekstra",
    r"beli\s*\d+\s*gratis\s*\d+|gratis\s*ongkir|cashback\s*\d+",
    r"koleksi\s*(baru|terbaru)|produk\s*(terlaris|terbaru)|menu\s*baru",
    r"(promo|penawaran|harga)\s*(spesial|terbatas|khusus|gajian|akhir\s*bulan)|flash\s*sale|harbolnas|promo\s*terbesar",
    r"belanja\s*sekarang|borong|buruan|checkout\s*sekarang|jangan\s*(sampai\s*)?(lewatkan|ketinggalan)|sebelum\s*kehabisan",  # noqa: E501
    r"(khusus|spesial)\s*untuk(mu|\s*kamu)|kejutan\s*spesial|upgrade\s*ke|pindah\s*ke\s*paket|ajak\s*teman",
    r"kode\s*(promo|voucher|diskon)|pakai\s*kode\s*\w+|gunakan\s*kode\s*\w+",
    r"(cek|intip|lihat)\s*(koleksi|produk|promo)|keranjang\s*(belanja)?(mu)?\s*menunggu|selesaikan\s*pembelian",
    r"tambah\s*\w+\s*(kedua\s*)?(hemat|cuma|hanya)|diundang\s*ke\s*(vip\s*)?(sale|promo)",
    # Offers tucked into an update: a freebie, a price cut, a deadline, an invitation to try or buy more.
    r"(?<!your )free\s*(\w+\s*)?(gift|tote|bag|pastry|coffee|drink|dessert|shipping|delivery|class|session|sample|upgrade)s?",  # noqa: E501
    r"half\s*price|(?<![\w/.-])[2-9]\s*-?\s*for\s*-?\s*(\d|\$\d+)|save\s*\$?\d+|(is|are|'s)\s*on\s*us\b|grab\s*(one|yours|it|them)|double\s*points|(2x|3x)\s*points",  # noqa: E501
    r"(try|discover|meet)\s*our\s*(new|latest)|new\s*(tasting\s*)?menu|(this\s*week|today|this\s*weekend|weekend)\s*only|limited\s*(seats|stock|spots|quantities)",  # noqa: E501
    r"start\s*shopping|enjoy\s*free|complete\s*the\s*look|bring\s*a\s*friend|come\s*back\b.{0,40}\bfree|renew\s*early",
    r"(dapat|dapatkan|dapet|bonus)\s*(\w+\s*)?gratis|gratis\s*(ongkir|tas|roti|kopi|minuman|kelas|sesi|voucher)|\w+\s*pertama\s*gratis",  # noqa: E501
    r"setengah\s*harga|harga\s*spesial|beli\s*\d\s*(bayar|gratis)\s*\d|(kursi|stok|kuota|waktu|tempat)\s*terbatas|(hari|minggu)\s*ini\s*saja",  # noqa: E501
    # Upsells and cross-sells after a transaction: more for a price, a better plan, a member's price, a bonus.
    r"(add|upgrade|top\s*up|switch)\b.{0,40}\b(for\s*(just|only)?\s*\$\d+|\$\d+\s*(extra|more|a\s*day)|at\s*the\s*desk)|(go|switch\s*to)\s*(annual|yearly)|(annual|yearly)\s*plan\s*saves|(bigger|better|faster)\s*\w+\?\s*upgrade",  # noqa: E501
    r"introductory\s*(rate|price|offer|bundle)|launch\s*price|members?[-\s]*(only\s*)?(pric\w*|rates?|deals?)|loyalty\s*pric\w*|(at|for)\s*a\s*(discounted|special|reduced)\s*(rate|price)|\d+\s*%\s*(less|cheaper|off)|(cut|lower|reduce)\s*your\s*bill|lock\s*in\s*(last\s*year'?s|the|your)\s*(price|rate)",  # noqa: E501
    r"(refer|invite)\s*(a|your)\s*(friend|business|colleague)|(earn|get)\s*(a\s*)?\$\d+\s*(credit|off|towards)|\$\d+\s*(to\s*spend|towards)|(bonus|extra)\s*\d+\s*(classes|sessions|gb|points|nights)|(spend|use|redeem)\s*them\s*on|on\s*the\s*house|(coffee|drink|dessert)\s*on\s*us",  # noqa: E501
    r"(customers|people)\s*who\s*bought|you\s*(may|might)\s*(also\s*)?(like|love)|(trending|popular|curated)\s*(this\s*week|picks|now)|see\s*what'?s\s*(new|trending)|(matching|complementary)\s*(accessories|items|products)|complete\s*your\s*(set|look|collection)|early\s*access|try\s*it\s*free|free\s*for\s*\d+\s*days|\d+\s*-?\s*for\s*-?\s*1",  # noqa: E501
    r"(tambah|tambahkan)\b.{0,30}\b(cuma|hanya|aja)\s*(rp\s*)?\d+|(cuma|hanya)\s*(tambah\s*)?(rp\s*)?\d+\s*(rb|ribu|k|jt|juta)?\s*(aja|saja)?\b.{0,20}\b(hari\s*ini|per\s*hari|sebelum)|naik\s*ke\s*kelas|upgrade\s*cuma|paket\s*tahunan|gratis\s*\d+\s*bulan|lebih\s*(murah|hemat)\s*\d*\s*%?|harga\s*(miring|hemat|member|perkenalan|peluncuran|paket|khusus|spesial)",  # noqa: E501
    r"(rekomendasikan|ajak|undang)\s*(bisnis\s*)?teman|(dapat|dapatkan)\s*(kredit|potongan|saldo|bonus)\s*(rp\s*)?\d+|voucher\s*\d+\s*%|potongan\s*\d+\s*(rb|ribu|k|%)|(bonus|gratis)\s*\d+\s*(kelas|sesi|bulan|malam|gb)|beli\s*\d\s*(dapat|dapet|gratis)\s*\d|kunci\s*harga|tagihan\s*(bisa\s*)?turun|pindah\s*ke\s*tarif",  # noqa: E501
    r"(koleksi|produk)\s*\w+\s*(kami\s*)?(sudah\s*)?(rilis|hadir|baru)|(lagi|sedang)\s*(hits|ngetren|tren|populer)|pembeli\s*\w+\s*\w*\s*juga\s*suka|(aksesoris|produk)\s*(pasangan|senada)\w*|lengkapi\s*dengan|(intip|cek|cobain|coba)\s*(di\s*)?(aplikasi|deh|ya)\b|(cobain|coba)\s*(\w+\s*){0,3}(full\s*size|paket\s*perkenalan)|tukarkan\s*dengan\s*produk|khusus\s*(pasien|member|pelanggan)\s*(lama|setia)|buka\s*tabungan\b.{0,40}\btambahkan",  # noqa: E501
    r"poin\s*(dua\s*kali\s*lipat|2x|ganda)|coba\s*(\w+\s*){0,2}(baru|terbaru)|lengkapi\s*gaya|naik\s*ke\s*kelas|yuk\s*(mulai\s*)?belanja|datang\s*lagi\b.{0,40}gratis|hemat\s*(rp\s*)?\d+",  # noqa: E501
]
WEAK = [
    r"\bdiscounts?\b",
    r"\bdeals?\b",
    r"\boffers?\b",
    r"\bpromo(tion)?s?\b",
    r"\bfree\b",
    r"\bsave\b",
    r"\bvouchers?\b",
    r"\bcoupons?\b",
    r"\bcashback\b",
    r"\bdiskon\b",
    r"\bgratis\b",
    r"\bhemat\b",
    r"\bmurah\b",
    r"\bbonus\b",
]
_STRONG = [re.compile(p, re.IGNORECASE) for p in STRONG]
_WEAK = [re.compile(p, re.IGNORECASE) for p in WEAK]


@dataclass(frozen=True)
class Advice:
    """Whether to warn, and the promotional phrases that decided it."""

    warn: bool
    phrases: tuple[str, ...]
    highlighted: tuple[tuple[str, SafeString], ...] = ()  # (where, text with <mark>ed phrases)
    message: str = MESSAGE


def _merged(patterns: list[re.Pattern], text: str) -> list[tuple[int, int]]:
    """Every match of every pattern, overlapping ones joined: "Cek koleksi" + "koleksi terbaru"."""
    spans = sorted(m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _rule_spans(text: str) -> list[tuple[int, int]]:
    strong = _merged(_STRONG, text)
    weak = [(s, e) for s, e in _merged(_WEAK, text) if not any(a <= s < b for a, b in strong)]
    return sorted(strong + weak) if strong or len(weak) >= 2 else []


@lru_cache(maxsize=1)
def _model():
    """Promotional vs plain Utility wording, learnt from the advisor's corpus (a second, wider reader)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    rows = [row for path in TRAINING for row in load_corpus(path)]
    pipeline = Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")),
                        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
                    ]
                ),
            ),
            ("model", LogisticRegression(C=10.0, max_iter=5000, class_weight="balanced")),
        ]
    )
    pipeline.fit([normalize(fill(r["body"], r.get("samples"))) for r in rows], [bool(r["promotional"]) for r in rows])
    return pipeline


def _model_spans(text: str) -> list[tuple[int, int]]:
    """Where the model reads a promotion: the words that weighed most, found in the author's text."""
    pipeline = _model()
    normalised = normalize(text)
    # A button or a footer is too short for the model to read: the phrase rules judge those alone.
    if len(normalised.split()) < MODEL_MIN_WORDS or pipeline.predict_proba([normalised])[0][1] < MODEL_THRESHOLD:
        return []
    union, model = pipeline.named_steps["features"], pipeline.named_steps["model"]
    row = union.transform([normalised]).tocsr()
    names = union.get_feature_names_out()
    weights = model.coef_[0]
    words = sorted(
        ((row.data[i] * weights[j], names[j][7:]) for i, j in enumerate(row.indices) if names[j].startswith("words__")),
        reverse=True,
    )
    spans = []
    for weight, word in words[:3]:
        if weight <= 0 or len(word) < 3:
            continue
        pattern = r"\W+".join(re.escape(part) for part in word.split())
        match = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
        if match:
            spans.append(match.span())
    return spans


@lru_cache(maxsize=512)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    # Pure in the text (rules and model are fixed per process): a page asks for
    # the same parts several times (the advice, its highlighting, the other
    # languages kept while the author types), and the model is the costly part.
    spans = _rule_spans(text) or _model_spans(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def highlight(text: str) -> SafeString:
    """The text, escaped, with each promotional phrase in <mark>."""
    spans = sorted(_spans(text))
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of user text above is escaped


def wording_advice(texts: list[tuple[str, str]]) -> Advice:
    """Advice for (where, text) parts of a Utility template."""
    phrases, highlighted = [], []
    for where, text in texts:
        spans = sorted(_spans(text or ""))
        if spans:
            phrases += [text[s:e] for s, e in spans]
            highlighted.append((where, highlight(text)))
    phrases = list(dict.fromkeys(p.strip() for p in phrases))
    return Advice(warn=bool(phrases), phrases=tuple(phrases), highlighted=tuple(highlighted))


def category_advice(*, template, exclude_language: str = "") -> Advice:
    """For a Utility template: would WhatsApp call it Marketing? Marketing templates never warn."""
    from ..models import Category

    if template is None or template.category != Category.UTILITY:
        return Advice(warn=False, phrases=())
    texts = []
    for content in template.contents.all():
        if content.language == exclude_language:
            continue
        texts += [
            (f"{content.language} header", content.header_text),
            (f"{content.language} body", content.body),
            (f"{content.language} footer", content.footer),
            *((f"{content.language} button", str(b.get("text", ""))) for b in content.buttons),
        ]
    return wording_advice(texts)
