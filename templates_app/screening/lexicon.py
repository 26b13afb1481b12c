"""The curated lexicon: words and phrase rules per prohibited category, in English and Bahasa Indonesia.

Patterns run on normalised text (see normalize.py), so they are written in
plain lowercase letters; ``\\s*`` between words also catches words run
together once spacing tricks are undone. A word that legitimate senders use
too ("slot", "pistol", "anggur", "obat", "code") only counts inside a phrase
that makes the offer (sell, no prescription, send us the code); otherwise
the classifier weighs it in context.

Categories follow WhatsApp's Commerce and Business policies.
"""

import re

CATEGORIES = {
    "drugs": "Drugs",
    "weapons": "Weapons",
    "gambling": "Gambling",
    "adult": "Adult content",
    "alcohol_tobacco": "Alcohol, tobacco and vapes",
    "counterfeit": "Counterfeit goods",
    "financial_scam": "Financial scam",
    "health_claims": "Miracle health claims",
    "phishing": "Phishing",
    "wildlife": "Animals and wildlife",
    "link_shortener": "Link shortener",
}


def near(left: str, right: str, gap: int = 50) -> str:
    """left then right within a few words, either order."""
    return rf"(?:\b(?:{left})\b.{{0,{gap}}}?\b(?:{right})\b|\b(?:{right})\b.{{0,{gap}}}?\b(?:{left})\b)"


SELL_EN = r"for\s*sale|selling|sell|in\s*stock|available|order|buy|deliver\w*|ships?|shipping|wholesale|bulk|price|cash|dm|restock\w*|drop|menu|rates?"  # noqa: E501
SELL_ID = r"jual|dijual|ready|stok|stock|order|pesan|cod|kirim|grosir|harga|minat|promo|diskon|murah|agen|supplier|open\s*po|lepas|reseller|nego"  # noqa: E501
SELL = f"{SELL_EN}|{SELL_ID}"

