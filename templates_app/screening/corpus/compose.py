# ruff: noqa: E501 - the corpus frames read best one message per line
"""Compose the content screen's corpus from the team's hand-written message families.

Each family is one way senders write one kind of message (a frame with
alternatives and slots); its variants differ in wording, names, prices and
the tricks prohibited senders use (digits for letters, spaced-out words,
emoji). Families, never single messages, are assigned to the held-out split,
so no near-duplicate of a held-out message is ever trained on.

    python templates_app/screening/corpus/compose.py   # rewrites screen.jsonl and advisor.jsonl

Frame syntax: ``[a|b]`` picks one alternative, ``{pool}`` a value from
POOLS, `` || `` separates the body from the samples of ``{{1}}``, ``{{2}}``.
"""

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
VARIANTS = 6

POOLS = {
    "name": ["Budi", "Siti", "Andi", "Rina", "Dewi", "Agus", "Putri", "Rudi", "Maya", "Yusuf", "Tono", "Lestari"],
    "ename": ["John", "Sarah", "Mike", "Anna", "David", "Emily", "Chris", "Jess", "Tom", "Priya", "Kevin", "Laura"],
    "sapa": ["Halo", "Hai", "Hallo", "Permisi", "Selamat pagi", "Assalamualaikum", "Halo kak", "Hi gan", "Bosku"],
    "greet": ["Hi", "Hello", "Hey", "Dear customer", "Good morning", "Hey there", "Yo"],
    "hype": ["🔥", "💯", "🤑", "✨", "⚡", "🎉", "👉", "💥", "🚀", "😍", ""],
    "wa": ["wa.me/6281234567890", "0812-3456-7890", "+62 857 1122 3344", "WA 0813 9988 7766", "0878-1234-5678"],
    "ewa": ["wa.me/14155550123", "+1 415 555 0199", "text 555-0142", "DM us on WhatsApp"],
    "harga": ["Rp50rb", "Rp150.000", "200k aja", "Rp 1,5jt", "cuma 99rb", "Rp350.000", "75 ribu"],
    "price": ["$25", "$199", "only $49", "30 USD", "$9.99", "$120"],
    "kota": ["Jakarta", "Surabaya", "Bandung", "Medan", "Bekasi", "Depok", "Makassar", "Jogja"],
    "city": ["NYC", "London", "LA", "Chicago", "Manchester", "Sydney", "Toronto"],
    "order": ["INV-20391", "#A8812", "ORD-55120", "TRX9981", "#77310"],
    "date": ["12 Mei", "3 Juni", "Senin, 14 Juli", "Jumat ini", "besok", "28/08"],
    "edate": ["May 12", "June 3", "Monday, July 14", "this Friday", "tomorrow", "08/28"],
    "time": ["09:00", "10.30", "14:00", "19:30", "16.15"],
    "shop": ["Toko Maju", "Rumah Sehat", "Kopi Senja", "Glow Beauty", "Sinar Elektronik", "Mitra Motor"],
    "eshop": ["Acme Store", "Bright Pharmacy", "Urban Outfit", "Green Grocer", "Peak Fitness", "City Vet"],
    "shortlink": [
        "bit.ly/3xPromo",
        "s.id/daftar88",
        "tinyurl.com/y7k2bonus",
        "cutt.ly/gacor",
        "is.gd/Rk2w1",
        "shorturl.at/aBc12",
        "t.co/x9Kq2",
        "goo.gl/mx12",
        "ow.ly/Fx3P50",
        "rebrand.ly/promo-jun",
    ],
    "fulllink": [
        "https://tokomaju.co.id/promo",
        "https://www.acmestore.com/sale",
        "https://kopisenja.id/menu",
        "https://brightpharmacy.com/refill",
        "https://app.mitramotor.co.id/servis",
    ],
    # what prohibited senders sell (hot pools: the composer disguises them now and then)
    "*drug_en": [
        "tramadol",
        "xanax",
        "oxycodone",
        "adderall",
        "valium",
        "percs",
        "kush",
        "weed",
        "molly",
        "coke",
        "shrooms",
        "lean",
        "ketamine",
        "meth",
        "codeine syrup",
        "oxy",
        "mdma",
        "vicodin",
    ],
    "*drug_id": [
        "tramadol",
        "pil koplo",
        "ganja",
        "cimeng",
        "sabu",
        "inex",
        "dextro",
        "trihex",
        "riklona",
        "alprazolam",
        "tembakau gorila",
        "double L",
        "obat penenang",
        "heroin",
        "sabu sabu",
        "extasi",
    ],
    "*gun_en": [
        "glock",
        "AR-15",
        "9mm pistol",
        "ghost gun kit",
        "80% lower",
        "suppressor",
        "ammo",
        "AK47",
        "handgun",
        "rifle",
        "stun gun",
        "switchblade",
        "grenades",
        "shotgun shells",
        "revolver",
    ],
    "*gun_id": [
        "senpi",
        "senjata api",
        "pistol rakitan",
        "airsoft gun",
        "peluru tajam",
        "amunisi",
        "senapan angin",
        "pistol FN",
        "revolver",
        "bahan peledak",
        "bom ikan",
        "dopis",
        "pistol glock",
        "senapan PCP",
    ],
    "*bet_en": [
        "online casino",
        "slots",
        "free spins",
        "sportsbook",
        "jackpot slots",
        "baccarat",
        "roulette",
        "poker for real money",
        "parlay",
        "live casino",
        "betting tips",
        "sports betting",
    ],
    "*bet_id": [
        "slot gacor",
        "judi online",
        "togel",
        "toto 4D",
        "situs slot",
        "casino online",
        "judol",
        "mahjong ways",
        "zeus olympus",
        "sabung ayam",
        "domino qq",
        "poker online",
        "slot88",
        "bandar togel",
    ],
    "*adult_en": [
        "escort",
        "hookup",
        "nudes",
        "OnlyFans leaks",
        "adult videos",
        "cam show",
        "happy ending massage",
        "sugar daddy dates",
        "private girls",
        "xxx videos",
        "sexy video call",
    ],
    "*adult_id": [
        "open BO",
        "VCS",
        "cewek panggilan",
        "pijat plus plus",
        "bokep",
        "video syur",
        "ayam kampus",
        "tante girang",
        "booking out",
        "video viral 18+",
        "open VCS",
        "full service",
    ],
    "*booze_en": [
        "vape",
        "disposable vapes",
        "vape juice",
        "e-liquid",
        "cigarettes",
        "cigars",
        "whisky",
        "vodka",
        "craft beer",
        "wine",
        "liquor",
        "nicotine pouches",
        "vape pods",
        "tequila",
    ],
    "*booze_id": [
        "liquid vape",
        "pod vape",
        "rokok",
        "rokok tanpa cukai",
        "miras",
        "anggur merah",
        "ciu",
        "arak bali",
        "bir",
        "vodka",
        "tembakau",
        "cerutu",
        "saltnic",
        "wine",
        "whiskey",
        "soju",
    ],
    "*fake_en": [
        "replica",
        "AAA quality",
        "1:1 copy",
        "mirror quality",
        "fake Rolex",
        "first copy",
        "grade A copy",
        "super clone",
        "dupe with logo",
        "unbranded Nike",
    ],
    "*fake_id": [
        "KW super",
        "kw premium",
        "replika",
        "ori mirror",
        "tas branded KW",
        "jam tangan replika",
        "sepatu kw",
        "grade ori",
        "copy original",
        "mirror 1:1",
    ],
    "brand": ["Rolex", "Louis Vuitton", "Gucci", "Nike", "Adidas", "Hermes", "Chanel", "Prada", "iPhone", "Dior"],
    "*scam_en": [
        "guaranteed returns",
        "double your money",
        "30% monthly profit",
        "risk-free investment",
        "crypto signals",
        "forex robot",
        "loans with no credit check",
        "instant cash loan",
        "money doubling",
    ],
    "*scam_id": [
        "pinjol",
        "pinjaman online tanpa BI checking",
        "profit pasti",
        "gandakan uang",
        "investasi 5% per hari",
        "robot trading",
        "dana cair tanpa jaminan",
        "uang gaib",
        "pinjaman tanpa agunan cair 5 menit",
        "arisan online untung 2x lipat",
    ],
    "*cure_en": [
        "lose 10 kg in 7 days",
        "cure diabetes naturally",
        "miracle cure",
        "cure cancer",
        "male enhancement",
        "burn fat overnight",
        "reverse aging",
        "erection pills",
        "grow 3 inches",
        "detox that cures",
    ],
    "*cure_id": [
        "obat kuat",
        "pelangsing ampuh",
        "turun 10 kg seminggu",
        "obat diabetes sembuh total",
        "herbal ajaib",
        "obat pembesar",
        "peninggi badan",
        "sembuh kanker",
        "obat kuat pria",
        "penghancur lemak",
    ],
    "*phish_en": [
        "the 6-digit code we just sent",
        "your OTP",
        "your PIN",
        "your password",
        "the verification code",
        "your card number and CVV",
        "your login details",
    ],
    "*phish_id": [
        "kode OTP",
        "kode verifikasi",
        "PIN ATM",
        "password",
        "6 digit kode",
        "nomor kartu dan CVV",
        "PIN m-banking",
        "kode aktivasi",
    ],
    "bank": ["BCA", "BRI", "Mandiri", "BNI", "DANA", "OVO", "GoPay", "ShopeePay"],
    "ebank": ["Chase", "PayPal", "your bank", "Wells Fargo", "HSBC", "Amazon", "Netflix"],
    "*wild_en": [
        "baby monkey",
        "slow loris",
        "pangolin scales",
        "ivory",
        "parrot chicks",
        "sugar glider",
        "tiger cub",
        "python skin",
        "shark fin",
        "rhino horn",
        "turtle eggs",
        "puppies",
        "kittens",
        "exotic birds",
    ],
    "*wild_id": [
        "anak monyet",
        "kukang",
        "sisik trenggiling",
        "gading gajah",
        "burung kakatua",
        "landak mini",
        "anak kucing persia",
        "anak anjing",
        "telur penyu",
        "kulit harimau",
        "owa",
        "elang jawa",
        "lutung",
        "burung nuri",
    ],
    "med": ["amlodipine", "metformin", "atorvastatin", "insulin", "levothyroxine", "your inhaler", "amoxicillin"],
    "obat": ["metformin", "amlodipin", "obat hipertensi", "insulin", "obat asma", "vitamin D", "obat maag"],
}
HOT = {key for key in POOLS if key.startswith("*")}

LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
EMOJI_BREAK = ["🔥", "💰", "✨", "🎰", "💊", "⭐"]


def disguise(value: str, rng: random.Random) -> str:
    """The tricks prohibited senders use so keyword lists miss them."""
    trick = rng.choice(["leet", "spaced", "dotted", "stars", "caps", "stretch", "emoji"])
    if trick == "leet":
        return "".join(LEET.get(ch.lower(), ch) if rng.random() < 0.6 else ch for ch in value)
    if trick == "spaced":
        return " ".join(value.upper())
    if trick == "dotted":
        return ".".join(value)
    if trick == "stars":
        words = value.split(" ")
        return " ".join(w[:1] + "*" + w[1:] if len(w) > 3 else w for w in words)
    if trick == "caps":
        return value.upper()
    if trick == "stretch":
        return re.sub(r"([aeiou])", lambda m: m.group(1) * 3, value, count=1)
    return value.replace(" ", rng.choice(EMOJI_BREAK))


def expand(frame: str, rng: random.Random, *, disguised: bool) -> tuple[str, list[str]]:
    text = re.sub(r"\[([^\]]*)\]", lambda m: rng.choice(m.group(1).split("|")), frame)

    def fill(m):
        key = m.group(1)
        if key in POOLS:
            return rng.choice(POOLS[key])
        value = rng.choice(POOLS["*" + key])
        return disguise(value, rng) if disguised and rng.random() < 0.4 else value

    text = re.sub(r"(?<!\{)\{([a-z_]+)\}(?!\})", fill, text)
    body, *samples = [part.strip() for part in text.split(" || ")]
    return body, [sample for sample in samples if sample]


