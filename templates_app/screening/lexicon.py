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

from django.utils.translation import gettext_lazy

# Names people read, in their language (the keys are what screen_content prints).
CATEGORIES = {
    "drugs": gettext_lazy("Drugs"),
    "weapons": gettext_lazy("Weapons"),
    "gambling": gettext_lazy("Gambling"),
    "adult": gettext_lazy("Adult content"),
    "alcohol_tobacco": gettext_lazy("Alcohol, tobacco and vapes"),
    "counterfeit": gettext_lazy("Counterfeit goods"),
    "financial_scam": gettext_lazy("Financial scam"),
    "health_claims": gettext_lazy("Miracle health claims"),
    "phishing": gettext_lazy("Phishing"),
    "wildlife": gettext_lazy("Animals and wildlife"),
    "link_shortener": gettext_lazy("Link shortener"),
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
        near(
            r"no\s*prescription|without\s*(a\s*)?(prescription|doctor|script)|no\s*(rx|script)|tanpa\s*resep(\s*dokter)?|bebas\s*resep|no\s*resep",
            rf"{SELL}|tersedia|sedia|available|pills?|pil|obat\s*(penenang|tidur|keras|aborsi)|discreet|cod|same\s*day|overnight",
            60,
        ),  # noqa: E501
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
        r"vodka|whiske?y|tequila|liquor|\bmiras\b|minuman\s*keras|\bciu\b|\barak\b|soju|e-?liquid|saltnic|nicotine(?!\s*(patch|patches|gum|replacement))|cerutu|liquid\s*vape",  # noqa: E501
        r"rokok\s*(tanpa|non)\s*cukai|(tanpa|non)\s*cukai|duty-?free\s*(cigarettes|cartons|packs)",
        near(
            r"(?<!free and )vapes?\b(?!-?\s*free)|vape\s*(juice|pods?)|\bpods?\b|rokok|tembakau|craft\s*beer|(?<!ginger )(?<!root )(?<!alcohol-free )(?<!non-alcoholic )beers?\b|\bbir\b(?!\s*pletok)|\bwine\b(?!\s*(red|fridges?|glass(es)?|racks?|openers?|coolers?|cabinets?|chillers?|decanters?|stoppers?|aerators?))|(?<!buah )anggur\s*merah(?!\s*(impor\s*|lokal\s*)?(segar|tanpa\s*biji|seedless|\d|per\s*kg|/\s*kg))",  # noqa: E501
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
        r"(?<!poin )(?<!points )(\d+x|dua\s*kali|2\s*x)\s*lipat|(10|2)x\s*back|cair\s*(dalam\s*)?\d+\s*menit|cash\s*in\s*\d+\s*minutes",  # noqa: E501
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
        r"(elephant|raw)\s*ivory|ivory\s*(carvings?|tusks?|for\s*sale|pieces|bangles?|statues?|for\s*collectors|import)|gading\s*gajah|pangolin|trenggiling|rhino\s*horn|cula\s*badak|shark\s*fin|sirip\s*hiu|slow\s*loris|kukang",
        r"tiger\s*(cubs?|skin)|kulit\s*harimau|telur\s*penyu|turtle\s*eggs|cendrawasih",
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
# Street names, brands and the offers' tell-tale phrases, per category.
RX_DRUGS = r"oxy(codone|contin)?|xanax|xans|norco|hydrocodone|codeine|promethazine|klonopin|diazepam|valium|ambien|adderall|addy|ritalin|vyvanse|tramadol|dumolid|yarindo|eximer|alprazolam|percocet|percs|ketamine"  # noqa: E501
SLANG = {
    "drugs": [
        r"thc\s*(carts?|vapes?|gummies|edibles)|dab\s*pens?|edibles|psilocybin|xanax\s*bars|fent(anyl)?|crystal\s*meth|\btina\b|\bblow\b|dope\s*(for\s*sale|available)",  # noqa: E501
        r"(zips?|ounces?|oz|eighths?|grams?|3\.5)\b.{0,30}\b(za|gas|loud|kush|bud|dank|weed|flower|carts?)|\b(za|loud|dank|bud)\b.{0,30}\b(back\s*in|restock|in\s*stock|for\s*\$|tap\s*in|pure)",  # noqa: E501
        r"(snow|coke|powder|rock)\b.{0,40}\b(pure|grams?|off\s*the\s*boat|drop)|(\d+\s*%\s*pure)",
        near(
            RX_DRUGS,
            r"no\s*doctor|without\s*(a\s*)?doctor|doctor\s*visit|overnight|no\s*rx|bars|per\s*pill|eceran|ojol|cod|ready|jual|sedia|prices|for\s*sale|cash",
            50,
        ),  # noqa: E501
        r"barang\s*(ijo|hijau)|ganja\s*aceh|\bgele\b|sinte\b|pil\s*(ekstasi|yarindo|koplo|dumolid|sapi)|obat\s*(penggugur|telat\s*bulan|aborsi)|penggugur\s*kandungan|misoprostol",  # noqa: E501
        r"\b(ss|sabu|kristal)\b.{0,30}\b(paket|gram|\d+\s*gr|ready|jual)",
    ],
    "weapons": [
        r"auto\s*sears?|solvent\s*trap|polymer\s*80|bump\s*stocks?|binary\s*triggers?|glock\s*switch|full-?\s*auto\s*(conversion|kit)|no\s*4473|no\s*background\s*check|pipe\s*bombs?|detonators?",  # noqa: E501
        near(
            r"sig\s*p\d+|p365|ar-?s?\b|ak-?s?\b|\d+\s*rounds|extended\s*mags?|9\s*mm|\.223|5\.56|7\.62",
            r"cash|for\s*sale|selling|leftovers|no\s*(papers|paperwork|questions)|deal|ships?|warehouse",
            50,
        ),  # noqa: E501
        r"airgun|air\s*gun|senapan\s*angin|\bpcp\b.{0,20}(kaliber|senapan|gotri)|gotri|mimis|\d+\s*butir\b|kaliber\s*\d|surat\s*aman|mercon|petasan\s*(jumbo|besar)",  # noqa: E501
    ],
    "gambling": [
        r"bonus\s*spins?|spins?\s*(are\s*)?waiting|sweet\s*bonanza|gates\s*of\s*olympus|starlight\s*princess|aviator\s*game|plinko|crash\s*game|lock\s*of\s*the\s*day|first\s*wager|match\s*bonus|bookies?|moneyline",  # noqa: E501
        r"(put|place)\s*your\s*money\s*on|cash\s*out\s*in\s*minutes|deposit\s*\$?\d+\s*(and|to)\s*(play|get|spin)",
        r"keluaran\s*(sgp|hk|sdy|sydney|macau)|colok\s*(bebas|jitu|naga|macau)|angka\s*jitu|\bbbfs\b|pasaran\s*(togel|sgp|hk)|\bdepo\b|rungkad|pragmatic\s*play|pg\s*soft|bonus\s*new\s*member|cashback\s*kekalahan|rollingan|sv388|tangkas|taruhan",  # noqa: E501
        near(r"depo(sit)?|wd|withdraw", r"qris|pulsa|dana|ovo|cuan|auto|hoki|bonus|cashback|10rb|5rb|25rb", 40),
    ],
    "adult": [
        r"call\s*girls?|massage\b.{0,60}\b(extras|young\s*girls|happy)|full\s*body\b.{0,40}\bextras|spicy\s*(pics|content|vids)|\bnsfw\b|sexting|\bgfe\b|booty\s*call|fansly|horny|lonely\s*(tonight|wife|girls?)",  # noqa: E501
        r"new\s*content\b.{0,40}\b(my\s*page|link\s*in\s*(my\s*)?bio)|link\s*in\s*bio.{0,30}18\s*\+|18\s*\+\s*only.{0,40}(content|pics|vids|page)",  # noqa: E501
        r"temenin\s*(malam|tidur|aku)|teman\s*kencan|(konten|video|film)\s*(dewasa|panas|syur)|\bsange\b|colmek|link\s*asupan|janda\s*(muda\s*)?kesepian|\bpijat\s*\+\+",  # noqa: E501
        r"(free|kosong)\b.{0,30}\b(bisa\s*ke\s*(apart|hotel|kos)|ke\s*apart)|rate\s*via\s*(chat|wa|dm)|\bbo\b.{0,20}(ready|open|rate)",  # noqa: E501
    ],
    "alcohol_tobacco": [
        r"hennessy|jack\s*daniel'?s?|johnnie\s*walker|chivas|jagermeister|grey\s*goose|absolut\s*vodka|smirnoff|bacardi|jameson|moet|booze|spirits\s*delivered|\bminol\b|\btuak\b|\bsopi\b|intisari|anggur\s*(merah\s*)?cap|topi\s*miring",  # noqa: E501
        r"elf\s*bars?|elfbars?|lost\s*mary|geek\s*bar|\bjuul\b|\bvuse\b|\d+\s*puffs|disposables?\s*(vapes?|pods?)|e-?juice|shisha|hookah|\biqos\b|heets|\bsnus\b|\bzyn\b|freebase|(?<!nicotine )pods?\s*(rasa|flavou?rs?)",  # noqa: E501
        near(
            # Words that are also other things (Camel the colour, Anker the chargers, "for the sake of", liquid
            # soap, rum cake) count only with the word that makes them smoke or drink.
            r"cigars?|cigarettes?|e-?cig(arette)?s?|marlboro|camel\s*(cigarettes|blue|crush|lights?|filters?)|esse\s*(change|blue|menthol|golden|light|pop)|sampoerna|gudang\s*garam|djarum|dunhill\s*(cigarettes|mild|filter)|lucky\s*strike|heineken|corona\s*extra|budweiser|guinness|anker\s*(bir|beer|stout|lager)|champagne(?!\s*(cakes?|colou?r|gold|pink|beige|satin|dress|gowns?|toast))|rum(?!\s*(cakes?|raisin|balls?|and\s*raisin|flavou?r))|gin(?!\s*(and\s*tonic\s*)?(cakes?|cupcakes?|flavou?r))|whiske?y|(e-?|vape\s*)liquids?|liquid\s*(vape|saltnic|salt\s*nic|freebase)|(vape\s*)coils?|coils?\s*(vape|rda|rta)",
            r"slop|per\s*(slop|bungkus|pack|carton|bottle|botol|case)|harga|dropship|release|reserve|pre-?order|grosir|jual|delivered|delivery|antar|order|ready|sedia|restock|for\s*\$|\$\d+",
            50,
        ),  # noqa: E501
    ],
    "counterfeit": [
        r"\breps?\b.{0,40}(jordans?|yeezys?|nike|off-?white|batch|qc)|top\s*batch|\bqc\s*pics|knock-?offs?|bootleg|super\s*fake|unauthori[sz]ed\s*authentic",  # noqa: E501
        r"same\s*(leather|stitching|quality)\s*(and\s*)?(same\s*\w+\s*)?as\s*(the\s*)?(boutique|original|store)|without\s*the\s*receipt|factory\s*prices?\b.{0,60}\b(designer|boutique)",  # noqa: E501
        r"beda\s*tipis\s*(sama|dengan)\s*ori|mirip\s*(asli|aslinya|ori|original)|kualitas\s*pabrik|ori\s*pabrik|non\s*ori|semi\s*ori|bukan\s*ori|grade\s*(premium|super|aaa)\b.{0,40}(lv|gucci|nike|chanel|dior|hermes|rolex|prada)",  # noqa: E501
        near(
            r"lv|louis\s*vuitton|neverfull|gucci|chanel|dior|hermes|birkin|rolex|jordans?|yeezys?",
            r"grade\s*(premium|super|aaa|a)|dustbag|mirip|no\s*box|made\s*in\s*vietnam|kualitas\s*pabrik",
            60,
        ),  # noqa: E501
    ],
    "financial_scam": [
        r"turned\s*\$?\d[\d,.]*k?\s*into\s*\$?\d|payouts?\s*guaranteed|guaranteed\s*payouts?|(activation|registration|unlock|release)\s*fee|fee\s*by\s*gift\s*card|gift\s*cards?\s*to\s*(receive|claim)|(federal|government)\s*grant",  # noqa: E501
        r"cloud\s*mining|bitcoin\s*mining\b.{0,40}(payout|profit|join)|passive\s*income\b.{0,40}(daily|guaranteed|every)|earn\s*\$?\d+\s*(a|per)\s*day\s*(by\s*)?(liking|watching|rating)",  # noqa: E501
        r"titip\s*dana|balik\s*\d+([.,]\d+)?\s*(juta|jt)|pasti\s*untung|admin\s*amanah|terbukti\s*aman\b.{0,40}(dana|investasi|profit)|cukup\s*(foto\s*)?ktp|tanpa\s*survei|(like|tonton)\s*video\s*(dibayar|dapat\s*uang)|komisi\s*per\s*tugas",  # noqa: E501
        r"pinjaman\s*(cepat|kilat)\b.{0,60}(cair|tanpa|cukup)|dana\s*darurat\b.{0,60}cair",
    ],
    "health_claims": [
        r"melts?\s*(belly\s*)?fat|flat\s*belly\s*in|no\s*gym|lose\s*weight\s*fast|doctors\s*(are\s*)?(stunned|shocked)|fda\s*doesn'?t\s*want|reverses?\s*(type\s*2\s*)?diabetes|heals?\s*(arthritis|cancer|diabetes)|kills?\s*cancer\s*cells|last\s*longer\s*in\s*bed|enlargement",  # noqa: E501
        r"warisan\s*leluhur|ribuan\s*orang\s*sudah\s*membuktikan|kurus\s*tanpa|perut\s*rata\s*dalam|(kolesterol|asam\s*urat|stroke|diabetes|kanker|hipertensi)\b.{0,60}\b(hilang|sembuh)\s*(dalam|total|tuntas|selamanya)|sembuh\s*tanpa\s*operasi|(langsing|kurus|sembuh)\b.{0,30}dijamin",  # noqa: E501
    ],
    "phishing": [
        r"\.apk\b|undangan\s*(pernikahan|digital)\b.{0,40}(apk|klik|buka)|surat\s*tilang\b.{0,30}(apk|klik)",
        r"(new\s*number|lost\s*my\s*phone|ganti\s*nomor|nomor\s*baru)\b.{0,120}\b(code|kode)|(code|kode)\s*(is\s*coming|masuk)\b.{0,60}\b(send|kirim|forward)",  # noqa: E501
        r"log\s*in\s*with\s*your\s*(bank(ing)?\s*)?(credentials|details|pin)|login\s*ulang\s*dengan\s*(pin|password)|(dibekukan|diblokir|terblokir)\b.{0,60}\b(pin|login|password|kode)",  # noqa: E501
        r"redelivery\s*fee|(verify|confirm)\s*your\s*(identity|details|account)\s*(at|here|via|on)",
    ],
    "wildlife": [
        r"capuchin|marmoset|\bbaby\s*(monkey|capuchin|macaque)|diaper\s*trained|hand\s*fed\b.{0,40}(monkey|parrot|macaw|baby)|(pups|puppies|kittens)\s*(available|for\s*sale)|deposit\b.{0,30}reserve\s*(yours|a\s*pup|a\s*kitten)|rehoming\s*fee",  # noqa: E501
        r"jalak\s*bali|cendrawasih|lepas\s*kawin|adopsi\s*berbayar|(kucing|anjing)\s*ras\b.{0,60}(harga|kirim|jual|adopsi)|sertifikat\s*menyusul|\bbeo\b.{0,20}(jual|harga)",  # noqa: E501
    ],
}
# Wider vocabulary: substances, models, brands and schemes senders name without any other tell.
SLANG["drugs"] += [
    r"carisoprodol|somadril|soma\s*350|zolpidem|clonazepam|lorazepam|ativan|methadone|subutex|suboxone|morphine\s*(pills|tabs)|dilaudid|opana|benzos?|molly\s*(caps|crystals)|\bdmt\b|mescaline|peyote|poppers\s*(for\s*sale)?|\bghb\b|crack\s*(rock|cocaine)|speed\s*pills|\bpingers\b",  # noqa: E501
    r"microdos\w*|magic\s*mushrooms?|mushroom\s*(chocolate|gummies|bars|capsules)|smell-?\s*proof|stealth\s*(shipping|packaging)|jamur\s*(tlethong|kotoran\s*sapi|ajaib)|\bmushroom\b.{0,40}\b(4g|grams?|microdose|trip)",  # noqa: E501
    r"(addy|vyvanse|ritalin|xans?|percs?|oxys?|norcos?)\b.{0,40}\b(a\s*pop|each|per|available|\$\d)",
    r"obat\s*(penenang|tidur|kuat\s*melek)\b.{0,40}\b(eceran|tanpa\s*resep|ojol|cod|jual|ready)|(eceran|ojol)\b.{0,40}\b(pil|obat)\b|biar\s*(kuat\s*)?melek\b.{0,40}(pil|obat|eceran)",  # noqa: E501
]
SLANG["weapons"] += [
    r"remington|mossberg|beretta|smith\s*(&|and)\s*wesson|\bs\s*&\s*w\b|ruger|sig\s*sauer|taurus\s*(g2|g3|pistol)|\bcolt\s*(1911|python|ar)|kalashnikov|uzi|desert\s*eagle|\bhk\s*(416|mp5)|mp5",  # noqa: E501
    r"brass\s*knuckles|butterfly\s*knives|balisong|switchblades?|tactical\s*batons?|nunchaku|karambit|throwing\s*stars|pisau\s*(komando|lipat\s*otomatis|belati)|sangkur|belati|double\s*stick|stun\s*baton|setrum\s*kejut",  # noqa: E501
    r"00\s*buck|buckshot|hollow\s*points?|no\s*transfer\s*needed|laras\s*(panjang|pendek)|magazen|magasin|bekas\s*aparat|airsoft|\bgranat\b|molotov",  # noqa: E501
]
SLANG["gambling"] += [
    r"real\s*(money\s*)?payouts|enter\s*for\s*\$\d+.{0,60}\b(pot|prize\s*pool|split)|triple\s*your\s*deposit|welcome\s*package\b.{0,40}deposit|roulette|online\s*lottery|lottery\s*tickets?\s*online|fantasy\b.{0,30}payouts|\bmin\s*bet\b|\bodds\b.{0,40}\b(bet|pasang|tertinggi|boost)",  # noqa: E501
    r"game\s*(aztec|olympus|mahjong|bonanza)|modal\s*\d+\s*(rb|ribu|k)\s*(bisa\s*)?jadi\s*\d+|saldo\s*gratis\b.{0,40}\b(daftar|member)|(daftar|register)\b.{0,40}\bsaldo\s*gratis|pasang\s*(parlay|bola|skor)|judi\s*bola|\bparlay\b",  # noqa: E501
]
SLANG["adult"] += [
    r"companionship\b.{0,60}\b(overnight|gentlemen|discreet|hourly)|(discreet|private)\s*companions?|leaked\s*(tapes|videos?|pics|nudes)|uncensored\s*(video|full|tapes)|sex\s*tapes?|\bsex\b.{0,30}\b(video|tape|call|service)",  # noqa: E501
    r"video\s*call\s*(hot|panas|seksi|nakal)|tanpa\s*rekam|(cowok|cewek|cowo|cewe)\b.{0,40}\b(check\s*in|ci)\b.{0,30}\b(malam|harga)|diajak\s*(check\s*in|ci)|\bcheck\s*in\b.{0,30}\bdm\s*untuk\s*harga",  # noqa: E501
]
SLANG["alcohol_tobacco"] += [
    r"(bottle|case)\s*of\s*patron|patron\s*(tequila|silver|anejo|reposado)|don\s*julio|jose\s*cuervo|cuban\s*cigars|cohiba|montecristo|(case|crate|krat|dus)\s*(of\s*)?(corona|heineken|bintang|beers?|bir|anker)|\bbintang\b.{0,20}\b(krat|botol|kaleng|dingin)",  # noqa: E501
    r"iceland\s*vodka|rokok\s*elektrik|\d+\s*hisapan|\bmods?\b.{0,20}\b(vape|coil|liquid)|liquor\s*store\s*delivery|alcohol\s*delivery|antar\s*(miras|bir|alkohol)",  # noqa: E501
]
SLANG["counterfeit"] += [
    r"cracked\s*(licen[cs]es?|software|keys)|(windows|office)\s*(\d+\s*)?(pro\s*)?(and\s*office\s*)?(keys?|licen[cs]es?)\b.{0,40}\b(cheap|\$\d|lifetime|murah)|lifetime\s*licen[cs]es?\s*(for\s*)?\$\d",  # noqa: E501
    r"swiss\s*movement\s*clone|jewell?er\s*couldn'?t|wrist\s*shots|original\s*tiruan|persis\s*(resmi|aslinya|ori)|sama\s*persis\s*(dengan|sama)\s*(aslinya|ori|original)|botol\s*dan\s*dus\s*sama",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"earn\s*\$\d+\s*(daily|a\s*day|per\s*day)|rating\s*(hotels|products|apps)\b.{0,40}\b(earn|paid|\$)|registration\s*(fee\s*)?\$?\d+.{0,30}paid|\d+\s*%\s*every\s*(week|day)|doubl(e|ing)\s*(your\s*)?(crypto|bitcoin|investment)",  # noqa: E501
    r"gaji\s*\d+\s*(rb|ribu|k|jt)?\s*per\s*hari|deposit\s*awal\b.{0,30}aktivasi|(like|follow|subscribe)\b.{0,40}\b(gaji|dibayar|komisi)|penggandaan\s*uang|uang\s*\d+\s*(jt|juta)?\s*tanpa\s*kerja|ritual\b.{0,40}\buang|bukti\s*nyata\b.{0,40}(uang|profit|cuan)",  # noqa: E501
]
SLANG["health_claims"] += [
    r"(cleared|cures?|reverse[sd]?|heals?)\b.{0,30}\b(autism|cancer|diabetes|hiv|arthritis|alzheimer'?s)|before\s*it\s*gets\s*banned|drop\s*\d+\s*(dress\s*)?sizes|fat-?\s*blocking|without\s*(diet|dieting|exercise)",  # noqa: E501
    r"(kanker|tumor)\s*(stadium\s*\d)?\b.{0,40}\b(bisa\s*)?sembuh|dokter\s*menyerah|pemutih\b.{0,40}\b(instan|permanen|\d+\s*hari)|kulit\s*putih\s*permanen|aman\s*untuk\s*ibu\s*hamil\s*100",  # noqa: E501
]
SLANG["phishing"] += [
    r"(confirm|confirming|enter|entering|verify|verifying|update|updating)\s*your\s*(apple\s*id\s*|icloud\s*|bank\s*|account\s*)?(password|pin|passcode|credentials|card\s*details)\s*(at|here|via|on|in\s*the\s*link)",  # noqa: E501
    r"restore\s*access\b.{0,60}\b(password|pin|code|login)|registration\s*code\b.{0,40}\b(reply|send|we\s*(just\s*)?texted)|reply\s*with\s*the\s*(registration|verification|6-?\s*digit)\s*code",  # noqa: E501
    r"kode\s*(pendaftaran|registrasi)\b.{0,60}\b(balas|kirim|sms)|balas\b.{0,40}\bkode\s*(pendaftaran|registrasi|\d\s*angka)|(data|nomor)\s*kartu\s*(atm|kredit|debit)\b.{0,30}\b(isi|mengisi|kirim|ketik)|mengisi\s*data\s*kartu",  # noqa: E501
]
SLANG["wildlife"] += [
    r"ball\s*pythons?|bearded\s*dragons?|morphs\s*(for\s*sale|available)|reptiles?\s*(for\s*sale|available)|tiger\s*(claws?|teeth|skins?|bones?)|elephant\s*ivory|bear\s*(bile|paws?)|hornbill",  # noqa: E501
    r"taring\s*harimau|kulit\s*ular|kulit\s*buaya|musang\s*(pandan|luwak)?\b.{0,30}\b(jinak|ready|jual|anakan)|kura-?\s*kura\s*(sulcata|brazil|darat|moncong)|sulcata|paruh\s*rangkong|rangkong|burung\s*(hantu|elang|kakatua|nuri|jalak)\b.{0,40}\b(jual|ready|harga)",  # noqa: E501
]
# Concepts rather than names: the offer itself, however it is worded.
SLANG["drugs"] += [
    r"\b(pills|powder|tabs|rolls)\b.{0,30}\b(and|,)\s*(powder|pills|k|molly|tabs)\b|party\b.{0,30}\b(pills|powder|favors)|serbuk\s*putih|bikin\s*(semangat\s*begadang|fly|nge-?fly)|brownies?\s*(spesial|special|ganja)|cannabis\s*oil|pre-?rolls|\bwax\b.{0,30}\b(carts?|flower|dabs?)|420\s*friendly",  # noqa: E501
]
SLANG["weapons"] += [
    r"(?<!\w )explosives\b|homemade\s*(bombs?|explosives?|guns?)|(bomb|explosive)\s*(making|guide|kit)|unregistered\s*(pistols?|guns?|rifles?|firearms?)|ship\s*in\s*parts|pistol\s*gas|peluru\s*karet|senjata\s*rakitan|senjata\b.{0,40}\b(pesanan|berfungsi)",  # noqa: E501
]
SLANG["gambling"] += [
    r"\bbet\s*on\b.{0,60}\b(odds|\$|dollars|sign\s*up)|boosted\s*odds|slot\s*machines?\b.{0,60}\b(paid|pays|spin|win)|paid\s*out\s*\$\d|\bwagers?\b|uang\s*asli\b.{0,40}\b(tebak|taruhan|menang|hadiah)|(tebak\s*skor|tebakan)\b.{0,40}\buang\s*asli|pemberi\s*cuan|menang\s*berapapun\s*(pasti\s*)?dibayar",  # noqa: E501
]
SLANG["adult"] += [
    r"hot\s*singles|no\s*strings\s*attached|webcam\s*(shows?|girls|models)|(cam|webcam)\b.{0,40}\bpay\s*per\s*minute|anything\s*you\s*ask|dipijat\s*cewek|layanan\s*(spesial|plus)\s*sampai\s*puas|sampai\s*puas\b.{0,30}(hotel|admin|cewek)|grup\s*(telegram\s*)?18\s*\+|ribuan\s*video\b.{0,30}(bayar|sekali)",  # noqa: E501
]
SLANG["alcohol_tobacco"] += [
    r"(vodka|rum|tequila|gin|whiske?y|wine|beer|bir)\b.{0,60}\b(id\s*not\s*required|no\s*id|tanpa\s*cek\s*umur|bottles?|kaleng|antar\s*24\s*jam)|tembakau\s*iris|kertas\s*linting|juice\s*pods|pods?\s*for\s*your\s*juul",  # noqa: E501
]
SLANG["counterfeit"] += [
    r"identical\s*to\s*(the\s*)?(apple'?s|original|real|brand)|fake\s*(ids?|passports?|driver'?s?\s*licen[cs]es?|diplomas?|certificates?)|scannable|asli\s*tapi\s*palsu|\baspal\b|ijazah\b.{0,40}\b(palsu|aspal|jual|legalisir)|sertifikat\s*palsu|dijamin\s*lolos\s*cek|sama\s*persis\s*ori",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"(cover|pay)\s*(the\s*|just\s*)?\$?\d+([.,]\d+)?\s*(shipping|handling|fee)\s*to\s*(claim|receive|get)|(chosen|selected)\s*for\s*(our\s*)?\$[\d,]+\s*\w*\s*(reward|gift|prize)|send\s*me\s*\$\d+.{0,60}\bget\s*\$[\d,]+\s*back|\$[\d,]+\s*back\s*by\b",  # noqa: E501
    r"bantuan\s*sosial\b.{0,60}\b(biaya|bayar|transfer)|biaya\s*verifikasi\b.{0,40}\bpencairan|keuntungan\s*tetap\s*\d+\s*%|tanpa\s*perlu\s*paham\s*trading",  # noqa: E501
]
SLANG["health_claims"] += [
    r"(back\s*to\s*normal|normal\s*(kembali|lagi)?)\s*(in|dalam)\s*\d+\s*(days?|hari|minggu|weeks?)|without\s*medication|tanpa\s*(obat\s*dokter|kacamata|operasi)|regrow\s*(lost\s*)?hair|(hair|rambut)\b.{0,40}\b(guaranteed|dijamin)\b|ramuan\s*rahasia|terbukti\s*ampuh|salt\s*trick|one\s*weird\s*trick",  # noqa: E501
]
SLANG["phishing"] += [
    r"enter\s*your\s*(bank|banking|online\s*banking)\s*(login|details|credentials)|login\s*dengan\s*akun\s*(m-?banking|bank|internet\s*banking)|nama\s*ibu\s*kandung|mother'?s\s*maiden\s*name|unduh\s*aplikasi\b.{0,60}\b(apk|login|m-?banking)|(security\s*code|cvv)\s*(here|at|via)|update\s*your\s*card\s*(number|details)",  # noqa: E501
]
SLANG["wildlife"] += [
    r"hedgehogs?\b.{0,60}(\$|homes|for\s*sale|ship)|sugar\s*glider\s*joeys|looking\s*for\s*new\s*homes\b.{0,40}\$\d+\s*each|ekspedisi\s*hewan|teripang\b.{0,40}(sirip|grade|ekspor)|sea\s*cucumber\b.{0,30}(shark|bulk)|(ayam\s*kate|bebek\s*hias|kelinci)\b.{0,40}\b(ready|jual|kirim)|\b(ready|jual)\s*(anak\s*)?(ayam\s*kate|bebek\s*hias|kelinci)",  # noqa: E501
]

# Gaps the check set showed (its first measurement is the README's figure).
ANIMALS_ID = r"buaya|biawak|ular|kura-?\s*kura|landak|musang|tarsius|kukang|kakatua|nuri|beo|elang|rangkong|merak|penyu|trenggiling|harimau|beruang(\s*madu)?|orangutan|owa|lutung|monyet|kucing\s*(anggora|persia|ras|bengal|sphynx)|anjing\s*(ras|husky|pom|golden|shih\s*tzu)"  # noqa: E501
SLANG["wildlife"] += [
    near(ANIMALS_ID, r"jual|dijual|anakan|ready|kolektor|mahar|siap\s*adopsi|adopsi\s*berbayar|bisa\s*kirim", 50),
    r"(chicks|puppies|pups|kittens|cubs|joeys|hatchlings)\s*(for\s*sale|available|ready)|forever\s*homes?\b.{0,40}\$|deposit\s*secures",
]
SLANG["alcohol_tobacco"] += [
    r"minuman\s*(beralkohol|keras)|alkohol\s*golongan|golongan\s*a\s*b\s*c|golongan\s*abc|alcohol\s*delivery|(beer|beers|liquor|wine|booze)\s*(delivered|delivery)|(heineken|stella|corona|carlsberg|budweiser|guinness)\b.{0,40}\b(cases?|delivered|ice\s*cold|order)",  # noqa: E501
]
SLANG["drugs"] += [
    r"daun\s*(hijau|ijo)(\s*kering)?|tabs\s*of\s*acid|\bacid\s*tabs|\blsd\b|plug'?s?\s*(is\s*)?back|happy\s*five|\bh5\b.{0,20}(pil|ready)",
]
SLANG["weapons"] += [
    r"(pistols?|handguns?|guns?|firearms?|rifles?)\s*(available|for\s*sale)|no\s*waiting\s*period|revolver\s*rakitan|cipacing",
]
SLANG["gambling"] += [
    r"sure-?\s*win|fixed\s*match(es)?|bet\s*big|betting\s*tips|tips\b.{0,40}\bbet\b|poker\s*dan\s*domino|domino\s*online"
]
SLANG["counterfeit"] += [
    r"replicas?\s*(football\s*)?(jerseys?|shirts?|watches|bags?|sneakers|shoes|belts?)|looks?\s*exactly\s*like\s*(the\s*)?(official|original|real)|bukan\s*barang\s*asli|tidak\s*ada\s*bedanya|sama\s*seperti\s*aslinya|replika\s*mesin",  # noqa: E501
]
SLANG["health_claims"] += [
    r"burns?\s*(\d+\s*)?(lbs?|kg|pounds?)?\s*(of\s*)?fat|while\s*you\s*sleep\b.{0,40}(fat|weight|slim)|(fat|weight|slim)\b.{0,40}while\s*you\s*sleep|no\s*diet\s*,?\s*no\s*exercise|cures?\s*high\s*blood\s*pressure|throw\s*away\s*your\s*pills|nambah\s*\d+\s*cm|garansi\s*uang\s*kembali\b.{0,40}(sembuh|alami)|(sembuh|alami)\b.{0,40}garansi\s*uang\s*kembali",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"pajak\s*(undian|hadiah)|pemenang\s*undian\b.{0,80}(transfer|biaya|pajak)|rekening\s*panitia|(you\s*have|you'?ve)\s*won\b.{0,80}\b(fee|pay|send)|withdraw\s*\$[\d,]+\s*in\s*\d+\s*(hours|days)|profit\s*\d+\s*%\s*per\s*hari|modal\s*kembali\s*dalam",  # noqa: E501
]

# Broader euphemisms and schemes, by category (the fifth set's misses, then what else is written like them).
SLANG["drugs"] += [
    r"blotters?|\bcandy\b.{0,60}\b(crystal|gram|blotter|pills|tabs)|gram\s*of\s*(crystal|coke|ice|white)|\bcrystal\b.{0,30}\b(gram|meet|usual\s*place)|shard|\bbars\b.{0,20}\b(xan|green|yellow)|nang(s)?\b|whippets|nitrous\s*(tanks|canisters)\s*(for\s*sale|delivery)",  # noqa: E501
    r"\bpil\s*(putih|kuning|anjing|jin|setan)|obat\s*(jin|setan|fly)|sabu\s*-?\s*sabu|paket\s*hemat\s*\d+\s*(gram|gr|g)\b|\b\d+\s*(gram|gr)\b.{0,40}\b(aceh|ijo|kering|barang)",  # noqa: E501
]
SLANG["adult"] += [
    r"body\s*-?\s*to\s*-?\s*body|\bb2b\s*massage|vip\s*finish|(young|sexy|hot)\s*(thai|asian|latina|russian)?\s*(ladies|girls|babes)\b.{0,60}\b(massage|private|rooms?|outcall|incall)|sensual\s*massage",  # noqa: E501
    r"terapis\s*wanita\s*muda|layanan\s*ekstra|kamar\s*privat\b.{0,40}(terapis|pijat|spa)|(jual|open)\s*(foto|video)(\s*dan\s*(foto|video))?\s*(pribadi|privat|hot|bugil|telanjang)|foto\s*bugil|telanjang|\bbugil\b|\bmesum\b|tanpa\s*sensor",  # noqa: E501
]
SLANG["counterfeit"] += [
    r"cloned\s*(accounts?|cards?|netflix|spotify)|(netflix|spotify|youtube|canva|chatgpt)\s*(premium\s*)?(accounts?|akun)\b.{0,40}\b(lifetime|selamanya|murah|\$\d|one\s*payment)|cracked\s*(apps?|games?)",  # noqa: E501
    r"(stnk|bpkb|ktp|sim|ijazah|akta|paspor|npwp)\s*(duplikat|palsu|aspal)|(duplikat|palsu)\s*(stnk|bpkb|ktp|sim|ijazah|paspor)|motor\s*bodong|mobil\s*bodong|surat\s*(kendaraan\s*)?(palsu|aspal)",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"recruit\s*\d+\s*(friends|people)|each\s*pays\s*\$\d+|unlimited\s*income|be\s*your\s*own\s*boss\b.{0,60}\b(recruit|earn|\$)|pyramid|ponzi|(setor|deposit)\s*\d+\s*(rb|ribu|k|jt)?\b.{0,40}\bjadi\s*\d+|sistem\s*berantai|arisan\s*berantai|money\s*game",  # noqa: E501
]
SLANG["health_claims"] += [
    r"magnetic\s*bracelets?\b.{0,60}\b(cure|eliminat|heal|pain)|eliminates?\b.{0,60}\b(forever|permanently)|scientifically\s*proven\b.{0,40}(cure|heal|forever|eliminat)|(arthritis|joint\s*pain|diabetes|cancer|asthma)\s*(forever|permanently)",  # noqa: E501
    r"menghilangkan\s*(tumor|kista|kanker|benjolan|miom)|(tumor|kista|miom|benjolan)\b.{0,40}\b(tanpa\s*operasi|hilang|luruh)|(kilo|kg)\s*dalam\s*\d+\s*hari|pasti\s*berhasil",  # noqa: E501
]
SLANG["phishing"] += [
    r"read\s*(me|out)\s*the\s*(\d\s*-?\s*digit\s*)?(number|code)|(number|code)\s*we\s*(just\s*)?(texted|sent)\s*you\b.{0,10}$|verify\s*your\s*identity\s*and\s*pay|held\s*at\s*customs\b.{0,60}\b(pay|verify|fee)|(customs|redelivery|release)\s*fee",  # noqa: E501
    r"(kirim|kirimkan|sebutkan|bacakan|kasih\s*tau)\s*(kode|otp)\b|kode\s*\d\s*digit\s*(ke|kepada)\s*(nomor|kami|saya)|(sebutkan|berikan)\s*nomor\s*kartu|untuk\s*pembatalan\b.{0,60}\b(kode|nomor\s*kartu|pin)",  # noqa: E501
]
SLANG["wildlife"] += [
    near(
        r"(anak\s*)?(anjing|kucing)\s*(pomeranian|pom|husky|golden|chihuahua|shih\s*tzu|poodle|pug|beagle|maine\s*coon|anggora|persia|british|scottish|ragdoll)|puppy|puppies|kitten|kittens",
        r"mahar|\$\d|harga|jual|dijual|rehoming\s*fee|deposit|bisa\s*(cod|kirim)|for\s*sale|available",
        60,
    ),  # noqa: E501
    r"\bmahar\b.{0,30}\b(\d|rb|jt|ribu|juta|\{\{)|burung\s*(merak|kasuari|cendrawasih|rangkong|jalak|elang|kakatua|nuri|beo)\b.{0,40}\b(jual|dijual|jinak|siap\s*kirim|ready)|(jual|dijual)\s*burung\s*(merak|kasuari|cendrawasih|rangkong|jalak|elang|kakatua|nuri|beo)",  # noqa: E501
]

# Sixth round: stakes, grants, fake money and claims about sexual health, beyond the set that showed them.
SLANG["drugs"] += [
    r"\bthe\s*green\b.{0,40}\b(fresh|eighths?|quarters?|ready|zips?)|\b(eighths?|quarters?|half\s*(o|oz)|zips?)\b.{0,30}\b(ready|available|for\s*\$|hit\s*my\s*line)|hit\s*my\s*line|obat\s*(keras\s*)?daftar\s*g\b.{0,40}\b(eceran|tanpa\s*resep|jual)",  # noqa: E501
]
SLANG["weapons"] += [
    r"(military|army)\s*grade\b.{0,40}\b(rifles?|weapons?|guns?|armou?r)|tactical\s*(rifles?|shotguns?|pistols?)|body\s*armou?r\b.{0,40}\b(rifles?|guns?|ammo)|(rifles?|guns?|pistols?)\b.{0,40}\bshipped\s*discreetly",  # noqa: E501
]
SLANG["gambling"] += [
    r"\bstakes?\s*(from|of|only)?\s*\$?\d+|your\s*stake|win\s*up\s*to\s*\d+\s*x|predict\s*the\s*(final\s*)?score\b.{0,60}\b(stake|win|register|\$)|capsa\s*susun|\bceme\b|\bqq\s*online|\bsakong\b|\bbandarq\b",  # noqa: E501
]
SLANG["counterfeit"] += [
    r"counterfeit\s*(\$\d+\s*)?(bills|notes|money|cash|currency|banknotes)|pass\s*the\s*pen\s*test|prop\s*money|(jual|jasa|pembuatan|order)\s*(\w+\s*){0,2}uang\s*palsu|uang\s*palsu\b.{0,40}\b(lolos|kualitas|minimal|order|lembar)|lolos\s*sinar\s*uv",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"(business|government|federal|relief|covid|umkm|bansos)\s*(grant|bantuan)?\b.{0,80}\b(application|processing|release|activation|materai|admin)\s*(fee|biaya)?|you\s*qualify\s*for\s*a\s*\$[\d,]+|application\s*fee\b.{0,30}\b(lock|grant|release|claim)|biaya\s*(materai|meterai|administrasi)\b.{0,40}\b(pencairan|cair)",  # noqa: E501
]
SLANG["health_claims"] += [
    r"(impotensi|ejakulasi\s*dini|disfungsi\s*ereksi|erectile\s*dysfunction|premature\s*ejaculation)\b.{0,60}\b(seketika|permanen|ajaib|sembuh|dijamin|instant|permanent|miracle|cure)|(ajaib|seketika|instant|miracle)\b.{0,40}\b(impotensi|ejakulasi|ereksi|erectile)",  # noqa: E501
    r"hilang\s*total\s*dalam\s*\d+\s*(hari|minggu)|(melt|burn)\s*away\s*\d+\s*(pounds|lbs|kg)|memory\s*loss\b.{0,40}\b(revers|cure|prevent)|prevents?\s*alzheimer",  # noqa: E501
]

# Seventh round: each category's whole vocabulary (street names, Indonesian slang, the schemes' tell-tale promises),
# written from the policy's categories rather than from any one set's messages.
SLANG["drugs"] += [
    r"\b(addies|addys|xannies|xanny|xannys|roxies|roxys|roxy\s*30s?|m30s?|oxys|percs|blues)\b.{0,50}\b(a\s*pop|each|per\s*(pill|tab|strip)|\$\d|available|in\s*stock|ready|dm|msg|hmu|tap\s*in|stealth|no\s*script)",  # noqa: E501
    r"\d+\s*mg\b.{0,30}\ba\s*pop\b|\b(hmu|hit\s*me\s*up|tap\s*in|slide\s*thru|link\s*up)\b.{0,40}\b(zips?|grams?|eighths?|8\s*balls?|oz)\b|\b(zaza|yayo|nose\s*candy|pingers|xtc|tusi|pink\s*cocaine)\b",  # noqa: E501
    near(r"coke|blow|yayo", r"uncut|fishscale|8\s*balls?|bumps?|grams?|\d(\.\d)?\s*g", 40),  # noqa: E501
    r"\b(ice|crystal|shards?)\b.{0,40}\b(zips?|teeners?|8\s*balls?|half\s*(a\s*)?(g|gram|zip|ball))\b|\b(tina|meth)\b.{0,40}\b(zips?|grams?|\d+\s*g)\b",  # noqa: E501
    r"mifepristone|misoprostol|cytotec|gastrul|abortion\s*pills?\b.{0,40}(online|sold|buy|order|ship|no\s*consultation)|(no|without)\s*(a\s*)?(consultation|doctor'?s?\s*visit|script)\b.{0,40}(pills?|tabs?|ship)",  # noqa: E501
    r"\b(inex|ineks|ekstasi|ekstasy|xtc|happy\s*five|erimin|happy\s*water|air\s*bahagia|serbuk\s*(putih|happy)|sabhu|shabu|\bubas\b|barang\s*bening)\b.{0,50}\b(ready|jual|sedia|paket|gram|gr|harga|cod|kirim|party|campur|ecer|ketengan)",  # noqa: E501
    r"\b(nge-?fly|tripping|teler|mabok\s*asik)\b.{0,40}\b(inex|ineks|pil|obat|serbuk|ready|paket)|\bfly\b.{0,40}\b(inex|ineks|serbuk|pil\s*(koplo|ekstasi|happy))|\b(pil|obat|inex|ineks)\b.{0,40}\b(biar|bikin|buat)\s*(fly|nge-?fly|teler)",  # noqa: E501
    r"ganj[a4@]|cimen[gk]|\bgele\b|bakong|hashish|\bhasis\b|kanabis|marijuana|\bweed\b.{0,30}\b(jual|gram|gr|ecer|ketengan)|tembakau\s*(gorila|gorilla|sintetis|sinte|hanoman)|\bsinte\b",  # noqa: E501
    r"obat\s*(penggugur|aborsi|peluntur|telat\s*(haid|bulan|datang\s*bulan))|peluntur\s*(haid|janin|kandungan)|gugurkan\s*(kandungan|janin)|penggugur\s*kandungan|telat\s*(haid|bulan|\d+\s*-?\s*\d*\s*bulan)\b.{0,40}\b(tuntas|ampuh|obat|pil|luruh)",  # noqa: E501
    r"(pil|obat)?\s*(dobel|double)\s*l\b|hexymer|heximer|hexymer|trihex(yphenidyl)?|samcodin|\btramad[o0]l\b.{0,40}\b(eceran|ecer|ready|jual|strip|cod)|obat\s*(tidur|bius|penenang)\b.{0,60}\b(tanpa\s*resep|dosis\s*tinggi|ready|stok|cod|sekali\s*minum)",  # noqa: E501
]
SLANG["weapons"] += [
    r"m-?80s?\b|quarter\s*sticks?|cherry\s*bombs?|blasting\s*caps?|flash\s*powder|det(onating)?\s*cord|dynamite\b.{0,40}\b(sticks?|fuses?|bulk|ship|hit)|(hit|blast)\w*\s*like\s*dynamite|black\s*powder\b.{0,30}\b(bulk|lbs?|pounds|ship)|(bubuk\s*)?mesiu|potasium\b.{0,30}(bom|detonator|ledak)|detonator|bom\s*(molotov|rakitan|ikan|ikan)",  # noqa: E501
    r"(pistols?|guns?|pieces?|straps?|firearms?|rifles?|handguns?|senpi|pistol)\b.{0,40}\b(never\s*registered|not\s*registered|no\s*bodies|no\s*body\s*on\s*it|serial\s*(filed|removed|scratched)|tanpa\s*(surat|nomor\s*seri|izin))|\bstraps?\b.{0,20}\b(for\s*sale|available|\$\d)|ghost\s*(pistols?|rifles?)",  # noqa: E501
    near(
        r"amunisi|peluru|\bammo\b|\brds\b",
        r"sedia|satuan|dus|butir|rahasia|jual|ready|cash\s*only|no\s*papers|bulk|cod|kirim",
        40,
    ),  # noqa: E501
    r"(softgun|soft\s*gun|airsoft|air\s*soft|senapan\s*angin|pcp)\b.{0,50}\b(modif\w*|peluru\s*tajam|tanpa\s*izin|jarak\s*jauh|mematikan)|(modif\w*)\b.{0,30}\b(peluru\s*tajam|senpi)",  # noqa: E501
    r"(pisau|belati|sangkur|celurit|clurit|samurai|parang)\b.{0,40}\b(otomatis|lipat\s*otomatis)|stun\s*guns?|setrum\s*kejut|gravity\s*knives?|brass\s*knuck\w*|knuckle\s*dusters?|switch\s*blades?",  # noqa: E501
]
SLANG["gambling"] += [
    r"provably\s*fair|crypto\s*(dice|casino|slots?|crash)|\bcrash\s*(game|&|and)|dice\s*(game|&|and)\s*crash|\b(e-?)?sabong\b|cock\s*fight\w*|lotto\s*(syndicate|online|pool|group)|togel|toto\s*(macau|sgp|hk|sdy|4d|online)|\btoto\b.{0,20}\b(4d|3d|2d|keluar|pasang)",  # noqa: E501
    r"pick\s*\d\s*numbers\b.{0,60}\b(entry|draws?|win|payout|jackpot)|draws?\s*(twice|\d+\s*(x|times))\s*a\s*day|jackpot\s*(dropped|hit|paid|pays|is\s*hot)|slots?\s*(are\s*)?(paying|gacor|loose)|\brtp\b|mega\s*jackpot|withdraw\s*(usdt|btc|crypto|in\s*\d+\s*min)",  # noqa: E501
    r"bet\s*(the|on\s*the)\s*(red|blue|meron|wala|over|under)|(meron|wala)\b.{0,20}\b(bet|taruhan|pasang)|(picks?|locks?|parlays?|tips?)\b.{0,40}\b(bet|bookie|odds|units)\b|\bvip\s*picks",  # noqa: E501
    r"\b(judol|judi|togel|casino|kasino)\b|maxwin|max\s*win|\bx\s*?\d{3,5}\b.{0,20}(menang|win)|scatter\s*(hitam|merah|emas)?|pola\s*(gacor|main|slot|mahjong)|jam\s*gacor|bandar\s*(bola|togel|judi|slot|q)|\bdepo\s*\d+|\bwd\s*(cepat|lancar|berapapun|\d+)|game\s*penghasil\s*uang|isi\s*saldo\s*\d+\s*(rb|k|ribu)\b.{0,40}\b(tarik|wd)\s*(sampai|hingga|\d)",  # noqa: E501
]
SLANG["adult"] += [
    r"sugar\s*(baby|babies|daddy|daddies|mommy|momma|mami)|allowance\b.{0,40}\b(open[-\s]*minded|arrangement|meet|discreet)|open[-\s]*minded\b.{0,40}\b(pics|photos|allowance|girls|ladies)|\bsend\s*(nudes|pics\s*first)",  # noqa: E501
    r"gentlem[ae]n'?s\s*club\b.{0,60}\b(private|anything|vip|dancers)|strip\s*club|lap\s*dances?|(dancers|girls|ladies|private\s*rooms?)\b.{0,40}\banything\s*goes|(naughty|lewd|explicit|uncensored|nude)\s*(content|pics|videos?|vids|set|photos)|spicy\s*(content|pics|vids|videos)",  # noqa: E501
    r"(real|local|lonely|horny|hot)\s*(girls|women|ladies|milfs|wives)\s*(near|in)\s*(you|your\s*area)|verify\s*(you'?re|you\s*are)\s*18\b|\bmilfs?\b|(elite|vip|discreet|high\s*class)\s*(companions?|models|girls)|full\s*service\b.{0,40}(massage|therapists|girls)|(massage|therapists)\b.{0,40}full\s*service",  # noqa: E501
    r"\b(bo|b\s*o)\b.{0,30}\b(st|lt|short\s*time|long\s*time|tarif)\b|\b(st|short\s*time)\s*/\s*(lt|long\s*time)\b|teman\s*(ranjang|kencan)|layanan\s*teman\s*tidur|teman\s*tidur\b.{0,30}\b(om|kesepian|tarif|privasi)|om-?om\s*kesepian|pijat?\s*(plus|\+)|pijet\s*(plus|\+)|mama\s*muda\b.{0,40}\b(video|viral|full|durasi)|video\s*viral\b.{0,40}\b(full\s*durasi|bayar|sekali\s*bayar|link)|grup\s*(tele|telegram|wa)\s*(dewasa|18|bokep|hot)|\b(vcs|v\s*c\s*s|vc\s*sex|vc\s*hot)\b",  # noqa: E501
]
SLANG["alcohol_tobacco"] += [
    r"moonshine|\bhooch\b|everclear|\b\d{2,3}\s*proof\b|bootleg\s*(liquor|booze|alcohol)|\bciroc\b|\bhenny\b|\bjack\s*d\b|\bsmokes\b.{0,40}\b(cartons?|packs?|cheap|\$|tax)|\bcigs\b|ciggies|loosies|no\s*tax\s*stamp|nic(otine)?\s*(pouches|salts?)|menthol\s*(pods|cigs|cigarettes)|\bpods?\b.{0,30}\b(menthol|nic|saltnic)\b",  # noqa: E501
    near(
        r"no\s*(id|age)\s*(needed|required|check|verification)|tanpa\s*(cek\s*)?(umur|ktp)|ages?\s*not\s*checked",
        r"vapes?|puffs|liquor|booze|alcohol|drinks?|beers?|wine|vodka|smokes|cigs|cigarettes|pods|juice|rokok|miras|bir|ice",
        60,
    ),  # noqa: E501
    r"\b(arak|ciu|tuak|sopi|cap\s*tikus|ballo|lapen|oplosan)\b|miras|minuman\s*(keras|beralkohol)|rokok\s*(polos|tanpa\s*pita|ilegal|tanpa\s*cukai)|tanpa\s*pita\s*cukai|pita\s*cukai\s*palsu|liquid\s*(freebase|saltnic|vape|pod)|\b(freebase|saltnic)\b|tembakau\s*(shag|linting|iris)|\bshag\b.{0,30}(impor|gram|gr|ready)|kertas\s*(papir|linting)|\bpapir\b",  # noqa: E501
    r"e-?juice|e-?liquid|\bvape\s*(juice|liquid)|(gummy|candy|cotton\s*candy|bubble\s*gum|unicorn)\b.{0,30}\b(e-?juice|vape|liquid|pods?)|disposables?\b.{0,30}\b(puffs|vapes?|flavou?rs?)|\d{3,5}\s*puffs",  # noqa: E501
]
SLANG["counterfeit"] += [
    near(
        r"airpods|iphone|ipad|macbook|apple\s*watch|galaxy|samsung|ps5|jordans?|rolex|watch(es)?|bags?|sneakers|perfumes?|parfum",
        r"clones?|replicas?|1\s*:\s*1|hdc|master\s*copy|super\s*copy|supercopy|kw",
        30,
    ),  # noqa: E501
    r"novelty\s*(ids?|licen[cs]es?|passports?|documents?|diplomas?|degrees?)|(licen[cs]es?|ids?|passports?)\s*that\s*scan|(ids?|licen[cs]es?|passports?)\b.{0,40}\bhologram|(degrees?|diplomas?)\s*(certificates?\s*)?from\s*any\s*(university|college|school)|(buy|get|order)\s*(a|your)\s*(real\s*)?(degree|diploma)|fake\s*(degree|diploma|transcripts?)|(degrees?|diplomas?|transcripts?|certificates?)\b.{0,40}\bverifiable|diploma\s*mill",  # noqa: E501
    r"jasa\s*(bikin|buat|cetak)\s*(ktp|sim|ijazah|stnk|bpkb|paspor|akta|npwp|kk|sertifikat|surat)|(bikin|cetak)\s*(ktp|sim|ijazah|paspor|stnk)\b.{0,40}\b(kirim\s*foto|jadi|cepat|hari)|ijazah\b.{0,40}\b(tanpa\s*(kuliah|sekolah|ujian)|terdaftar\s*(pddikti|dikti)|asli\s*terdaftar|murah|cepat\s*jadi)",  # noqa: E501
    r"kualitas\s*mirror|mirror\s*(grade|kualitas|quality)|grade\s*mirror|\bhdc\b|master\s*copy|super\s*copy|supercopy|\b(kw|kw\s*super|kw\s*1|kw1)\b|(sama|mirip|persis|kayak|kaya|identik)\b.{0,15}\b(aslinya|ori|original)\b|(logo|bordir|sablon)\s*(gucci|lv|louis|chanel|dior|prada|hermes|balenciaga|nike|adidas)",  # noqa: E501
    r"(unauthori[sz]ed|ua)\s*authentic|same\s*factory|(aaa|aaaa|top\s*grade|mirror)\s*(rolex|submariner|daytona|watch|bags?|replica)|\baaa\b.{0,30}\b(submariner|daytona|rolex|same\s*weight)|same\s*weight\s*as\s*(the\s*)?(retail|original|real)|nobody\s*will\s*(know|tell|notice)",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"\bwin\s*rate\b.{0,40}\b(signals?|trades?|copy|guaranteed)|(signals?|trades?)\b.{0,40}\b\d{2}\s*%\s*(win|accuracy)|copy\s*(our|my)\s*trades|never\s*lose\b.{0,40}\b(trades?|signals?|forex|crypto|invest\w*)|(trades?|signals?|forex|crypto|invest\w*)\b.{0,40}\bnever\s*lose|\b100\s*%\s*profit|(roi|returns?|profit)\s*(of\s*)?\d+\s*%\s*(daily|a\s*day|per\s*day|weekly|a\s*week)|\d+\s*%\s*(daily|weekly)\s*(roi|returns?|profit)",  # noqa: E501
    r"inheritance\b.{0,80}\b(claim|fee|transfer|release|charge)|\b(wire|send|pay)\s*(the\s*)?\$?[\d,]+\s*(transfer|release|clearance)\s*(charge|fee)|unclaimed\s*(funds|inheritance|prize)|next\s*of\s*kin|send\s*\$\d+\b.{0,60}\b(get|receive)\s*\$[\d,]+|flip\s*(your\s*)?(cash|money)|(cash|money)\s*flip|turn\s*\$\d+\s*into\s*\$[\d,]+|into\s*\$[\d,]+\s*in\s*\d+\s*(days|hours)",  # noqa: E501
    r"(selected|picked|chosen)\s*for\s*(a|our)\s*\$[\d,]+|gift\s*card\b.{0,40}\b(just\s*)?pay\s*\$?\d|(loans?|cash)\b.{0,40}\b(approved|in)\s*(in\s*)?\d+\s*min|no\s*credit\s*check|(like|watch|rate|review)\s*(youtube\s*)?(videos?|products|hotels|apps)\b.{0,40}\b(earn|paid|\$\d)|earn\s*\$\d+\s*/\s*(day|hour)",  # noqa: E501
    r"dana\s*gaib|uang\s*gaib|penggandaan|pengganda(an)?\s*uang|mahar\b.{0,40}\b(dana|uang|cair|gaib|terjangkau)|(dana|uang)\b.{0,30}\bmahar|kaya\s*mendadak|tuyul|babi\s*ngepet|pesugihan|ritual\s*kekayaan|cuan\s*pasti|pasti\s*cuan|profit\s*harian|keuntungan\s*harian|profit\s*\d+\s*%\s*(per\s*)?(hari|minggu|bulan)|(gak|nggak|tidak|tak|anti|tanpa|bebas)\s*rugi\b.{0,40}\b(investasi|setor|modal|profit|trading|cuan)|(investasi|setor|modal|profit|trading|cuan)\b.{0,60}\b(gak|nggak|tidak|tak|anti|tanpa|bebas)\s*rugi|tiap\s*hari\s*dapat\s*\d+|setiap\s*hari\s*dapat\s*\d+",  # noqa: E501
    r"arisan\s*(online\s*)?(menurun|berantai|duos?)|slot\s*arisan|investasi\s*(bodong|abal|emas\s*digital\b.{0,40}(tiap|setiap|dijamin|profit))|skema\s*ponzi|pinjol|pinjaman\s*(online\s*)?(tanpa|cepat\s*cair|langsung\s*cair|kilat)|(cepat|langsung)\s*cair\b.{0,40}\b(tanpa|cukup\s*ktp)|tanpa\s*(bi\s*checking|slik)|cukup\s*(ktp|foto\s*ktp|ktp\s*(&|dan)\s*selfie)|auto\s*profit|modal\s*(kembali|balik)\s*dijamin|dibayar\s*\d+\s*(rb|ribu|k)\s*per\s*tugas|(memenangkan|pemenang)\s*undian\b.{0,80}\b(hubungi|klaim|segera|transfer|biaya)",  # noqa: E501
]
SLANG["health_claims"] += [
    r"(shrinks?|dissolves?|kills?|eliminates?|reverses?|heals?|cures?|melts?)\s*(the\s*)?(tumou?rs?|cancer|cysts?|diabetes|arthritis|fat)|\bno\s*chemo|without\s*chemo|instead\s*of\s*chemo|(stage\s*(4|iv|four))\b.{0,60}\b(naturally|cure|heal|reverse|protocol|shrink)|throw\s*away\s*(your\s*)?(insulin|glasses|pills|meds|medication)",  # noqa: E501
    r"(heal|cure)\w*\b.{0,40}\bfor\s*good|\d+\s*(inches|cm)\s*taller|taller\s*at\s*any\s*age|height\s*(capsules|pills|booster|increase)|hair\s*back\s*in\s*\d+|(works|kicks?\s*in|results)\s*(with)?in\s*\d+\s*(min|minutes)|100\s*%\s*(results|effective|success)|zero\s*side\s*effects|no\s*side\s*effects|doctors\s*(hide|don'?t\s*want)|(melt|lose|drop|burn)\s*\d+\s*(kg|kilos?|lbs?|pounds)\s*in\s*\d+\s*(days?|weeks?)|rock\s*hard|male\s*(pills|enhancement|performance)|draws?\s*(the\s*)?toxins|detox\s*(foot\s*)?pads",  # noqa: E501
    r"detoks\b.{0,40}\b(racun|sembuh|tuntas)|sembuh\w*\b.{0,40}\b(tuntas|total|permanen|selamanya)|(total|tuntas)\s*sembuh|minus\s*hilang|tanpa\s*(kemo|kemoterapi|kacamata)|(stop|lepas|berhenti)\s*(suntik\s*)?insulin|gula\s*darah\s*normal\s*dalam|(obat|kapsul|teh|jamu)\s*pelangsing|pelangsing\b.{0,40}\b(turun|kg|ampuh|cepat)|turun\s*\d+\s*kg\s*(sebulan|seminggu|dalam)|pembesar|putih\s*permanen|permanen\b.{0,30}\b(putih|besar|panjang)|peninggi\s*badan|tinggi\s*\d+\s*cm\s*dalam|minyak\s*lintah|obat\s*kuat|tahan\s*lama\s*di\s*ranjang|stadium\s*(akhir|4|empat)\b.{0,60}\b(sembuh|pulih|hilang)",  # noqa: E501
]
PHISH_ASK = r"send(?!\s*(you|it\s*to\s*you))|reply|share|forward|tell|give|read|say|provide|kirimi\w*|kirimkan\s*(ke\s*)?(kami|saya|aku)|sebut\w*|bacakan|balas|berikan|bagikan|kasih|infokan"  # noqa: E501
PHISH_SECRET = r"one-?\s*time\s*(pass)?code|passcode|otp|security\s*code|login\s*code|2fa|auth\w*\s*code|verification\s*code|\bpin\b|password|kata\s*sandi|kode\s*(keamanan|rahasia|\d\s*angka|verifikasi|otp|sms|aktivasi)|\d\s*-?\s*digit\s*code|\bmpin\b|username\s*(and|&|dan)\s*(pin|password)"  # noqa: E501
SLANG["phishing"] += [
    near(PHISH_ASK, PHISH_SECRET, 60),
    r"(code|kode)\s*(\w+\s*)?(yang|that)\s*(baru|barusan|just)\s*(masuk|came|arrived)|(code|kode)\b.{0,30}\bjust\s*came\s*to\s*your\s*phone",
    r"(billing|card|payment|bank)\s*(info|information|details)\b.{0,30}\b(and|&)\s*(password|pin|login)|update\s*your\s*(billing|payment)\s*(info|details)\b.{0,40}\b(here|password|suspension|avoid)|(confirm|verify)\s*your\s*card\s*(details|number|info)|(cek\s*resi|resi|undangan|tagihan|foto\s*paket|surat)\b.{0,30}\.apk|\.apk\b",  # noqa: E501
]
SLANG["wildlife"] += [
    r"(genuine|real|antique|solid|carved)\s*ivory|ivory\s*(chess|carvings?|figurines?|netsuke|antiques?|pieces|jewelry|jewellery|bangles?|tusks?)|wild[-\s]*caught|(no|without)\s*cites|cites\s*(papers|permits?)\s*(not\s*needed|unnecessary|not\s*required)|hawksbill|(tortoise|turtle)\s*shell\b.{0,30}\b(combs?|bracelets?|jewelry|for\s*sale|wholesale)",  # noqa: E501
    r"bear\s*bile|tiger\s*(bone|wine|cubs?|claws?)|\bcubs?\s*for\s*sale|fennec|african\s*grey\b.{0,40}\b(sale|cheap|wild|\$|ready)|slow\s*loris|macaques?|pangolin|rhino\s*horn|(baby|infant)\s*(monkey|macaque|chimp|orangutan|gibbon|loris)|(private\s*zoo|exotic\s*pets?)\b.{0,40}\b(sale|clearance|shipped|available)",  # noqa: E501
    r"beruang\s*madu|anak\s*beruang|kukang|trenggiling|\bcula\b|gading\s*(gajah|asli)|paruh\s*rangkong|awetan\b.{0,30}\b(burung|harimau|satwa|rusa)|(burung|satwa|harimau|rusa|macan)\s*(awetan|opsetan|offsetan)|opsetan|offsetan|tangkapan\s*(hutan|alam|liar)|satwa\s*(dilindungi|liar)\b.{0,40}\b(jual|ready|harga|kirim)|anakan\s*(elang|owa|lutung|orangutan)|(jual|ready|dijual)\s*(anak\s*)?(elang|owa|lutung|orangutan)|sisik\b.{0,20}\b(trenggiling|penyu)|kulit\s*(harimau|macan|ular\s*sanca)\b",  # noqa: E501
    near(
        r"orangutan|\bowa\b|lutung|elang\s*(jawa|brontok|bondol|hitam)|macan\s*tutul|harimau\s*sumatera",
        r"jual|dijual|ready|anakan|mahar|siap\s*kirim|for\s*sale",
        50,
    ),  # noqa: E501
]

# Eighth round: general shapes rather than names. A prescription drug with "no doctor" or "online"; a brand of
# drink or smoke with delivery or "no ID"; a sign-in, password or "verify" pointed at a link; the schemes' other
# disguises (tasks that need a top-up, cleared credit records). Written from the policy's categories, each
# pattern kept general enough for wording no corpus has.
RX_NAMES = r"valium|xanax|xans?|alprazolam|diazepam|lorazepam|ativan|clonazepam|klonopin|tramadol|ultram|ambien|zolpidem|soma|carisoprodol|adderall|ritalin|modafinil|provigil|armodafinil|phentermine|oxycodone|oxycontin|oxys?|hydrocodone|vicodin|norco|percocet|dilaudid|codeine|gabapentin|lyrica|pregabalin|ozempic|semaglutide|wegovy|mounjaro|sildenafil|tadalafil|benzos?|benzodiazepines?|opioids?|painkillers?|pain\s*(pills|killers|meds)|sleeping\s*(pills|tablets)|diet\s*pills|steroids?|anabolics?|trenbolone|dbol|hgh|riklona|calmlet|dumolid|obat\s*(penenang|tidur|keras|bius)"  # noqa: E501
NO_PRESCRIPTION = r"no\s*(prior\s*)?(rx|script|prescription|doctor'?s?(\s*visit)?|consult\w*|medical\s*(questions|records))|without\s*(a\s*|the\s*|any\s*)?(rx|script|prescription|doctor|consult\w*)|(prescription|rx|script|doctor|consultation)\s*(is\s*)?(not|un)\s*-?(needed|required|necessary)|no\s*need\s*(for|of)\s*(a\s*)?(prescription|doctor|rx)|skip\s*the\s*(doctor|clinic|appointment|pharmacy|prescription|waiting\s*room|line|gp|hassle)|why\s*see\s*a\s*doctor|our\s*doctors?\s*approve|(tanpa|bebas|gak\s*perlu|ga\s*perlu|tidak\s*perlu|nggak\s*perlu|gak\s*usah|ga\s*usah|tak\s*perlu)\s*(pakai\s*|ke\s*)?(resep|dokter)|resep\s*(gak|tidak|nggak|ga)\s*(perlu|usah)"  # noqa: E501
SLANG["drugs"] += [
    near(
        RX_NAMES,
        rf"{NO_PRESCRIPTION}|no\s*(appointment|questions(\s*asked)?)|without\s*the\s*hassle|waiting\s*rooms?",
        80,
    ),
    near(
        RX_NAMES,
        r"order\w*\s*(\w+\s*){0,3}online|online\s*(pharmacy|drugstore|chemist)|buy\s*(\w+\s*){0,2}online|shipped\s*(overnight|to\s*you|from)|tracked\s*(to\s*your\s*door|shipping)|to\s*your\s*door|by\s*the\s*(strip|bottle)|per\s*(pill|tab|strip)|\d+\s*(tabs|pills|caps)\s*(for\s*)?\$?\d",
        60,
    ),  # noqa: E501
    near(
        NO_PRESCRIPTION,
        r"pills?|tabs?|tablets?|caps(ules)?|meds|\d+\s*mg|pil|obat|kapsul|ship\w*|deliver\w*|online|order|dikirim|kirim",
        60,
    ),  # noqa: E501
]
# Brands that are also names, places or other products (Jack, Corona, Stella, Malibu, Anker chargers, "bintang"
# the star) count only with the word that makes them the drink: a customer called Jack whose order was delivered
# is not a liquor delivery.
DRINK_BRANDS = r"titos|tito'?s|fireball|patron\s*(tequila|silver|anejo)|casamigos|don\s*julio|grey\s*goose|absolut\s*(vodka|citron)?|bacardi|captain\s*morgan|malibu\s*rum|jager(meister)?|baileys|hennessy|henny|jameson|jack\s*daniel'?s?|johnnie\s*walker|(black|red)\s*label|chivas|crown\s*royal|smirnoff(\s*ice)?|white\s*claw|bud\s*light|budweiser|coors|modelo\s*(especial|negra)|stella\s*artois|corona\s*(extra|beer|light|familiar)|heineken|carlsberg|guinness|bir\s*bintang|bintang\s*(beer|radler|pilsener)|anker\s*(bir|beer|stout|lager)|soju|jinro|vodka|whiske?y|tequila|liquor|booze|prosecco|kegs?"  # noqa: E501
SMOKE_BRANDS = r"marlboro|newport\s*(cigarettes|menthols?|100s|box|shorts)|camel\s*(cigarettes|blue|crush|lights?|filters?)|lucky\s*strike|parliament\s*(cigarettes|aqua|blue|lights?)|pall\s*mall|kool\s*(menthols?|filters?|cigarettes)|winston\s*(cigarettes|blue|red|lights?)|benson\s*(&|and)\s*hedges|dunhill\s*(cigarettes|mild|filter|blue)|esse\s*(change|blue|menthol|golden|light|pop)|sampoerna|djarum|gudang\s*garam|cigarettes?|cigs|smokes|cigarillos?|backwoods|swishers?(\s*sweets)?|black\s*(and|&)\s*milds?|white\s*owl|cigars?|cerutu|rokok|shisha|hookah|al\s*fakher|elf\s*bars?|elfbars?|lost\s*mary|geek\s*bar|breeze\s*(pro|plus|smart|vape)|hyde\s*(edge|rebel|vape)|puff\s*bar|flum\s*(float|pebble|vape)|relx|oxva|vuse|juul|zyn|velo\s*(pouches|nicotine|mini)|vapes?|disposable\s*vapes?|nic(otine)?\s*pouches|e-?juice"  # noqa: E501
NO_AGE_CHECK = r"no\s*(id|ids|age)\b|(dont|do\s*not|never|wont|will\s*not|we\s*dont)\s*(check|ask(\s*for)?|need|care\s*about)\s*(your\s*)?(id|ids|age)|nobody\s*(checks|asks)|(id|age)\s*(not\s*(needed|required|checked|asked)|check\s*free)|under\s*-?\s*(18|21)s?\s*(ok|welcome|fine|allowed|too|can\s*order)|minors?\s*(ok|welcome)|tanpa\s*(cek\s*)?(umur|ktp)|(anak\s*sekolah|pelajar|bocil|di\s*bawah\s*umur)\s*(boleh|bisa)|(gak|tidak|ga|nggak)\s*(cek|tanya)\s*(umur|ktp)"  # noqa: E501
SLANG["alcohol_tobacco"] += [
    near(rf"{DRINK_BRANDS}|{SMOKE_BRANDS}|beers?|wine|drinks|alcohol|bir|miras|alkohol|vape", NO_AGE_CHECK, 80),
    near(
        DRINK_BRANDS,
        r"deliver\w*|to\s*your\s*(door|dorm|room|place|hotel|party)|drop(ped)?\s*off|cash(\s*only)?|bring\s*(it|them)\s*to\s*you|we\s*come\s*to\s*you|text\s*(your\s*|me\s*)?(order|orders)|untaxed|no\s*tax|duty\s*free|from\s*the\s*still|handles?|minis|antar\w*|cod\b|kirim|ojol|sampai\s*rumah",
        60,
    ),  # noqa: E501
    near(
        SMOKE_BRANDS,
        r"by\s*the\s*(carton|box|case|slop|pack)|cartons?|wholesale|bulk|\$\s*\d|cheap|half\s*price|untaxed|no\s*tax|tax\s*stamps?|duty\s*free|smuggled|restock\w*|in\s*stock|back\s*in|flavou?rs?|puffs|locker|deliver\w*|for\s*\$|each|ready|stok|jual|murah|slop|grosir|impor|kirim",
        50,
    ),  # noqa: E501
]
LINK = r"\{\{\s*\d+\s*\}\}|https?\s*:|www\.|\b[a-z0-9-]+\.(com|net|org|info|co|io|site|online|xyz|ru|top|vip|link|id|me|app|help|support|shop|live|click|biz|cc|tk|ml|ga|cf|gq|cn|my)\b"  # noqa: E501
CREDENTIALS = r"(work\s*|email\s*|company\s*|office\s*|mailbox\s*|account\s*|bank\s*|kantor\s*)?(password|passcode|credentials|login\s*details|username|user\s*id|\bpin\b|cvv|card\s*(number|details)|ssn|social\s*security\s*number|bank\s*(details|login)|online\s*banking\s*(login|details)|kata\s*sandi|nomor\s*kartu|data\s*(kartu|rekening)|\bnik\b|\botp\b)"  # noqa: E501
ENTER = r"enter\w*|re-?enter|submit|type|provide|input|sign\s*-?\s*in\s*with|log\s*-?\s*in\s*with|login\s*with|using|with\s*your|masukkan|masukan|isi|ketik|pakai|gunakan|dengan"  # noqa: E501
# A threat to the account itself. An order or a payment that is pending, failed, expired or on hold, followed by
# "confirm your address" or "update your card" at the shop's own link, is the most common Utility template there is:
# those words are not threats here, and confirming or updating is not signing in.
ACCOUNT_THREAT = r"locked|lock(ed)?\s*out|suspend\w*|deactivat\w*|disabled|frozen|compromised|unusual\s*(activity|sign|log)|suspicious|unauthori[sz]ed|restricted|violation|(mailbox|inbox|storage)\s*(is\s*)?(almost\s*|nearly\s*)?full|terblokir|diblokir|dibekukan|dinonaktifkan|ditangguhkan|dibatasi"  # noqa: E501
SIGN_IN = r"sign\s*-?\s*in|log\s*-?\s*in|logging\s*in|login|verify\w*|validat\w*|re-?validat\w*|unlock|reactivat\w*|re-?activate|re-?enter|appeal|masuk|verifikasi|validasi|aktifkan|buka\s*blokir"  # noqa: E501
SLANG["phishing"] += [
    rf"\b({ENTER})\s*(\w+\s*){{0,3}}({CREDENTIALS})\b.{{0,60}}({LINK})|({LINK}).{{0,40}}\b({ENTER})\s*(\w+\s*){{0,3}}({CREDENTIALS})",
    rf"\b({ACCOUNT_THREAT})\b.{{0,140}}\b({SIGN_IN})\b.{{0,60}}({LINK})|\b({SIGN_IN})\b.{{0,60}}({LINK}).{{0,80}}\b({ACCOUNT_THREAT})\b",  # noqa: E501
    rf"\b(confirm|verify|validate|re-?confirm|unlock|restore|konfirmasi|verifikasi|validasi|perbarui)\s*(your\s*|anda\s*)?(login|log-?\s*in|sign-?\s*in|account|identity|mailbox|email\s*account|apple\s*id|payment\s*(method|details|info)|billing\s*(info|details)|akun|data\s*(diri|anda|akun|rekening))\b\s*(\w+\s*){{0,3}}(at|here|via|on|below|now|di|melalui|lewat|:)?\s*({LINK})",  # noqa: E501
]
SLANG["gambling"] += [
    r"\b(put|place|stake|drop)\s*\$?\d+\s*on\s*(the\s*)?(underdog|favou?rite|game|match|fight|team|red|black|over|under)|match\s*your\s*(first\s*)?(bet|stake|wager)|megaways|slots?\b.{0,30}\b(paid|pays|paying|paid\s*out)\s*(out\s*)?\$?\d|(deposit|top\s*up)\s*\$?\d+.{0,50}\b(withdraw|cash\s*out)|sweepstakes\s*casino|redeem\s*(your\s*)?(winnings|coins)\s*for\s*cash|tebak\s*angka\b.{0,60}\b(menang|modal|hadiah|transfer)|(modal|depo)\s*\d+\s*(rb|k|ribu)\s*(bisa\s*)?(menang|jadi|wd)",  # noqa: E501
]
SLANG["adult"] += [
    r"swingers?|erotic\w*|\berotik\w*|naughty\b.{0,30}\b(shows?|girls|chat|cams?|videos?|pics|content)|live\s*(sex\s*)?shows?\b.{0,40}\b(hot|naughty|tip|models|private|nude)|(tip|tips|tokens?)\s*(to\s*)?the\s*(models|girls|cam\s*girls)|cam\s*girls?|masseuses?\b.{0,40}\b(hotel|all\s*night|outcall|beautiful|sexy|young)|live\s*(show|streaming)\s*(hot|panas|seksi|dewasa|bugil)|kamar\s*privat\b.{0,30}\b(koin|top\s*up|show)|(mainan|alat\s*bantu)\s*(dewasa|seks|sex)|sex\s*toys?|adult\s*toys?",  # noqa: E501
]
COPY_BRANDS = r"canada\s*goose|moncler|ray-?\s*bans?|oakleys?|stanley|supreme|off-?\s*white|north\s*face|cartier|omega|patek(\s*philippe)?|audemars|tag\s*heuer|hublot|burberry|versace|fendi|ysl|saint\s*laurent|givenchy|bottega|goyard|celine|coach|michael\s*kors|pandora|tiffany|beats|yeezys?|dunks?|new\s*balance|converse|vans|uggs?|lululemon|sk-?\s*ii|estee\s*lauder|mac\s*lipsticks?"  # noqa: E501
SLANG["counterfeit"] += [
    near(
        COPY_BRANDS,
        r"replicas?|copies|copy|clones?|knock-?\s*offs?|fakes?|dupes?\s*with\s*logo|kw|1\s*:\s*1|mirror|ua\s*quality|grade\s*(aaa|ori|a)|same\s*as\s*(the\s*)?(original|real)|seperti\s*(original|asli|ori)",
        40,
    ),  # noqa: E501
    r"(sick|doctor'?s?|medical)\s*notes?\b.{0,40}\b(fake|look\s*real|real-?\s*looking|\$\d|any\s*date)|fake\s*(doctor'?s?|sick|medical)\s*(notes?|certificates?)|(surat\s*(keterangan\s*)?(sehat|sakit|dokter|bebas\s*narkoba)|sertifikat\s*vaksin|kartu\s*vaksin)\b.{0,60}\b(tanpa\s*(datang|periksa|tes|ke\s*dokter)|bisa\s*dibuat|jasa|murah|jadi\s*(dalam|hari))|(ktp|sim|paspor|stnk)\b.{0,30}\btanpa\s*(tes|ujian|antri|datang)",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"(recharge|top\s*-?\s*up|deposit|isi\s*saldo)\b.{0,50}\b(unlock|commissions?|komisi|level|tasks?|tugas|orders?)\b|(complete|finish)\s*(\d+\s*)?(orders|tasks)\b.{0,60}\b(recharge|deposit|commission)|earn\s*\$?\d+\s*(-|to)\s*\$?\d+\s*(a|per)\s*(day|hour)|(reviewing|rating|liking|watching)\s*(hotels|products|posts|videos|apps|movies)\b.{0,40}\b(earn|paid|\$|per\s*day|a\s*day)|\bearn\b.{0,40}\b(reviewing|rating|liking)\s*(hotels|products|posts|videos|apps)|part-?\s*time\s*(job|work)\b.{0,60}\b(telegram|per\s*day|a\s*day|\$\d)",  # noqa: E501
    r"(remove|erase|wipe|delete|clear)\s*(your\s*)?(bad\s*)?(credit|debt)\s*(history|record|score|report)?\b.{0,60}\b(pay|fee|\$)|(pay|send)\s*(us\s*)?\$?\d+.{0,40}\b(remove|erase|wipe|clear)\s*(your\s*)?(bad\s*)?(credit|debt)|wipe\s*(out\s*)?your\s*debt\b.{0,40}\b(pay|\$)|saham\s*gorengan|(pasti|dijamin)\s*(naik|untung|cuan|profit)\s*\d+\s*%|\d+\s*%\s*(dijamin|pasti)|(giving|blessing)\s*(circle|loom)|get\s*\$[\d,]+\s*(back\s*)?(on|by|in)\s*\w+\b.{0,30}(legit|guaranteed)",  # noqa: E501
]
SLANG["health_claims"] += [
    r"reverse\s*(ageing|aging)|(ageing|aging)\s*by\s*\d+\s*years|\d+\s*years\s*younger|throw\s*(your\s*)?(glasses|insulin|pills|meds|inhaler)\s*away|(fix|fixes|cure\w*|reverse\w*|heal\w*)\s*(your\s*)?(short-?\s*sight\w*|myopia|near-?\s*sight\w*|eyesight|vision)|makan\s*sepuasnya\b.{0,30}\b(kurus|langsing|turun)|tetap\s*(kurus|langsing)\b|cures?\s*(all|every|any)\s*(diseases?|illness\w*)|sembuhkan\s*(segala|semua)\s*penyakit|stem\s*cell\s*(cream|serum)\b.{0,30}(years|younger|reverse)",  # noqa: E501
]

# What the next set written apart still missed, widened to its kind: lottery tickets bought for you, strip shows,
# papers "registered in the database", pirated licences, height in weeks, stun guns by voltage, crypto doublers.
SLANG["gambling"] += [
    r"(buy|beli)\s*(a\s*)?tickets?\s*(for\s*)?(\$|rp)?\s*\d+.{0,40}\b(win|menang)|(mega\s*millions|powerball|euromillions|lottery|lotto|lotre)\s*tickets?\s*(bought\s*|sold\s*|dibeli\s*)?(online|for\s*you)|(arisan\s*)?lotre\s*online",  # noqa: E501
]
SLANG["adult"] += [
    r"strip\s*(shows?|tease)|strippers?|(dancers?|girls|ladies)\b.{0,30}\b(go\s*all\s*the\s*way|full\s*service)|bachelor\s*party\b.{0,40}\b(dancers|strippers|girls|private)|(booking|pesan|sewa)\s*(cewek|cewe|wanita|gadis|lc|pemandu\s*lagu)\b.{0,50}\b(hotel|kamar|malam|nemenin|temenin|apartemen)|(nemenin|temenin|menemani)\b.{0,40}\b(lanjut|check\s*in|ke\s*hotel|ke\s*apartemen)",  # noqa: E501
]
SLANG["counterfeit"] += [
    r"(passports?|residence\s*permits?|visas?|driver'?s?\s*licen[cs]es?|ids?|ktp|paspor)\b.{0,50}\b(registered\s*in\s*(the\s*)?(database|system)|terdaftar\s*di\s*(database|sistem))|(buy|order|get)\s*(a\s*)?(real\s*|genuine\s*)?(passports?|residence\s*permits?)\b|\bbajakan\b|software\s*(crack|bajakan)",  # noqa: E501
]
SLANG["financial_scam"] += [
    r"(bitcoin|btc|crypto|eth|usdt|money|cash|uang)\s*doubl\w*|send\s*(me\s*|us\s*)?[\d.,]+\s*(btc|eth|usdt|bitcoin|ethereum|sol|bnb)\b.{0,40}\b(receive|get)\s*(back\s*)?[\d.,]+\s*(btc|eth|usdt|bitcoin|ethereum|sol|bnb)?",  # noqa: E501
]
SLANG["health_claims"] += [
    r"(tambah|nambah|naik|grow)\s*(tinggi\s*)?\d+\s*(cm|inches)\s*(dalam|cuma|hanya|in)\s*\d+",
]
SLANG["weapons"] += [
    r"(alat\s*)?kejut\s*listrik|\d+\s*(juta|million)\s*volts?|(pepper\s*spray|stun\s*gun|taser)\s*(disguised|shaped|bentuk)|bentuk\s*(lipstik|senter|hp)\b.{0,30}\b(setrum|kejut|volt)",  # noqa: E501
]

for _category, _patterns in SLANG.items():
    RULES[_category] += _patterns

# A pharmacy's or clinic's own message names prescription drugs; an offer says it needs no prescription.
# A hospital's or a school's escort is not an escort service. Each category's vetoes: (context, unless, which
# phrases; None: all).
VETOES = {
    "drugs": [
        (
            re.compile(
                r"\b(your|anda|kamu)\s*(\w+\s*){0,2}(prescription|refill|resep)|\bresep\s*(dokter\s*)?(anda|kamu)|\bpharmacy\b|\bapote?ik\b|\bapotek\b|\bclinic\b|\bklinik\b|\bdr\.\s*[a-z]+|\bdr\s+[a-z]{3,}|\bdokter\s+[a-z]+"  # noqa: E501
            ),
            re.compile(
                rf"\b(no|without|tanpa|bebas|skip\s*the)\s*(a\s*)?(prescription|rx|script|resep|doctor|dokter|questions)|discreet|stealth|eceran|\bcod\b|a\s*pop|overseas|ships?\s*(worldwide|overnight)|grade\b|{NO_PRESCRIPTION}"  # noqa: E501
            ),
            None,
        )
    ],
    "adult": [
        (
            re.compile(
                r"(hospital|patient|medical|security|police|airport|wheelchair|volunteer|school|funeral|vip\s*protection)\s*(\w+\s*)?escorts?|escorts?\s*(vehicles?|cars?|drivers?|to\s*the|(service\s*)?for\s*(patients|elderly|students|children))"  # noqa: E501
            ),
            None,
            re.compile(r"escorts?"),
        )
    ],
    # A brand's own warning names the fakes it warns about; an offer names a price.
    "counterfeit": [
        (
            re.compile(
                r"waspada|beware|hati-?\s*hati|protect\s*yourself|(hanya|only)\s*(beli\s*)?(\w+\s*){0,2}(di|from|on|at)\s*(\w+\s*)?(official|toko\s*resmi|authori[sz]ed|resmi)|lapor\w*\s*(penjual|produk|barang)|report\s*(fake|replicas|counterfeits?|sellers?)"  # noqa: E501
            ),
            re.compile(r"\b(ready|jual|dijual|for\s*sale|harga|murah|grosir|cod|order)\b|\$\s*\d|\d+\s*(rb|ribu|k)\b"),
            None,
        )
    ],
    "alcohol_tobacco": [
        # Grapes sold by the kilo are fruit.
        (
            re.compile(r"(per|/)\s*kg\b|\d+\s*(ribu|rb|k)\s*/\s*kg|\bbuah\b|\bfruit\b"),
            None,
            re.compile(r".*\banggur\b.*"),
        ),
        # Ginger beer, root beer and alcohol-free drinks are soft drinks.
        (
            re.compile(r"alcohol-?\s*free|non-?\s*alcoholic|tanpa\s*alkohol|ginger\s*beer|root\s*beer"),
            None,
            re.compile(r".*\b(beers?|bir)\b.*"),
        ),
        # A licensed seller's order notice or an event's ticket checks ages; an offer that skips the check, or
        # sells on price, stays flagged.
        (
            re.compile(
                r"(check|checks|checked|verify|verifies|scan)\s*(your\s*)?(photo\s*)?ids?\b|\bids?\s*(required|checked|check)\b|photo\s*id|must\s*be\s*(18|21)|legal\s*drinking\s*age|\btickets?\b|\bfestival\b|cek\s*ktp\s*(saat|di|wajib)|wajib\s*(tunjukkan\s*)?ktp"  # noqa: E501
            ),
            re.compile(rf"{NO_AGE_CHECK}|\$\s*\d|cheap|murah|cash|untaxed|no\s*tax|duty\s*free|smuggled|tanpa\s*cukai"),
            None,
        ),
    ],
    # Banks, cooperatives and pawnshops lend "tanpa agunan" and open accounts "cukup KTP" too. Their notices name
    # the lender, its branch or OJK; a loan shark's asks for a fee first or skips the credit check.
    "financial_scam": [
        (
            re.compile(
                r"\b(bank|bri|bni|bca|btn|bsi|cimb(\s*niaga)?|danamon|permata|ocbc|maybank|mandiri|jago|seabank|pegadaian|kur|kredit\s*usaha\s*rakyat|kta|ojk|kantor\s*cabang|cabang\s*terdekat|unit\s*\w+\s*terdekat|koperasi\s*karyawan|anggota\s*koperasi|potong\s*gaji|suku\s*bunga|bunga\s*(mulai\s*)?\d+([.,]\d+)?\s*%|npwp|aplikasi\s*resmi|outlet\s*terdekat)\b"  # noqa: E501
            ),
            re.compile(
                r"biaya\s*(admin\w*|pencairan|layanan|asuransi|materai|meterai)|transfer\s*(dulu|dahulu|terlebih|biaya|deposit|\d)|(bayar|setor)\s*(dulu|di\s*muka|deposit)|deposit|tanpa\s*(bi\s*checking|slik|survei|cek\s*bi)|bi\s*checking|pinjol|via\s*(wa|whatsapp|dm|telegram)|hubungi\s*admin|\bdm\b|cair\s*(dalam\s*)?\d+\s*menit\b.{0,40}\btanpa|data\s*hp|kontak\s*(darurat|hp)"  # noqa: E501
            ),
            re.compile(
                r"tanpa\s*(agunan|jaminan)|cukup\s*(foto\s*)?ktp.*|pinjaman\s*tanpa|cair\s*(dalam\s*)?\d+\s*menit|(cepat|langsung)\s*cair.*"  # noqa: E501
            ),
        )
    ],
    # A bank's own notice sends people to a branch or the app, and asks for nothing.
    "phishing": [
        (
            re.compile(
                r"datang\s*ke\s*(kantor\s*)?cabang|kunjungi\s*(kantor\s*)?cabang|visit\s*(any|a|your|the\s*nearest|our)\s*branch|bring\s*(your\s*)?(photo\s*)?id"  # noqa: E501
            ),
            re.compile(rf"{PHISH_ASK}|ketik|masukkan|enter|{LINK}"),
            None,
        ),
        # "Enter the code in the app": the code goes back where it came from, not to a stranger.
        (
            re.compile(r"\b(in|on|into)\s*(the|our|this)\s*(app|website|site)\b|\bdi\s*(aplikasi|situs\s*resmi)\b"),
            re.compile(LINK),
            None,
        ),
    ],
}

# Phrases that turn a phishing-like sentence into the bank's own warning.
PHISHING_NEGATIONS = re.compile(r"\b(never|don'?t|do\s*not|not\s*even|jangan|tidak\s*pernah|tidak\s*akan)\b")

SHORTENER_DOMAINS = (
    "bit.ly bitly.com bit.do tinyurl.com t.co goo.gl ow.ly s.id cutt.ly cutt.us is.gd v.gd rebrand.ly shorturl.at "
    "shorturl.asia tiny.cc rb.gy t.ly buff.ly shorte.st adf.ly bl.ink lnkd.in u.to cli.re short.io tiny.one surl.li "
    "soo.gd v.ht x.co shrtco.de t2m.io clck.ru tny.im qr.ae ouo.io shrinkme.io linktw.in 2u.pw"
).split()
# A dot may be disguised: "bit[.]ly", "bit(dot)ly", "bit . ly".
_DOT = r"(?:\s*(?:\[\.\]|\(\.\)|\[dot\]|\(dot\))\s*|\s+dot\s+|\s?\.\s?|\.)"
_DOMAINS = "|".join(_DOT.join(re.escape(part) for part in domain.split(".")) for domain in SHORTENER_DOMAINS)
SHORTENERS = re.compile(rf"(?<![\w.-])({_DOMAINS})(?=\s?/|\b)", re.IGNORECASE)

# Whole words only ("sabu" is not "sabung"); digits may touch a word ("slot88").
COMPILED = {
    category: [re.compile(rf"(?:(?<![a-z])|(?![a-z]))(?:{pattern})(?:(?![a-z])|(?<![a-z]))") for pattern in patterns]
    for category, patterns in RULES.items()
}


def lexicon_hits(normalised: str) -> dict[str, list[str]]:
    """Category -> the phrases that matched, in order of appearance."""
    hits: dict[str, list[str]] = {}
    for category, patterns in COMPILED.items():
        for pattern in patterns:
            for match in pattern.finditer(normalised):
                around = normalised[max(0, match.start() - 40) : match.end()]
                if category == "phishing" and PHISHING_NEGATIONS.search(around):
                    continue  # "never share this code": the sender's own warning
                phrase = match.group(0).strip()
                if phrase and phrase not in hits.setdefault(category, []):
                    hits[category].append(phrase)
        phrases = hits.get(category)
        for context, unless, which in VETOES.get(category, ()):
            if phrases and context.search(normalised) and not (unless and unless.search(normalised)):
                phrases = hits[category] = [p for p in phrases if which and not which.fullmatch(p)]
        if not phrases:
            hits.pop(category, None)
            continue
        # "slot gacor malam ini, depo" says no more than "gacor" and "depo": keep the shortest evidence.
        hits[category] = [p for p in phrases if not any(q != p and q in p for q in phrases)]
    return hits


def shortener_hits(raw: str) -> list[str]:
    return list(dict.fromkeys(m.group(0).lower() for m in SHORTENERS.finditer(raw or "") if _link_like(raw, m)))


def _link_like(raw: str, match: re.Match) -> bool:
    """A disguised dot ("bit . ly") counts only when a path follows, so "it is. Gd" stays prose."""
    if re.fullmatch(r"[\w-]+\.[\w-]+", match.group(0)):
        return True
    return raw[match.end() : match.end() + 2].lstrip().startswith("/")