RULES: dict[str, list[str]] = {
    "drugs": [
        r"cocaine|kokain|heroin|methamphetamine|meth\b|shabu|sabu(\s*-?\s*sabu)?|ganja|cimeng|marijuana|cannabis",
        r"mdma|ecstasy|ekstasi|extasi|inex|\blsd\b|shrooms|magic\s*mushrooms?|ketamine?|fentanyl|putaw",
        r"xanax|oxycodone|oxycontin|percocet|percs|adderall|vicodin|alprazolam|riklona|trihex\w*|dextro\b",
        r"pil\s*koplo|koplo|tembakau\s*(gorila|sintetis)|double\s*l\b|codeine\s*syrup|purple\s*drank|obat\s*aborsi|cytotec|gastrul",  # noqa: E501
        r"no\s*prescription|without\s*(a\s*)?(prescription|doctor|script)|no\s*(rx|script)|tanpa\s*resep|bebas\s*resep|no\s*resep",  # noqa: E501
        near(r"weed|kush|molly|lean|oxy|tramadol|valium|obat\s*(penenang|tidur)|pill", SELL, 40),
    ],
    "weapons": [
        r"ghost\s*gun|80\s*%?\s*lower|untraceable|off-?paper|senpi|pistol\s*rakitan|bahan\s*peledak|bom\s*ikan|dopis",
        r"\bc-?4\b|\btnt\b|tannerite|grenades?|granat|silencer|suppressor|peluru\s*tajam|no\s*serial\s*number|no\s*ffl",
        near(
            r"glock|(?<!water )(?<!glue )(?<!nail )(?<!heat )(?<!spray )(?<!nerf )(?<!toy )guns?|handguns?|firearms?|rifles?|shotgun\w*|revolver|ak-?47|ar-?15|9\s*mm|ammo|ammunition|stun\s*guns?|switchblades?|tasers?",  # noqa: E501
            r"for\s*sale|selling|sell|in\s*stock|ready|cash\s*only|no\s*(background|paperwork|questions|id)|wholesale|restock|shipment|kit|parts|obo",  # noqa: E501
            40,
        ),
        near(
            r"senjata(\s*api)?|pistol(?!\s*(air|semprot|lem|mainan|cat|tembak\s*lem))|senapan|revolver|airsoft|amunisi|peluru|glock|fn\b",  # noqa: E501
            r"jual|ready|stok|tanpa\s*(surat|izin)|surat\s*menyusul|cod|grosir|minat|nego|rakitan|siap\s*(kirim|pakai)|open\s*order",  # noqa: E501
            40,
        ),
    ],
    "gambling": [
        r"casino|kasino|gacor|maxwin|\bjudi|judol|togel|toto\s*(4d|sgp|hk|sydney)|sportsbook|sports\s*betting|betting",
        r"free\s*spins?|free\s*chips?|deposit\s*bonus|bonus\s*deposit|roulette|baccarat|blackjack|poker\s*(online|for\s*real\s*money)|domino\s*qq",  # noqa: E501
        r"sabung\s*ayam|mahjong\s*ways|zeus\s*olympus|slot\s*(88|online|gacor)|situs\s*(slot|judi|resmi\s*terpercaya)|rtp\s*live|wd\s*lancar|anti\s*rungkad",  # noqa: E501
        r"free\s*bets?|freebet|first\s*bet|no-?loss\s*(first\s*)?bet|scatter|jp\s*paus|bandar(\s*(togel|judi|terpercaya))|parlay|bet\s*now|place\s*your\s*bets?|real\s*(money|cash)\s*(games?|slots?|casino)|win\s*real\s*(money|cash)",  # noqa: E501
        r"\b(2d|3d|4d)\b.{0,30}(angka|prediksi|pasang|bocoran)|(angka|prediksi|pasang|bocoran).{0,30}\b(2d|3d|4d)\b",
        near(r"slots?|jackpot", r"deposit|depo|spins?|wd|withdraw|payouts?|min\s*deposit", 40),
    ],
    "adult": [
        r"porn\w*|\bxxx\b|bokep|\bescorts?\b|open\s*bo\b|\bvcs\b|cewek\s*panggilan|pijat\s*plus|plus\s*plus|ayam\s*kampus",
        r"tante\s*girang|video\s*syur|nudes|onlyfans|happy\s*ending|hook\s*-?up|one\s*night\s*stand|sugar\s*daddy",
        r"private\s*girls|(pick|choose)\s*your\s*girl|pilih\s*(cewek|ceweknya)|cam\s*shows?|sexy\s*video\s*call|booking\s*out|short\s*time.{0,40}long\s*time|incall|outcall|adult\s*videos?",
        r"\b18\s*\+.{0,40}(video|link|grup|group|channel|folder|full|viral)|(video|link|grup|group|channel|viral).{0,20}\b18\s*\+",  # noqa: E501
        r"\badult\b.{0,40}\b(video|link|grup|group|channel|folder|full|viral|sexy)\b",
    ],
    "alcohol_tobacco": [
        r"vodka|whiske?y|tequila|liquor|\bmiras\b|minuman\s*keras|\bciu\b|\barak\b|soju|e-?liquid|saltnic|nicotine|cerutu|cigars?\b|cigarettes?|liquid\s*vape",  # noqa: E501
        r"rokok\s*(tanpa|non)\s*cukai|(tanpa|non)\s*cukai|duty-?free\s*(cigarettes|cartons|packs)",
        near(
            r"(?<!free and )vapes?\b(?!-?\s*free)|vape\s*(juice|pods?)|\bpods?\b|rokok|tembakau|craft\s*beer|beers?\b|\bbir\b(?!\s*pletok)|\bwine\b(?!\s*red)|anggur\s*merah",  # noqa: E501
            r"jual|ready|stok|stock|grosir|agen|reseller|po|pre-?order|limited|edisi|flavou?rs?|rasa|delivered|delivery|antar|slop|botol|bottles?|cartons?|packs?|happy\s*hour|sale|deal|clearance|order|promo|diskon|club|drop|impor|murah",  # noqa: E501
            40,
        ),
    ],
    "counterfeit": [
        r"\bkw\b|replika|super\s*clone|1\s*:\s*1|mirror\s*quality|ori\s*mirror|grade\s*ori|first\s*copy|aaa\s*quality|grade\s*a\s*copy",  # noqa: E501
        r"copy\s*original|mirip\s*ori|persis\s*ori|dupe\s*with\s*logo|barang\s*bm\b|fake\s*(rolex|gucci|louis|nike|chanel|dior|prada|hermes|designer)",  # noqa: E501
        r"(looks?\s*100\s*%\s*real|nobody\s*can\s*tell|pass\s*any\s*legit\s*check|indistinguishable|gak\s*ketahuan|tidak\s*ketahuan)",  # noqa: E501
        near(
            r"rolex|louis\s*vuitton|gucci|nike|adidas|hermes|chanel|prada|dior|iphone|balenciaga|lv",
            r"replicas?|clone|copy|unbranded|mirror|inspired",
            40,
        ),
    ],
    "financial_scam": [
        r"(?<!not )guaranteed\s*(returns?|profits?|income)|double\s*your\s*money|money\s*doubling|risk-?\s*free\s*invest\w*",  # noqa: E501
        r"profit\s*(pasti|dijamin)|(untung|profit)\s*pasti|gandakan\s*uang|uang\s*gaib|pesugihan|investasi\s*bodong|pinjol|robot\s*trading|forex\s*(robot|bot)",  # noqa: E501
        r"tanpa\s*(bi\s*checking|agunan|jaminan)|no\s*credit\s*check|bad\s*credit\s*ok|modal\s*kecil\s*untung\s*besar|anti\s*rugi|tanpa\s*risiko|zero\s*risk",  # noqa: E501
        r"(processing|handling|release|clearance|insurance|unlock)\s*fee|biaya\s*(admin|pencairan|pajak\s*hadiah)|transfer\s*(deposit|biaya)|pay\s*the\s*(insurance|fee)",  # noqa: E501
        r"\d+\s*%\s*(per|a|each|every|setiap|tiap)?\s*(hari|day|daily|minggu|week|bulan|month)\b.{0,40}(profit|untung|returns?|dijamin|guaranteed)|(profit|untung|returns?)\s*\d+\s*%\s*(per|a|sehari|setiap|tiap|monthly|daily)",  # noqa: E501
        r"(\d+x|dua\s*kali|2\s*x)\s*lipat|(10|2)x\s*back|cair\s*(dalam\s*)?\d+\s*menit|cash\s*in\s*\d+\s*minutes",
    ],
    "health_claims": [
        r"obat\s*kuat|pembesar|peninggi\s*badan|sembuh\s*total|100\s*%\s*sembuh|sembuh\s*kanker|menyembuhkan\s*(kanker|diabetes)|herbal\s*ajaib",  # noqa: E501
        r"miracle\s*(cure|oil|formula)|male\s*enhancement|erection|viagra|cialis|burn\s*fat\s*overnight|reverse\s*aging|doctors\s*hate|penghancur\s*lemak",  # noqa: E501
        r"cures?\s*(cancer|diabetes|hiv|hypertension)|cure\s*diabetes|(lose|lost|turun|langsing)\s*\d+\s*(kg|kilos?|lbs|pounds)\s*(in|dalam)?\s*(\d+\s*(days?|hari|weeks?)|seminggu|a\s*week)",  # noqa: E501
        r"cures?\s*(it\s*)?(for\s*good|permanently|forever)|detox\s*that\s*cures|(turun|lose)\s*\d+\s*(kg|lbs)\s*seminggu|grow\s*\d+\s*inches|(sembuh|hilang)\s*selamanya|tahan\s*lama.{0,30}perkasa|pelangsing\s*ampuh",  # noqa: E501
        near(
            r"tanpa\s*efek\s*samping|no\s*side\s*effects|dijamin\s*berhasil|100\s*%\s*ampuh|clinically\s*proven",
            r"obat|herbal|kapsul|capsule|tea|teh|jamu|cure|sembuh|diet|slim|langsing",
            60,
        ),  # noqa: E501
    ],
    "phishing": [
        r"perubahan\s*tarif\s*transfer|tarif\s*transfer\s*(baru|bank)",
        near(
            r"send|reply\s*(with|back)|share|forward|tell\s*us|provide|type|give\s*us|kirim\w*|sebutkan|balas|berikan|bagikan|fotokan|kasih|infokan|ketik|isi",  # noqa: E501
            r"otp|\bpin\b|password|kata\s*sandi|cvv|verification\s*code|kode\s*(otp|verifikasi|aktivasi)|6\s*digit|login\s*details|card\s*number|nomor\s*kartu|the\s*code|kode\s*(yang|dari)",  # noqa: E501
            40,
        ),
        r"(confirm|verify|update|enter|we\s*need|konfirmasi|verifikasi|perbarui|masukkan|butuh)\s*(your|anda|kamu)?\s*(otp|pin(\s*atm|\s*m-?banking)?|password|kata\s*sandi|cvv|login\s*details|card\s*number|nomor\s*kartu|the\s*6-?\s*digit\s*code|kode\s*otp)\b",  # noqa: E501
    ],
    "wildlife": [
        r"ivory|gading\s*gajah|pangolin|trenggiling|rhino\s*horn|cula\s*badak|shark\s*fin|sirip\s*hiu|slow\s*loris|kukang",
        r"tiger\s*(cubs?|skin)|kulit\s*harimau|telur\s*penyu|turtle\s*eggs|\bowa\b|lutung|orangutan|elang\s*jawa|cendrawasih",
        r"(jual|ready|lepas|dijual)\s*(anakan\s*|anak\s*|baby\s*)?(monyet|kucing|anjing|burung|kakatua|nuri|landak|musang|ular|sugar\s*glider|iguana)",  # noqa: E501
        r"(anakan|baby)\s*(monyet|kucing|anjing|kakatua|nuri|landak|musang)",
        r"(puppies|kittens|monkey|parrot\s*chicks?|sugar\s*gliders?|exotic\s*(pets|birds)|python|macaw)s?\s*(for\s*sale|available|in\s*stock|ready)",  # noqa: E501
        near(
            r"(?<!makanan )(?<!pakan )(?<!pasir )(?<!food for )(anak\s*)?(monyet|kukang|anjing|kucing\s*persia|burung\s*(kakatua|nuri|elang|liar)|kakatua|nuri|landak\s*mini|musang|ular\s*sanca|monkeys?|parrots?(\s*chicks?)?|macaws?|exotic\s*(birds|pets)|puppies|kittens|turtles?(\s*eggs?)?|penyu|sugar\s*gliders?|pythons?|iguanas?|owls?|burung\s*hantu)",  # noqa: E501
            r"for\s*sale|selling|wholesale|import|collectors|resellers|bulk\s*orders|supplier|grosir|partai\s*besar|jual|dijual|anakan|lepas|rehoming|jungle|hutan|liar",  # noqa: E501
            50,
        ),
        r"(selling|rehoming\s*for\s*a\s*fee)\s*(my\s*)?(\w+\s*)?(monkey|parrot|puppy|kitten|python|sugar\s*glider|loris)",
    ],
}
# Phrases that turn a phishing-like sentence into the bank's own warning.
PHISHING_NEGATIONS = re.compile(
    r"(never|don'?t|do\s*not|not\s*even|jangan|tidak\s*pernah|tidak\s*akan|bukan)\W+(\w+\W+){0,6}?$", re.IGNORECASE
)