# --- the families --------------------------------------------------------------------------------------------------
# (category, language, prohibited?, frames). Legitimate families carry the category they resemble.
FAMILIES = [
    # Drugs, illegal and prescription
    (
        "drugs",
        "en",
        True,
        [
            "{greet} {{1}}! [Fresh|New] batch of {drug_en} [in stock|just landed] {hype} [No prescription needed|No script, no questions]. "
            "[Discreet shipping|Stealth packaging] to {city}. Order: {ewa} || {ename}",
            "Need something to [relax|sleep|focus]? {drug_en} and {drug_en} available [without a prescription|no Rx]. "
            "[Same day delivery|Delivered in 1 hour] {hype} Reply [YES|MENU] for prices",
            "[Plug|Connect] update {hype}: {drug_en} {price}/g, {drug_en} {price}. [Cash or crypto only|BTC accepted]. "
            "Hit {{1}} to order || {ewa}",
            "Hey {{1}}, [party|weekend] pack is back: {drug_en} + {drug_en}. [Top quality|Pure], [lab tested|no cut]. "
            "Tap the button to see the menu {hype} || {ename}",
            "Pharmacy-grade {drug_en} [without a doctor|no doctor visit needed]. [Buy 2 get 1 free|Bulk discounts]. "
            "[Overnight shipping|Ships tonight], tracking {{1}} || {order}",
            "{greet}! [We restocked|Back again]: {drug_en} {hype} [DM for the menu|Menu in the link]. "
            "Pickup in {{1}} or [drop-off|delivery] || {city}",
        ],
    ),
    (
        "drugs",
        "id",
        True,
        [
            "{sapa} {{1}}, ready {drug_id} [tanpa resep dokter|tanpa resep] {hype} [Kirim rapi|Pengiriman aman] "
            "[seluruh Indonesia|COD {kota}]. Order: {wa} || {name}",
            "Jual {drug_id} dan {drug_id} [original|asli], {harga} per [strip|paket|gram]. [Bisa COD|COD aman] {kota}. "
            "Minat chat {{1}} || {wa}",
            "Stok baru {drug_id} {hype} [barang bagus|kualitas super] [dijamin aman|aman terpercaya]. "
            "[Pesan sekarang|Buruan order], [kirim|antar] ke {{1}} || {kota}",
            "[Info|Promo] {drug_id} [murah|termurah] {harga}, [tanpa resep|no resep], [paket disamarkan|packing rapi "
            "tidak mencurigakan]. Klik tombol untuk [daftar harga|pricelist]",
            "{sapa} bosku, [mau|butuh] yang bikin [tenang|fly|melek]? {drug_id} ready {hype} "
            "[Transaksi aman|Privasi terjamin], hubungi {{1}} || {wa}",
            "Apotek online: {drug_id} [bebas resep|tanpa resep dokter] [ready stok|tersedia]. [Diskon|Potongan] "
            "{{1}} untuk pembelian pertama {hype} || 20%",
        ],
    ),
    (
        "drugs",
        "en",
        False,
        [
            "{greet} {{1}}, your prescription for {med} is ready for pickup at {eshop}. [Please bring your ID|Bring your "
            "insurance card]. [Reply STOP to opt out|Questions? Call us]. || {ename}",
            "Refill reminder: your {med} [runs out|will run out] on {{1}}. [Tap Refill to request it|Request a refill] "
            "and we'll [contact your doctor|have it ready]. || {edate}",
            "{eshop}: [flu shots|COVID boosters|vaccinations] are available [this week|now] [with no appointment|walk-in]. "
            "[Bring your card|Covered by most plans].",
            "Reminder from Dr. {ename}'s office: [take|continue] {med} [with food|twice a day] and book your [follow-up|"
            "check-up] before {{1}}. || {edate}",
        ],
    ),
    (
        "drugs",
        "id",
        False,
        [
            "{sapa} {{1}}, obat resep {obat} Anda [sudah siap diambil|siap diambil] di Apotek {shop}. "
            "[Bawa resep asli|Bawa kartu BPJS]. || {name}",
            "Pengingat minum obat: {obat} [diminum|diminum setelah makan] [2x sehari|pukul {time}]. "
            "Stok Anda habis {{1}}, [tebus ulang|pesan ulang] lewat tombol di bawah. || {date}",
            "Apotek {shop}: [vaksin|vaksinasi] [influenza|HPV|booster] [tersedia|dibuka] {date}. "
            "[Daftar lewat tombol|Daftar sekarang], [kuota terbatas|tempat terbatas].",
            "{sapa} {{1}}, jadwal kontrol ke dokter [besok|{date}] pukul {time}. [Jangan lupa bawa obat yang sedang "
            "diminum|Bawa hasil lab terakhir]. || {name}",
        ],
    ),
    # Weapons and explosives
    (
        "weapons",
        "en",
        True,
        [
            "{greet} {{1}}, {gun_en} [for sale|available now] {hype} [No background check|No paperwork], "
            "[cash only|cash or crypto]. [Meet in|Ships to] {city} || {ename}",
            "[Untraceable|Off-paper] {gun_en} and {gun_en} [in stock|ready]. {price}. [Serious buyers only|DM fast], "
            "{ewa}",
            "New shipment: {gun_en}, {gun_en}, [mags included|with ammo] {hype} [Discreet delivery|Delivered in plain "
            "box]. Order code {{1}} || {order}",
            "[Build your own|DIY] {gun_en} [kit|parts] - [no serial number|no FFL needed]. Tap below to [order|see "
            "stock] {hype}",
            "{greet}! [Fireworks|Explosives|Tannerite] and {gun_en} [for your crew|wholesale]. [Bulk price|Big discount] "
            "for orders over {{1}} || {price}",
            "Selling my {gun_en} [clean|barely used] + {gun_en}, {price} [OBO|firm]. [No questions asked|No ID needed] "
            "{hype}",
        ],
    ),
    (
        "weapons",
        "id",
        True,
        [
            "{sapa} {{1}}, jual {gun_id} [ready|siap kirim] {hype} [tanpa surat|tanpa izin], [COD|kirim aman] "
            "{kota}. Minat: {wa} || {name}",
            "Ready {gun_id} dan {gun_id} [mulus|kondisi bagus], {harga}. [Fast respon|Slow respon bukan PHP] {hype}",
            "[Stok|Barang] baru: {gun_id} + {gun_id} {hype} [Packing aman|Dikirim terpisah biar aman]. "
            "Order lewat {{1}} || {wa}",
            "[Jual|Open order] {gun_id} [rakitan|custom] [siap pakai|tinggal pakai], [harga nego|nego tipis] {harga}. "
            "Klik tombol untuk [katalog|foto barang]",
            "{sapa} bosku, [butuh|cari] {gun_id} buat [jaga diri|koleksi|berburu]? [Ready|Ada] {hype} "
            "[Tanpa surat-surat|Surat menyusul], [hubungi|chat] {{1}} || {wa}",
            "Grosir {gun_id} [dan|&] {gun_id} [murah|termurah] {kota} {hype} Minimal order {{1}} || 10 pcs",
        ],
    ),
    (
        "weapons",
        "en",
        False,
        [
            "{greet} {{1}}, your [Firearms Safety Course|range safety class] is on {edate} at {time}. "
            "[Bring a valid ID|Eye and ear protection provided]. || {ename}",
            "{eshop}: [glue guns|nail guns|heat guns] and [water guns|Nerf blasters] are [20% off|on sale] this weekend "
            "{hype}",
            "[BOOM|Explosive deals]! [Prices blown away|Killer prices] on [sneakers|laptops|summer dresses] at {eshop}. "
            "[Ends {edate}|While stocks last] {hype}",
            "Reminder: the [hunting license|gun safety] [renewal|exam] for {{1}} is due {edate}. [Book your slot|See the "
            "requirements] on the official portal. || {ename}",
        ],
    ),
    (
        "weapons",
        "id",
        False,
        [
            "{sapa} {{1}}, kelas [keselamatan menembak|olahraga menembak Perbakin] Anda [dijadwalkan|dimulai] "
            "{date} pukul {time}. [Bawa KTP|Wajib bawa kartu anggota]. || {name}",
            "[BOM DISKON|Harga MELEDAK|Promo meledak] {hype} [Semua sepatu|Semua gadget|Fashion wanita] [diskon 50%|"
            "mulai {harga}] di {shop}. [Berlaku sampai|Sampai] {date}!",
            "{shop}: [pistol semprot|spray gun|pistol lem tembak] [untuk cuci motor|untuk cat tembok] [diskon|cuma] "
            "{harga} {hype}",
            "[Pistol air|Water gun] mainan anak [ready|tersedia] warna-warni, {harga}. [Cocok untuk liburan|Hadiah "
            "ulang tahun] {hype}",
        ],
    ),
    # Gambling and real-money games
    (
        "gambling",
        "en",
        True,
        [
            "{greet} {{1}}! [Claim|Get] [200%|100%] deposit bonus at our {bet_en} {hype} [Withdraw fast|Instant payouts]. "
            "Play now: {{2}} || {ename} || [luckyspin777.com|winbig88.net]",
            "[Jackpot alert|Big win alert] {hype} {bet_en} [hitting|paying out] [tonight|right now]. [Min deposit|Deposit "
            "only] {price}, [free spins|50 free spins] for new members",
            "Tonight's [sure|fixed] odds: [Arsenal|Lakers|Real Madrid] win @2.5 {hype} [Bet now|Place your bet] on our "
            "{bet_en}, [bonus|cashback] {{1}} || 10%",
            "[Spin|Play] and win [real money|real cash] {hype} {bet_en} [with|+] {bet_en}. [Code|Promo code] {{1}} for "
            "[free credit|a $20 free chip] || SPIN20",
            "{greet}, [your account|your wallet] has {{1}} in [free chips|bonus credits] {hype} [Use them on|Redeem at] "
            "{bet_en} before midnight || {price}",
            "[VIP|Exclusive] {bet_en} [invite|access] for {{1}}: [weekly cashback|no-loss first bet] {hype} [Sign up|Join "
            "now] with the button below || {ename}",
        ],
    ),
    (
        "gambling",
        "id",
        True,
        [
            "{sapa} {{1}}, [main|gas] {bet_id} [hari ini|malam ini] pasti [maxwin|JP] {hype} [Depo|Deposit] "
            "[10rb|25rb|pulsa] [WD lancar|wd berapapun dibayar]! || {name}",
            "[Bocoran|Info] [RTP live|pola] {bet_id} [tertinggi|gacor] [hari ini|jam {time}] {hype} [Daftar|Join] sekarang, "
            "[bonus new member 100%|bonus harian]",
            "[Prediksi|Angka main] {bet_id} [Sydney|HK|SGP] [malam ini|{date}]: {{1}} {hype} [Pasang|Pasang sekarang] "
            "di bandar terpercaya || 4D 8271",
            "{sapa} bosku, [situs|link] {bet_id} [anti rungkad|resmi terpercaya] {hype} [Link alternatif|Link daftar]: "
            "{{1}} || [gacor88.id|maxwin777.net]",
            "[Scatter hitam|JP paus] [turun lagi|hari ini] di {bet_id} {hype} [Modal receh|Modal 5rb] [jadi jutaan|bisa "
            "WD 10jt]. Chat admin {{1}} || {wa}",
            "Event [cashback|rollingan] {bet_id} [5%|10%] [setiap minggu|tiap hari] {hype} [Member baru|Pemain baru] "
            "[dapat freebet|dapat saldo gratis] {{1}} || {harga}",
        ],
    ),
    (
        "gambling",
        "en",
        False,
        [
            "{greet} {{1}}! [Match night|Big game night] at {eshop} Sports Bar: [Arsenal vs Chelsea|the Finals] on the "
            "big screen, [book a table|reserve your seats] for {edate}. || {ename}",
            "Your [booking|appointment] slot is confirmed for {edate} at {time}. [Need to change it?|To reschedule,] "
            "tap the button below.",
            "[Lucky draw|Customer raffle]: every purchase over {price} at {eshop} [this month|until {edate}] gets a "
            "[free|] entry for [a bike|a holiday voucher]. [No purchase necessary to enter online.|T&Cs apply.]",
            "[Board game night|Bingo night for the community] at {eshop} {edate} {hype} [Free entry|Snacks included], "
            "[no real money|just for fun].",
        ],
    ),
    (
        "gambling",
        "id",
        False,
        [
            "{sapa} {{1}}, [sisa slot|slot] [booking|konsultasi|servis] {date} tinggal [3|sedikit] {hype} "
            "[Amankan slot Anda|Pilih jam] lewat tombol di bawah. || {name}",
            "[Nobar|Nonton bareng] [final Liga Champions|Timnas Indonesia] di {shop} {date} pukul {time} {hype} "
            "[Reservasi meja|Booking tempat] sekarang!",
            "[Undian berhadiah|Program undian] {shop}: setiap belanja {harga} dapat [1 kupon|kupon undian] [motor|"
            "umroh|emas]. [Izin Kemensos|Diawasi notaris], diundi {date}.",
            "{sapa} {{1}}, slot [webinar|kelas|kursus] [Digital Marketing|Bahasa Inggris] [masih tersedia|tinggal 5]. "
            "[Daftar|Kunci tempatmu] sebelum {date}. || {name}",
        ],
    ),
    # Adult content and escort services
    (
        "adult",
        "en",
        True,
        [
            "{greet} {{1}} {hype} [Lonely tonight?|Bored?] [Hot|Sexy] {adult_en} [in|near] {city}, [24/7|available now]. "
            "[Incall/outcall|Hotel visits ok]. {ewa} || {ename}",
            "[New girls|New models] just joined {hype} {adult_en} + {adult_en}. [Rates from|Only] {price}/hr, [discreet|"
            "100% private]",
            "[Unlock|Get] {adult_en} [of your crush|nobody else has] 🔞 [Full pack|VIP folder] {price}, link: {{1}} || "
            "[hotpics.vip|leak-vault.net]",
            "{greet} handsome, [I'm new in town|I'm visiting] {hype} [looking for|open to] {adult_en} tonight. "
            "[Text me|Reply] at {{1}} || {ewa}",
            "[Private|Members-only] {adult_en} [channel|group] 18+ {hype} [Daily uploads|New every day], [join for|"
            "lifetime access] {price}",
            "{adult_en} [service|booking] [tonight|this weekend] {hype} [Pick your girl|Choose from photos], "
            "[deposit|DP] {{1}} first || {price}",
        ],
    ),
    (
        "adult",
        "id",
        True,
        [
            "{sapa} {{1}}, [ready|open] {adult_id} [{kota}|area {kota}] {hype} [Real pict|Foto asli], [no tipu|anti "
            "tipu]. [Chat|WA] {wa} || {name}",
            "[Open|Ready] {adult_id} [malam ini|24 jam] {hype} [Cewek cantik|Mahasiswi|Tante] [full service|layanan "
            "lengkap], [DP dulu|transfer dulu] {harga}",
            "[Link|Grup] {adult_id} [terbaru|viral] 🔞 [full durasi|no sensor] {hype} [Gabung|Join] {harga} aja: {{1}} || "
            "[grupviral.xyz|t.me/videoviral]",
            "{sapa} kak, [lagi kesepian|butuh teman malam]? {adult_id} [ready|siap] {hype} [Hotel|Kos] [area|sekitar] "
            "{kota}, chat {{1}} || {wa}",
            "[Promo|Diskon] {adult_id} [hari ini|weekend] {hype} [Short time|ST] {harga}, [long time|LT] [nego|bisa nego]. "
            "[Privasi aman|Dijamin rahasia]",
            "Jual [video|koleksi] {adult_id} [lengkap|HD] {hype} [Kirim via|Dikirim lewat] [Telegram|Google Drive] "
            "setelah transfer {{1}} || {harga}",
        ],
    ),
    (
        "adult",
        "en",
        False,
        [
            "{greet} {{1}}, your [lingerie|swimwear] order {order} [has shipped|is out for delivery] {hype} "
            "[Track it below.|Arriving {edate}.] || {ename}",
            "{eshop} Spa: [deep tissue|Swedish|reflexology] massage [20% off|for {price}] [this week|on weekdays]. "
            "[Licensed therapists|Book a licensed therapist] with the button below.",
            "Reminder: your appointment at the [sexual health|family planning] clinic is on {edate} at {time}. "
            "[Results are confidential.|Reply C to confirm.]",
            "[Concert|Comedy night] tickets for {edate}: [18+ only, ID required at the door|adults only, bring your ID]. "
            "Your seats: {{1}} || [Row F 12-13|Balcony B4]",
        ],
    ),
    (
        "adult",
        "id",
        False,
        [
            "{sapa} {{1}}, [pijat refleksi|pijat tradisional|spa keluarga] di {shop} [diskon 30%|mulai {harga}] "
            "[setiap Senin|minggu ini]. [Terapis bersertifikat|Terapis profesional]. || {name}",
            "[Open PO|Open order] [hijab|gamis|baju tidur] [batch 3|terbaru] {hype} [Tutup|Close] {date}, [DP 50%|"
            "bisa transfer] ke {{1}} || {bank}",
            "{sapa} {{1}}, [booking|reservasi] kamar di Hotel {shop} [terkonfirmasi|berhasil] untuk {date}. "
            "[Check-in|Check in mulai] pukul {time}. || {name}",
            "Servis [lengkap|full service] [motor|mobil] di {shop} [cuma|mulai] {harga} {hype} [Ganti oli gratis|Gratis "
            "cuci]. Booking lewat tombol.",
        ],
    ),
    # Alcohol, tobacco and vapes
    (
        "alcohol_tobacco",
        "en",
        True,
        [
            "{greet} {{1}}! [Fresh|New] {booze_en} [flavours|stock] just landed {hype} [Buy 2 get 1|3 for {price}]. "
            "[Same-day delivery|Delivered tonight] in {city} || {ename}",
            "[Happy hour|Weekend deal] delivered: {booze_en} and {booze_en} [at wholesale price|{price} a bottle] "
            "{hype} [Order by 9pm|Order before midnight]",
            "[Clearance|Flash sale] on {booze_en} {hype} [No ID check|Discreet delivery], [tap to order|reply ORDER]. "
            "Code {{1}} || [VAPE20|CHEERS10]",
            "{eshop} [Liquor|Vape] Club: [members get|you get] {{1}} off {booze_en} [this weekend|today] {hype} || 25%",
            "{booze_en} [cartons|packs] [duty-free|tax-free] [cheaper than stores|{price}] {hype} [Bulk orders|Resellers] "
            "welcome, {ewa}",
            "[New|Limited] {booze_en} [drop|release] {hype} [pre-order|reserve yours] now, [pickup|delivery] {edate}",
        ],
    ),
    (
        "alcohol_tobacco",
        "id",
        True,
        [
            "{sapa} {{1}}, [ready|stok baru] {booze_id} [rasa baru|semua rasa] {hype} [Beli 2 gratis 1|Harga grosir] "
            "{harga}. [Kirim|COD] {kota} || {name}",
            "Jual {booze_id} dan {booze_id} [murah|termurah] {hype} [Original|Ori 100%] [tanpa cukai|non cukai], "
            "order {wa}",
            "[Promo|Diskon] {booze_id} [malam minggu|weekend] {hype} [Antar|Delivery] sampai rumah {kota}, "
            "[kode|voucher] {{1}} || [MABUK10|CHEERS]",
            "{sapa} bosku, {booze_id} [impor|lokal] ready {hype} [Harga|Cuma] {harga} per [botol|slop|pcs]. "
            "Chat {{1}} || {wa}",
            "[Grosir|Agen] {booze_id} [partai besar|reseller] {hype} [untung besar|harga bersaing], minimal "
            "{{1}} || 1 dus",
            "[Open order|PO] {booze_id} [edisi terbatas|limited] {hype} [Tutup|Close] {date}, [DP|bayar] {harga}",
        ],
    ),
    (
        "alcohol_tobacco",
        "en",
        False,
        [
            "{greet} {{1}}, [day 7|week 2] of your [quit-smoking|stop smoking] program {hype} [Cravings pass|You've saved "
            "{price} already]. [Keep going!|Reply HELP for a coach.] || {ename}",
            "{eshop} Sports Bar: [mocktails|alcohol-free cocktails] and [wings|burgers] [half price|for {price}] during "
            "the match {edate} {hype}",
            "Reminder: {eshop} Hotel is a [smoke-free and vape-free|non-smoking] property. Your check-in is {edate} "
            "at {time}.",
            "[Wine red|Burgundy] is [the colour|trending] this season {hype} [Lipsticks|Knit sweaters] [from {price}|20% "
            "off] at {eshop}",
        ],
    ),
    (
        "alcohol_tobacco",
        "id",
        False,
        [
            "{sapa} {{1}}, [buah|anggur] [anggur merah|anggur hijau] [impor|segar] di {shop} [cuma|hanya] {harga}/kg "
            "{hype} [Stok terbatas|Hari ini saja]. || {name}",
            "[Bir pletok|Wedang jahe|Es kopi susu] [khas Betawi|hangat] [tanpa alkohol|halal] [diskon|cuma] {harga} "
            "di {shop} {hype}",
            "Program [berhenti merokok|stop rokok] Puskesmas {kota}: [konsultasi gratis|konseling] {date} pukul {time}. "
            "[Daftar|Daftar sekarang] lewat tombol.",
            "{sapa} {{1}}, kamar [bebas asap rokok|non-smoking] Anda di Hotel {shop} siap {date}. || {name}",
        ],
    ),
    # Counterfeit goods
    (
        "counterfeit",
        "en",
        True,
        [
            "{greet} {{1}}! {brand} bags, {fake_en} {hype} [Looks 100% real|Nobody can tell], only {price}. "
            "[Ships worldwide|Free shipping] || {ename}",
            "{fake_en} {brand} watches [with box and papers|with serial numbers] {hype} [Same as retail|Indistinguishable], "
            "[order via|DM] {ewa}",
            "[New drop|Restock]: {brand} and {brand} {fake_en} {hype} [Wholesale|Bulk] prices for resellers, "
            "catalogue: {{1}} || [lux-copies.shop|repbags.store]",
            "[Designer|Branded] {brand} sneakers, {fake_en}, [half the price|{price}] {hype} [Pass any legit check|"
            "Fool anyone]",
            "{fake_en} {brand} [perfume|sunglasses|belts] [with logo|with original tags] {hype} [Buy 3 for|Bundle] "
            "{price}",
            "{greet}, your {fake_en} {brand} order {{1}} is ready {hype} [Pay the balance|Send the rest] to ship || "
            "{order}",
        ],
    ),
    (
        "counterfeit",
        "id",
        True,
        [
            "{sapa} {{1}}, ready tas {brand} {fake_id} {hype} [Mirip ori 99%|Persis ori], [harga|cuma] {harga}. "
            "[Free ongkir|Bisa COD] || {name}",
            "Jual jam {brand} {fake_id} [fullset|lengkap box] {hype} [Kualitas|Grade] [terbaik|AAA], order {wa}",
            "[Restock|Ready lagi] sepatu {brand} {fake_id} [size 36-44|all size] {hype} [Harga reseller|Grosir] "
            "{harga}. Katalog: {{1}} || [tokokw.id|branded-murah.com]",
            "{brand} {fake_id} [parfum|dompet|ikat pinggang] [lengkap logo|pakai logo] {hype} [Gak ketahuan|Dijamin "
            "mirip], {harga}",
            "[Promo|Flash sale] {fake_id} {brand} {hype} [Stok terbatas|Sisa sedikit], [transfer dulu|DP] ke {{1}} || "
            "{bank}",
            "[Open PO|Pre order] {brand} {fake_id} [batch|kloter] [baru|2] {hype} [Close|Tutup] {date}",
        ],
    ),
    (
        "counterfeit",
        "en",
        False,
        [
            "{greet} {{1}}, your {brand} [bag|watch] from {eshop} is [100% authentic|genuine] with [its original "
            "receipt|a certificate of authenticity]. [Track your order below.|Arriving {edate}.] || {ename}",
            "Protect yourself from [fake|counterfeit] {brand} products: buy only from [authorised|official] stores "
            "like {eshop}. [Report a counterfeit|Check a serial number] below.",
            "Your copy of invoice {{1}} [is attached|is ready to download]. [Questions? Reply here.|Thank you for "
            "your business.] || {order}",
            "[Museum shop|Gift shop] at {eshop}: [replica|scale] [dinosaur fossils|ship models] for kids [from {price}|"
            "on sale] {hype}",
        ],
    ),
    (
        "counterfeit",
        "id",
        False,
        [
            "{sapa} {{1}}, produk {brand} di {shop} [dijamin|100%] [original|ori] [bergaransi resmi|dengan garansi "
            "resmi]. [Cek nomor seri|Lacak pesanan] di bawah. || {name}",
            "Waspada produk [palsu|KW]! Beli {brand} hanya di [toko resmi|official store] seperti {shop}. "
            "[Laporkan|Lapor] [barang palsu|penjual palsu] lewat tombol.",
            "{sapa} {{1}}, salinan [faktur|invoice] {order} sudah [terlampir|bisa diunduh]. || {name}",
            "[Fotokopi|Print] dan [jilid|laminasi] [murah|kilat] di {shop}, [copy|fotokopi] [mulai|cuma] Rp300 "
            "per lembar {hype}",
        ],
    ),
    # Financial scams
    (
        "financial_scam",
        "en",
        True,
        [
            "{greet} {{1}}! [Join|Start] our [investment club|trading group] and get {scam_en} {hype} [No risk|Zero risk], "
            "[withdraw anytime|paid daily]. || {ename}",
            "[Invest|Put in] {price} [today|now], get [10x|double] back in [7 days|a week] {hype} {scam_en}, "
            "[100% guaranteed|proof in the group]",
            "[Congratulations|Congrats]! You [won|were selected for] {price} {hype} [To claim|To release the funds], "
            "[pay a small processing fee|send the handling fee] to {{1}} || [acct 88012345|USDT wallet TX9a]",
            "{scam_en} [approved|pre-approved] for {{1}} {hype} [No credit check|Bad credit ok], [cash in 5 minutes|"
            "same day]. [Pay the insurance fee first|Small fee to unlock] || {ename}",
            "[Our|My] {scam_en} made [$5,000|3x] last week {hype} [Copy my trades|Join the signal group], "
            "[only|entry] {price}. [Limited seats|Spots closing soon]",
            "{greet}, [your|a] [tax refund|inheritance|compensation] of {{1}} is [waiting|pending] {hype} "
            "[Send the release fee|Pay the clearance fee] to receive it || $4,800",
        ],
    ),
    (
        "financial_scam",
        "id",
        True,
        [
            "{sapa} {{1}}, [butuh dana cepat|butuh uang]? {scam_id} {hype} [Cukup KTP|Modal KTP aja], [cair|langsung cair] "
            "[5 menit|hari ini]! || {name}",
            "[Investasi|Program] [emas|kripto|saham] {scam_id} {hype} [Profit|Untung] [30% per bulan|5% sehari] "
            "[dijamin|pasti], [tanpa risiko|anti rugi]",
            "Selamat! Nomor Anda [memenangkan|terpilih mendapat] [hadiah|undian] {harga} dari {bank} {hype} [Transfer "
            "biaya admin|Bayar pajak hadiah] dulu ke {{1}} || [rek 1234567890|DANA 0812xxxx]",
            "{sapa} bosku, [modal kecil untung besar|modal 100rb jadi 1jt] {hype} {scam_id}, [member sudah|sudah "
            "ribuan member] [WD|cuan]. Gabung {{1}} || {wa}",
            "[Pinjaman|Dana talangan] [cair|ACC] tanpa [BI checking|agunan|survey] {hype} {scam_id}, [bunga rendah|"
            "tenor bebas]. [Bayar biaya pencairan dulu|Transfer deposit dulu] {harga}",
            "[Arisan|Titip dana] {scam_id} [balik 2x lipat|untung 100%] dalam [seminggu|7 hari] {hype} "
            "[Slot terbatas|Kuota terbatas], [daftar|transfer] ke {{1}} || {bank}",
        ],
    ),
    (
        "financial_scam",
        "en",
        False,
        [
            "{greet} {{1}}, your [credit card|loan] payment of {price} is due on {edate}. [Pay in the app|Pay from "
            "your account] to avoid a late fee. || {ename}",
            "{ebank}: [0% installments|10% cashback] on [electronics|travel] with your card until {edate}. "
            "[Terms apply|T&Cs apply]. [Investments carry risk.|Returns are not guaranteed.]",
            "Your [monthly statement|portfolio statement] for {{1}} is ready in the app. [Past performance does not "
            "guarantee future returns.|Need help? Reply here.] || [June|May]",
            "{greet} {{1}}, your [personal loan|mortgage] application {order} was [approved|received]. [No fee is "
            "ever asked before disbursement.|The funds reach your account within 2 working days.] || {ename}",
        ],
    ),
    (
        "financial_scam",
        "id",
        False,
        [
            "{sapa} {{1}}, tagihan [kartu kredit|cicilan|paylater] Anda {harga} jatuh tempo {date}. [Bayar lewat "
            "aplikasi|Bayar sebelum tanggal jatuh tempo] untuk hindari denda. || {name}",
            "{bank}: [cashback 10%|cicilan 0%] [belanja elektronik|tiket pesawat] sampai {date}. [Syarat dan "
            "ketentuan berlaku|S&K berlaku]. [Terdaftar dan diawasi OJK.|Investasi mengandung risiko.]",
            "{sapa} {{1}}, pengajuan [KPR|pinjaman|kredit motor] Anda {order} [disetujui|sedang diproses]. [Kami "
            "tidak pernah meminta biaya di muka.|Dana cair ke rekening Anda dalam 2 hari kerja.] || {name}",
            "Laporan [reksa dana|tabungan emas] Anda bulan {{1}} sudah tersedia di aplikasi {bank}. [Kinerja masa "
            "lalu tidak menjamin hasil di masa depan.|Cek portofolio Anda.] || [Juni|Mei]",
        ],
    ),
    # Miracle health and weight-loss claims
    (
        "health_claims",
        "en",
        True,
        [
            "{greet} {{1}}! [Our|This] [herbal|natural] [tea|capsule] helps you {cure_en} {hype} [100% guaranteed|"
            "Doctors hate it], [no side effects|no diet needed]. || {ename}",
            "{cure_en} [with|using] [one|this] [simple|secret] [capsule|drink] {hype} [Results in 3 days|Works "
            "overnight] or your money back. {price}",
            "[Tired of|Stop] [insulin|pills|dieting]? {cure_en} [permanently|for good] {hype} [Order today|Only "
            "{price}], [limited stock|last 20 bottles]",
            "[Miracle|Ancient] [oil|formula] to {cure_en} {hype} [Clinically proven|Approved by 1,000 doctors], code "
            "{{1}} for 50% off || HEAL50",
            "[Men|Guys], {cure_en} {hype} [Last all night|Instant results], [discreet box|plain packaging]. "
            "[Buy 2 get 1 free|{price} a pack]",
            "{greet}, [lost|I lost] [12 kg|20 lbs] in [a week|10 days] {hype} [without exercise|eating anything] "
            "thanks to [this detox|these drops]: {{1}} || [slimfast-drops.shop|detox-miracle.net]",
        ],
    ),
    (
        "health_claims",
        "id",
        True,
        [
            "{sapa} {{1}}, {cure_id} [herbal|alami] {hype} [Dijamin berhasil|100% ampuh], [tanpa efek samping|tanpa "
            "diet], [BPOM|halal]! || {name}",
            "[Jamu|Kapsul|Teh] {cure_id} {hype} [Hasil dalam 3 hari|Langsung terasa], [garansi uang kembali|uang "
            "kembali kalau gagal]. {harga}",
            "[Diabetes|Darah tinggi|Asam urat] [sembuh total|hilang selamanya] [tanpa obat dokter|tanpa suntik] {hype} "
            "[Minum|Cukup minum] {cure_id} [2x sehari|tiap pagi]",
            "[Khusus pria|Pria dewasa] {hype} {cure_id} [tahan lama|perkasa], [paket|kemasan] [rahasia|disamarkan]. "
            "Order {{1}} || {wa}",
            "[Turun|Langsing] [10 kg|15 kg] [dalam seminggu|7 hari] {hype} tanpa [olahraga|diet] pakai {cure_id}, "
            "[testimoni|bukti] di {{1}} || [ig @langsingcepat|langsing-ajaib.id]",
            "[Obat|Ramuan] [herbal|leluhur] {cure_id} {hype} [Sudah ribuan|Terbukti] sembuh, [promo|diskon] {harga}",
        ],
    ),
    (
        "health_claims",
        "en",
        False,
        [
            "{greet} {{1}}, your [nutrition consultation|diabetes check-up] with Dr. {ename} is on {edate} at {time}. "
            "[Please fast 8 hours before.|Bring your recent lab results.] || {ename}",
            "{eshop} Gym: [first month free|20% off annual membership] {hype} [Personal trainers|Group classes] "
            "[for every level|every morning].",
            "[Healthy meal plan|Balanced catering] from {eshop}: [1,500 kcal|low-sugar] menus designed by [a "
            "dietitian|nutritionists], {price}/week. [Results vary.|Pair with regular exercise.]",
            "Reminder: [free blood pressure|cholesterol] screening at {eshop} {edate}. [No appointment needed.|Walk in "
            "between 9 and 4.]",
        ],
    ),
    (
        "health_claims",
        "id",
        False,
        [
            "{sapa} {{1}}, jadwal [konsultasi gizi|cek gula darah|kontrol diabetes] Anda dengan dr. {name} [besok|{date}] "
            "pukul {time}. || {name}",
            "Gym {shop}: [gratis 1 bulan|diskon 20% member tahunan] {hype} [Kelas zumba|Personal trainer] "
            "[setiap pagi|untuk pemula].",
            "Katering [sehat|diet] {shop}: menu [rendah gula|1.500 kkal] dari [ahli gizi|dietisien], {harga}/minggu. "
            "[Hasil tiap orang berbeda.|Imbangi dengan olahraga.]",
            "[Cek kesehatan gratis|Pemeriksaan tensi gratis] di Puskesmas {kota} {date}. [Bawa KTP|Tanpa daftar].",
        ],
    ),
    # Phishing: asks for a PIN, password or code
    (
        "phishing",
        "en",
        True,
        [
            "{ebank}: [unusual activity|a login attempt] on your account {hype} [To keep it active|To avoid "
            "suspension], reply with {phish_en} [now|within 1 hour]. || ",
            "{greet} {{1}}, [we sent you|you received] a code by SMS by mistake. [Please|Kindly] [send|forward] "
            "{phish_en} [back to us|here] so we can [fix it|cancel it] || {ename}",
            "[Your account will be suspended|Your card is blocked] today. [Verify|Confirm] {phish_en} at {{1}} "
            "[to restore access|to unlock it] || [secure-verify-login.com|chase-help.info]",
            "[You won|Claim] a {price} [gift card|reward] from {ebank} {hype} [To receive it,|To confirm,] "
            "[share|tell us] {phish_en}",
            "[Security team|Support desk]: [update|confirm] your [banking details|account] [by replying with|and type] "
            "{phish_en} [to avoid charges|before midnight] {hype}",
            "{greet}, this is {ebank} [support|customer care]. [For verification|To process your refund] [please "
            "provide|we need] {phish_en} and your [date of birth|full name]",
        ],
    ),
    (
        "phishing",
        "id",
        True,
        [
            "[Nasabah|Pelanggan] {bank} yth, [akun Anda|rekening Anda] [akan diblokir|terblokir] {hype} [Segera|Mohon] "
            "[kirimkan|sebutkan] {phish_id} [untuk verifikasi|agar aktif kembali].",
            "{sapa} {{1}}, [tadi|barusan] [kode|SMS] [salah kirim|nyasar] ke nomor Anda. [Tolong|Mohon] [kirim|"
            "fotokan] {phish_id} [ke sini|ke saya] ya || {name}",
            "[Info|Pemberitahuan] perubahan tarif transfer {bank} [jadi Rp150.000/bulan|berlaku hari ini] {hype} "
            "[Isi formulir|Konfirmasi] dan [masukkan|isi] {phish_id} di {{1}} || [bri-tarif.id|bca-info.com]",
            "Selamat! Anda [dapat|memenangkan] [poin|hadiah] {harga} dari {bank} {hype} [Untuk klaim|Agar hadiah "
            "cair], [balas|kirim] {phish_id} Anda",
            "[CS|Admin] {bank}: [verifikasi data|pembaruan data] [wajib|harus] [hari ini|sekarang]. [Ketik|Kirim] "
            "{phish_id} [dan nomor kartu|beserta nama ibu kandung] [di chat ini|ke nomor ini] {hype}",
            "{sapa} kak, [saya kurir|ini kurir] {{1}} {hype} [paket Anda tertahan|ada paket], [sebutkan|kasih] "
            "{phish_id} [yang masuk|dari SMS] [untuk konfirmasi|biar dikirim] || [J&T|JNE|SiCepat]",
        ],
    ),
    (
        "phishing",
        "en",
        False,
        [
            "{{1}} is your {eshop} verification code. [Never share this code with anyone|Do not share it], "
            "[including our staff|not even with us]. [It expires in 10 minutes.|] || 482913",
            "{ebank} security notice: we will never ask for your PIN, password or one-time code [by phone, SMS or "
            "WhatsApp|in any message]. [If someone does, report it.|Stay safe.]",
            "{greet} {{1}}, your password was changed on {edate} at {time}. [If this wasn't you|Not you?], [reset it in "
            "the app|contact us through the app]. || {ename}",
            "New login to your {eshop} account from [Chrome on Windows|an iPhone] in {city}. [If this was you, no action "
            "is needed.|Review your devices in Settings.]",
        ],
    ),
    (
        "phishing",
        "id",
        False,
        [
            "{{1}} adalah kode verifikasi {shop} Anda. [JANGAN BERIKAN kode ini kepada siapa pun|Jangan bagikan kode "
            "ini], [termasuk pihak kami|termasuk petugas kami]. || 582017",
            "{bank} tidak pernah meminta PIN, password, atau kode OTP [melalui telepon, SMS atau WhatsApp|lewat "
            "pesan apa pun]. [Waspada penipuan|Laporkan ke 1500888] {hype}",
            "{sapa} {{1}}, password akun {shop} Anda [diubah|telah diganti] {date} pukul {time}. [Bukan Anda?|Jika "
            "bukan Anda,] [hubungi kami lewat aplikasi|amankan akun di aplikasi]. || {name}",
            "Login baru ke akun {bank} Anda dari [HP Samsung|iPhone] di {kota}. [Jika itu Anda, abaikan pesan ini.|"
            "Periksa perangkat Anda di menu Keamanan.]",
        ],
    ),
    # Animals and wildlife
    (
        "wildlife",
        "en",
        True,
        [
            "{greet} {{1}}! [Cute|Healthy] {wild_en} [for sale|available] {hype} [Hand-raised|Tame], [ships to|"
            "delivery in] {city}, {price} || {ename}",
            "[Rare|Exotic] {wild_en} and {wild_en} [in stock|ready to go] {hype} [No permit needed|Papers not needed], "
            "{ewa}",
            "[Genuine|Real] {wild_en} [for collectors|wholesale] {hype} [Certificate|Photos] on request, [price|from] "
            "{price}. Order {{1}} || {order}",
            "[New litter|Fresh batch] of {wild_en} {hype} [Reserve yours|Deposit] {{1}} [to hold one|today] || {price}",
            "[Selling|Rehoming for a fee] my {wild_en} [with cage|+ food], {price} [firm|OBO] {hype}",
            "{wild_en} [import|direct from the jungle] {hype} [Bulk orders|Resellers] welcome, [discreet "
            "transport|safe shipping]",
        ],
    ),
    (
        "wildlife",
        "id",
        True,
        [
            "{sapa} {{1}}, jual {wild_id} [jinak|sehat] {hype} [Bisa kirim|Kirim aman] [luar kota|{kota}], "
            "{harga} || {name}",
            "Ready {wild_id} dan {wild_id} [langka|super] {hype} [Tanpa surat|Surat menyusul], [minat|serius] "
            "hubungi {wa}",
            "[Jual|Ready] {wild_id} [asli|original] [untuk koleksi|grosir] {hype} [Harga|Mulai] {harga}. Order "
            "{{1}} || {wa}",
            "[Anakan|Baby] {wild_id} [baru lahir|umur 2 bulan] {hype} [DP|Booking] {{1}} [untuk keep|biar aman] || "
            "{harga}",
            "[Lepas|Jual] {wild_id} [peliharaan|kesayangan] [plus kandang|beserta kandang] {harga} [nego|net] {hype}",
            "[Supplier|Agen] {wild_id} [hutan|liar] [langsung dari Kalimantan|dari Sumatra] {hype} [Partai besar|"
            "Grosir] [siap kirim|ready]",
        ],
    ),
    (
        "wildlife",
        "en",
        False,
        [
            "{greet} {{1}}, [Max|Luna]'s [vaccination|annual check-up] at {eshop} is due {edate}. [Book a time|Reply "
            "to confirm]. || {ename}",
            "{eshop}: [premium cat food|puppy kibble|bird seed] [20% off|buy 2 get 1] {hype} [This week only|While "
            "stocks last].",
            "[Zoo|Aquarium] [tickets|passes] for {edate}: [kids go free|family pack {price}] {hype} [See the new "
            "tiger enclosure|Meet the sea turtles].",
            "Your [dog grooming|pet boarding] [appointment|booking] is confirmed for {edate} at {time}. || ",
        ],
    ),
    (
        "wildlife",
        "id",
        False,
        [
            "{sapa} {{1}}, jadwal [vaksin|steril|grooming] [kucing|anjing] Anda di Klinik Hewan {shop} {date} pukul "
            "{time}. || {name}",
            "{shop} Petshop: [makanan kucing|pakan burung|pasir kucing] [diskon 20%|beli 2 gratis 1] {hype} "
            "[Minggu ini saja|Selama persediaan ada].",
            "[Tiket|Promo tiket] [Kebun Binatang|Taman Safari] [Ragunan|{kota}] {date}: [anak gratis|paket keluarga "
            "{harga}] {hype}",
            "[Sate kambing|Ayam goreng|Bebek bakar] {shop} [promo|diskon] {harga} [hari ini|setiap Jumat] {hype} "
            "[Pesan antar|Order] lewat tombol.",
        ],
    ),
    # Link shorteners
    (
        "link_shortener",
        "en",
        True,
        [
            "{greet} {{1}}, your [order|parcel] {order} [is on its way|has shipped]. Track it: {shortlink} || {ename}",
            "[Summer sale|Flash sale] at {eshop} {hype} [Up to 50% off|Everything {price}]: {{1}} || {shortlink}",
            "[Rate your visit|Tell us how we did] at {eshop}: {shortlink} [Thanks!|It takes 1 minute.]",
            "[Your invoice|Your receipt] {order} is ready: {{1}} || https://{shortlink}",
            "[Webinar|Workshop] {edate} at {time}: [register|save your seat] here {shortlink} {hype}",
            "{greet}! [New menu|New arrivals] at {eshop} {hype} [See them|Browse] at {{1}} || {shortlink}",
        ],
    ),
    (
        "link_shortener",
        "id",
        True,
        [
            "{sapa} {{1}}, pesanan {order} [sedang dikirim|sudah dikirim]. Lacak di {shortlink} || {name}",
            "[Promo gajian|Flash sale] {shop} {hype} [diskon s.d. 50%|mulai {harga}]: {{1}} || {shortlink}",
            "[Beri nilai|Isi survei] kunjungan Anda di {shop}: {shortlink} [Terima kasih!|Hanya 1 menit.]",
            "[Invoice|Tagihan] {order} Anda: {{1}} || https://{shortlink}",
            "[Webinar|Kelas gratis] {date} pukul {time}: [daftar|amankan kursi] di {shortlink} {hype}",
            "{sapa}! [Menu baru|Koleksi baru] di {shop} {hype} Lihat di {{1}} || {shortlink}",
        ],
    ),
    (
        "link_shortener",
        "en",
        False,
        [
            "{greet} {{1}}, your [order|parcel] {order} [is on its way|has shipped]. Track it: {fulllink} || {ename}",
            "[Summer sale|Flash sale] at {eshop} {hype} [Up to 50% off|Everything {price}]: {{1}} || {fulllink}",
            "[Rate your visit|Tell us how we did] at {eshop}: {fulllink} [Thanks!|It takes 1 minute.]",
            "[Bit by bit|A little at a time], your [savings goal|progress] grows {hype} See [it|your dashboard] in the "
            "app.",
        ],
    ),
    (
        "link_shortener",
        "id",
        False,
        [
            "{sapa} {{1}}, pesanan {order} [sedang dikirim|sudah dikirim]. Lacak di {fulllink} || {name}",
            "[Promo gajian|Flash sale] {shop} {hype} [diskon s.d. 50%|mulai {harga}]: {{1}} || {fulllink}",
            "[Beri nilai|Isi survei] kunjungan Anda di {shop}: {fulllink} [Terima kasih!|Hanya 1 menit.]",
            "{sapa} {{1}}, [dokumen|berkas] [sudah diterima|lengkap]. [Proses|Verifikasi] [s.d.|sampai] 3 hari kerja. "
            "|| {name}",
        ],
    ),
    # Everyday business messages, no look-alike
    (
        "ok",
        "en",
        False,
        [
            "{greet} {{1}}, your order {order} has shipped and will arrive {edate}. [Track it below.|Thanks for "
            "shopping with {eshop}.] || {ename}",
            "Appointment reminder: {{1}} at {eshop} on {edate} at {time}. [Reply 1 to confirm, 2 to reschedule.|See "
            "you soon!] || {ename}",
            "[Payment received|We received your payment] of {price} for invoice {order}. [Thank you!|Your receipt is "
            "in the app.]",
            "{eshop} [mid-season sale|weekend sale]: [up to 40% off|{price} off] [jackets|shoes|home decor] {hype} "
            "[Ends {edate}.|Shop now.]",
            "{greet} {{1}}, [your subscription renews|your plan renews] on {edate} for {price}. [Manage it in your "
            "account.|No action needed.] || {ename}",
            "[Join our free webinar|You're invited]: [Growing your small business|Social media basics] on {edate} at "
            "{time}. [Register with the button.|Seats are limited.]",
            "Your [table for 4|reservation] at {eshop} is confirmed for {edate}, {time}. [See you then!|Reply to "
            "change it.]",
            "{greet} {{1}}, [we miss you|it's been a while] {hype} [Here's 15% off your next order|Come back for a free "
            "coffee] with code {{2}}. || {ename} || [BACK15|COFFEE]",
            "[Your delivery|Your parcel] from {eshop} [was delivered|is at the pickup point] {edate}. [Not yours? "
            "Let us know.|Enjoy!]",
            "[New arrivals|Fresh picks] at {eshop} {hype} [Autumn collection|Summer linen] now in store and online.",
            "[Service update|Maintenance notice]: the app will be unavailable {edate} from {time} for "
            "[maintenance|an upgrade].",
            "{greet} {{1}}, thanks for [your feedback|visiting {eshop}]. [We've passed it on to the team.|Hope to see "
            "you again.] || {ename}",
        ],
    ),
    (
        "ok",
        "id",
        False,
        [
            "{sapa} {{1}}, pesanan {order} sudah dikirim dan [tiba|diperkirakan tiba] {date}. [Lacak lewat tombol di "
            "bawah.|Terima kasih sudah belanja di {shop}.] || {name}",
            "Pengingat janji temu: {{1}} di {shop} {date} pukul {time}. [Balas 1 untuk konfirmasi.|Sampai jumpa!] || "
            "{name}",
            "Pembayaran {harga} untuk [tagihan|invoice] {order} sudah kami terima. [Terima kasih!|Bukti bayar ada di "
            "aplikasi.]",
            "[Promo gajian|Promo akhir bulan] {shop}: [diskon s.d. 40%|potongan {harga}] [semua sepatu|fashion pria|"
            "perabot rumah] {hype} [Berlaku sampai {date}.|Belanja sekarang.]",
            "{sapa} {{1}}, langganan Anda [diperpanjang|berakhir] {date}. [Atur di aplikasi.|Tidak perlu tindakan.] || "
            "{name}",
            "[Ikuti webinar gratis|Undangan webinar]: [Jualan online untuk UMKM|Dasar media sosial] {date} pukul "
            "{time}. [Daftar lewat tombol.|Kursi terbatas.]",
            "Reservasi meja [untuk 4 orang|Anda] di {shop} terkonfirmasi {date} pukul {time}. [Sampai jumpa!|Balas "
            "untuk ubah jadwal.]",
            "{sapa} {{1}}, [kami kangen|sudah lama nih] {hype} [Diskon 15% untuk pesanan berikutnya|Gratis kopi] "
            "pakai kode {{2}}. || {name} || [BALIK15|KOPI]",
            "Paket dari {shop} [sudah diterima|sudah sampai di titik ambil] {date}. [Bukan milik Anda? Hubungi kami.|"
            "Selamat menikmati!]",
            "[Koleksi baru|Produk terbaru] {shop} {hype} [Edisi Lebaran|Batik modern] sudah ada di toko dan online.",
            "[Info layanan|Pemberitahuan]: aplikasi tidak bisa diakses {date} mulai pukul {time} karena "
            "[pemeliharaan|pembaruan sistem].",
            "{sapa} {{1}}, terima kasih atas [masukannya|kunjungannya ke {shop}]. [Sudah kami teruskan ke tim.|Sampai "
            "jumpa lagi.] || {name}",
        ],
    ),
]


# Small sellers' everyday offers: the same selling words as prohibited ones (ready, grosir, COD, reseller).
FAMILIES += [
    (
        "ok",
        "id",
        False,
        [
            "[Jual|Ready stok|Sedia] {goods_id} [harga grosir|harga reseller|murah], [bisa COD|COD] area {kota}. [Order|Pesan] via {wa}",
            "{sapa} kak, {goods_id} [ready lagi|restock] {hype} [Harga|Mulai] {harga}, [reseller welcome|bisa dropship]. Minat chat {{1}} || {wa}",
            "[Open PO|Open order] {goods_id} [batch 2|terbaru], [DP 50%|bayar di awal], [close|tutup] {date}. [Kirim seluruh Indonesia|Bisa COD {kota}]",
            "[Grosir|Agen] {goods_id} [partai besar|untuk warung dan toko], [harga bersaing|harga pabrik], [minimal order|min.] {{1}} || [1 dus|10 pcs|5 kg]",
            "{{1}} adalah kode verifikasi {shop} Anda. [Masukkan kode ini di aplikasi|Gunakan kode ini untuk masuk], [jangan berikan ke siapa pun|berlaku 5 menit]. || [482913|771204]",
            "{sapa} {{1}}, [balas|kirim] nomor pesanan Anda [agar kami bisa|supaya kami] [cek status paket|bantu lacak paket]. || {name}",
        ],
    ),
    (
        "ok",
        "en",
        False,
        [
            "[Wholesale|Bulk] {goods_en} at [factory prices|reseller prices], [cash on delivery|COD] in {city}. [Order|DM to order] at {ewa}",
            "{greet} {{1}}! {goods_en} [back in stock|restocked] {hype} [From|Only] {price}, [resellers welcome|dropshipping available]. || {ename}",
            "[Pre-order|Pre-orders] open for {goods_en}, [50% deposit|pay on order], [closes|ends] {edate}. [Ships nationwide|Local pickup available]",
            "{{1}} is your {eshop} code. [Enter it in the app to continue|Use it to sign in]; [never share it|it expires in 10 minutes]. || [482913|771204]",
            "{greet} {{1}}, [reply with|send us] your order number [so we can|and we'll] [track your parcel|check the status]. || {ename}",
            "[To verify your account|To finish signing up], enter the code we sent [in the app|on the website]. [Never share it with anyone.|Our staff will never ask for it.]",
        ],
    ),
]
POOLS["goods_id"] = [
    "beras premium 5kg",
    "hijab voal",
    "kue kering lebaran",
    "sepatu anak",
    "gamis terbaru",
    "madu hutan",
    "kopi bubuk",
    "skincare BPOM",
    "makanan kucing",
    "kandang kucing",
    "pulsa dan paket data",
    "frozen food",
    "kaos polos",
    "daster batik",
    "sambal botol",
    "keripik pedas",
    "mainan edukasi anak",
    "tas rajut",
]
POOLS["goods_en"] = [
    "phone cases",
    "cotton T-shirts",
    "kitchen towels",
    "baby clothes",
    "coffee beans",
    "scented candles",
    "pet food",
    "dog beds",
    "handmade soap",
    "plant pots",
    "phone chargers",
    "yoga mats",
]