SHORTENERS = re.compile(
    r"(?<![\w.-])(bit\.ly|bitly\.com|tinyurl\.com|t\.co|goo\.gl|ow\.ly|s\.id|cutt\.ly|is\.gd|v\.gd|rebrand\.ly|shorturl\.at"
    r"|tiny\.cc|rb\.gy|t\.ly|buff\.ly|shorte\.st|adf\.ly|bl\.ink|lnkd\.in|u\.to|cli\.re|short\.io|tiny\.one)(?=/|\b)",
    re.IGNORECASE,
)

# Whole words only ("sabu" is not "sabung"); digits may touch a word ("slot88").
COMPILED = {
    category: [re.compile(rf"(?<![a-z])(?:{pattern})(?![a-z])") for pattern in patterns]
    for category, patterns in RULES.items()
}


def lexicon_hits(normalised: str) -> dict[str, list[str]]:
    """Category -> the phrases that matched, in order of appearance."""
    hits: dict[str, list[str]] = {}
    for category, patterns in COMPILED.items():
        for pattern in patterns:
            for match in pattern.finditer(normalised):
                if category == "phishing" and PHISHING_NEGATIONS.search(normalised[: match.start()]):
                    continue
                phrase = match.group(0).strip()
                if phrase and phrase not in hits.setdefault(category, []):
                    hits[category].append(phrase)
        if not hits.get(category):
            hits.pop(category, None)
    return hits


def shortener_hits(raw: str) -> list[str]:
    return list(dict.fromkeys(m.group(0).lower() for m in SHORTENERS.finditer(raw or "")))