# --- the category advisor's corpus: Utility bodies, with and without promotional wording -------------------------
ADVISOR = [
    (
        "en",
        False,
        [
            "{greet} {{1}}, your order {order} has shipped and will arrive {edate}. || {ename}",
            "Your appointment at {eshop} is on {edate} at {time}. [Reply 1 to confirm.|To reschedule, tap below.]",
            "We received your payment of {price} for invoice {order}. [Your receipt is attached.|Thank you.]",
            "{greet} {{1}}, your [password was changed|email was updated] on {edate}. [Not you? Contact us.|No action "
            "needed.] || {ename}",
            "Your [flight|train] {order} [departs|is delayed to] {time} on {edate}. [Gate info in the app.|Check in "
            "online.]",
            "Your subscription renews on {edate} for {price}. [Manage it in your account.|Update your card if needed.]",
            "[Reminder|Notice]: your [bill|invoice] {order} of {price} is due {edate}.",
            "{greet} {{1}}, your [return|refund] for {order} was [approved|processed]. The money reaches you in 3-5 days. "
            "|| {ename}",
            "Your [parcel|delivery] is at the pickup point until {edate}. [Bring this code: {{1}}|Show the QR code.] || "
            "PX-4412",
            "Your [account|profile] details were updated on {edate}. [If you did not do this, contact support.|]",
        ],
    ),
    (
        "id",
        False,
        [
            "{sapa} {{1}}, pesanan {order} sudah dikirim dan tiba {date}. || {name}",
            "Janji temu Anda di {shop} {date} pukul {time}. [Balas 1 untuk konfirmasi.|Ubah jadwal lewat tombol.]",
            "Pembayaran {harga} untuk tagihan {order} sudah diterima. [Bukti bayar terlampir.|Terima kasih.]",
            "{sapa} {{1}}, password akun Anda diubah {date}. [Bukan Anda? Hubungi kami.|Abaikan jika ini Anda.] || {name}",
            "Penerbangan {order} Anda [berangkat|ditunda ke] pukul {time} {date}. [Check-in online di aplikasi.|]",
            "Langganan Anda diperpanjang {date} sebesar {harga}. [Atur di aplikasi.|Perbarui kartu bila perlu.]",
            "[Pengingat|Pemberitahuan]: tagihan {order} sebesar {harga} jatuh tempo {date}.",
            "{sapa} {{1}}, pengembalian dana untuk {order} sudah diproses. Dana masuk dalam 3-5 hari kerja. || {name}",
            "Paket Anda di titik ambil sampai {date}. [Tunjukkan kode {{1}}|Tunjukkan QR code.] || PX-4412",
            "Data akun Anda diperbarui {date}. [Jika bukan Anda, hubungi CS.|]",
        ],
    ),
    (
        "en",
        True,
        [
            "{greet} {{1}}, your order {order} has shipped! [Shop our new collection|Don't miss our summer sale] and "
            "get [20% off|free shipping] on your next order. || {ename}",
            "Your appointment at {eshop} is on {edate}. [Book a second treatment and save 30%|Add a facial for only "
            "{price}] {hype}",
            "Payment of {price} received. [Upgrade to Premium today|Buy one, get one free] with code {{1}}! || SAVE20",
            "{greet} {{1}}, [exclusive offer|limited-time deal] just for you: [50% off|{price} off] [all shoes|your next "
            "purchase] until {edate}. || {ename}",
            "Your subscription renews on {edate}. [Switch to annual and get 2 months free|Refer a friend and you both "
            "get {price}] {hype}",
            "[Reminder|Heads up]: your cart is waiting {hype} [Complete your purchase|Buy now] and [get 10% off|enjoy "
            "free delivery] [today only|before it sells out].",
            "{greet} {{1}}, thanks for your order! [Check out our best sellers|Discover the new arrivals] [with "
            "{price} off|on sale now]. || {ename}",
            "Your parcel {order} arrives {edate}. [While you wait, shop the flash sale|Use code {{1}} for 15% off your "
            "next order] {hype} || NEXT15",
            "[Don't miss out|Hurry]! [Our biggest sale of the year|Black Friday deals] [start|are live] {edate}. [Shop "
            "now|Grab yours before they're gone].",
            "{greet} {{1}}, [we've got something special for you|you're invited to our VIP sale]: [buy 2 get 1 "
            "free|extra 25% off] {hype} || {ename}",
        ],
    ),
    (
        "id",
        True,
        [
            "{sapa} {{1}}, pesanan {order} sudah dikirim! [Cek koleksi terbaru kami|Jangan lewatkan promo gajian] dan "
            "dapatkan [diskon 20%|gratis ongkir] untuk pesanan berikutnya. || {name}",
            "Janji temu Anda di {shop} {date}. [Tambah perawatan kedua hemat 30%|Tambah facial cuma {harga}] {hype}",
            "Pembayaran {harga} diterima. [Upgrade ke Premium sekarang|Beli 1 gratis 1] pakai kode {{1}}! || HEMAT20",
            "{sapa} {{1}}, [promo spesial|penawaran terbatas] khusus untukmu: [diskon 50%|potongan {harga}] [semua "
            "sepatu|belanja berikutnya] sampai {date}. || {name}",
            "Langganan Anda diperpanjang {date}. [Pindah ke paket tahunan gratis 2 bulan|Ajak teman dan dapatkan "
            "{harga}] {hype}",
            "[Psst|Hai], keranjang belanjamu menunggu {hype} [Selesaikan pembelian|Checkout sekarang] dan [dapat "
            "diskon 10%|nikmati gratis ongkir] [hari ini saja|sebelum kehabisan].",
            "{sapa} {{1}}, terima kasih sudah belanja! [Intip produk terlaris kami|Lihat koleksi baru] [diskon "
            "{harga}|yang lagi promo]. || {name}",
            "Paket {order} tiba {date}. [Sambil menunggu, cek flash sale|Pakai kode {{1}} untuk diskon 15% belanja "
            "berikutnya] {hype} || LAGI15",
            "[Jangan sampai ketinggalan|Buruan]! [Promo terbesar tahun ini|Harbolnas] mulai {date}. [Belanja "
            "sekarang|Borong sebelum habis].",
            "{sapa} {{1}}, [ada kejutan spesial buat kamu|kamu diundang ke VIP sale]: [beli 2 gratis 1|ekstra diskon "
            "25%] {hype} || {name}",
        ],
    ),
]

LANGUAGE_CODES = {"en": ["en_US", "en_GB", "en"], "id": ["id", "id", "id"]}


def held_out(index: int) -> bool:
    """Every third family (by its position in its group) is held out."""
    return index % 3 == 2


def compose_screen() -> list[dict]:
    rows, seen, counted = [], set(), {}
    for category, lang, prohibited, frames in FAMILIES:
        kind = "prohibited" if prohibited else "legitimate"
        start = counted.get((category, lang, kind), 0)
        counted[(category, lang, kind)] = start + len(frames)
        for index, frame in enumerate(frames, start=start):
            family = f"{category}-{lang}-{kind}-{index}"
            for k in range(VARIANTS * 2):
                if sum(1 for r in rows if r["family"] == family) >= VARIANTS:
                    break
                rng = random.Random(f"{family}/{k}")
                body, samples = expand(frame, rng, disguised=prohibited)
                if body in seen:
                    continue
                seen.add(body)
                rows.append(
                    {
                        "id": f"{family}-{k}",
                        "family": family,
                        "split": "heldout" if held_out(index) else "train",
                        "language": rng.choice(LANGUAGE_CODES[lang]),
                        "lang": lang,
                        "category": category if prohibited else "ok",
                        "resembles": "" if prohibited or category == "ok" else category,
                        "body": body,
                        "samples": samples,
                    }
                )
    return rows


def compose_advisor() -> list[dict]:
    rows, seen = [], set()
    for lang, promotional, frames in ADVISOR:
        kind = "promotional" if promotional else "utility"
        for index, frame in enumerate(frames):
            family = f"advisor-{lang}-{kind}-{index}"
            for k in range(VARIANTS):
                rng = random.Random(f"{family}/{k}")
                body, samples = expand(frame, rng, disguised=False)
                if body in seen:
                    continue
                seen.add(body)
                rows.append(
                    {
                        "id": f"{family}-{k}",
                        "family": family,
                        "lang": lang,
                        "language": LANGUAGE_CODES[lang][0],
                        "promotional": promotional,
                        "body": body,
                        "samples": samples,
                    }
                )
    return rows


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    screen, advisor = compose_screen(), compose_advisor()
    write(HERE / "screen.jsonl", screen)
    write(HERE / "advisor.jsonl", advisor)
    print(f"screen.jsonl: {len(screen)} bodies; advisor.jsonl: {len(advisor)} bodies")
