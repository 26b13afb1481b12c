"""The category advisor: a Utility template worded like a promotion will likely be filed as Marketing.

WhatsApp files a template as Marketing (billed at the higher rate) when any
part of it promotes: offers, discounts, invitations to buy, new collections,
upselling after an order update. The advisor looks for that wording in
English and Bahasa Indonesia and names the phrases, so the author can
reword, or choose Marketing, before submitting. Strong phrases are enough on
their own; weak ones ("free", "voucher", "diskon") only together, because
receipts and order updates use them too; and neither when the rest of the
sentence says the benefit was already applied to this transaction. Measured
on corpus/advisor*.jsonl by bench/screen_bench.py (advisor_check*.jsonl are
never trained on; 100% / 0% and 92-100% / 0% promotional / plain warned).
"""

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from .model import fill, load_corpus, text_classifier
from .normalize import normalize

MESSAGE = gettext_lazy("WhatsApp will likely file this as Marketing")
CORPUS = Path(__file__).resolve().parent / "corpus"
# advisor_check.jsonl and advisor_check2.jsonl are never trained on: they measure wording nobody wrote a rule for.
TRAINING = [CORPUS / f"advisor{part}.jsonl" for part in ("", "_fresh", "_fresh2", "_fresh3")]
# Chosen by cross-validation on the training corpora, a promotional body and its plain twin in the same
# fold: the lowest at which at most 2.5% of plain Utility bodies are warned in each language.
MODEL_THRESHOLD = 0.6
MODEL_MIN_WORDS = 6
# Words the model may weigh but that name no promotion: never highlighted as the reason.
FUNCTION_WORDS = frozenset(
    "a an and are at be for from has have in is it of on or our the this that to us was we were with you your "
    "thanks thank ada akan anda dan dari di dengan ini itu juga kak kami kamu ke ya yang sudah untuk".split()
)

STRONG = [
    # English
    r"\d+\s*%\s*off",
    r"(up\s*to|extra|save|get|enjoy)\s*\$?\d+\s*%?\s*(off|discount)",
    r"shop\s*(now|our|the|today)|buy\s*now|order\s*now\s*and|grab\s*(yours|it|them)|checkout\s*now",
    r"buy\s*(one|1|two|2)\s*,?\s*get\s*(one|1|\w+)\s*free|bogo",
    r"new\s*(collection|arrivals?|season)|best\s*-?\s*sellers?|(latest|newest)\s*(collection|products|styles)",
    r"(exclusive|special|limited[-\s]*time|flash|vip)\s*(offer|deal|sale|discount|price|access)s?",
    r"(flash|mid-?season|summer|winter|clearance|biggest|black\s*friday|cyber\s*monday)\s*sales?|\bsale\s*(ends|starts|is\s*live)",  # noqa: E501
    r"don'?t\s*miss(\s*out)?(?!\s*your\s*(appointment|flight|train|bus|ferry|booking|check-?in|pickup|collection|delivery|dose|payment|fitting|class|session|interview|exam|deadline|connection|reservation|slot|visit))|hurry|last\s*chance|while\s*(stocks?|supplies)\s*last|before\s*(it'?s|they'?re)\s*(gone|sold\s*out)|sells?\s*out",  # noqa: E501
    r"upgrade\s*(to|now|today)|switch\s*to\s*(annual|yearly|premium)|\d+\s*months?\s*free|refer\s*a\s*friend",
    # A promotion's code has letters; a locker, pickup or one-time code is digits.
    r"(promo|discount|coupon|voucher)\s*code|(use|with|enter)\s*code\s*(?!(otp|pin|qr|below|above|at|to|on|in|from|this|that|your)\b)\d*[a-z]\w*",
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
    r"belanja\s*sekarang|borong|buruan|checkout\s*sekarang|jangan\s*(sampai\s*)?(lewatkan|ketinggalan)(?!\s*(jadwal|janji|pesawat|kereta|bus|kapal|penerbangan|kelas|sesi|dosis|obat|pembayaran|batas|tenggat|check-?in|pengambilan|kontrol|vaksin|fitting|ujian|wawancara))|sebelum\s*kehabisan",  # noqa: E501
    r"(khusus|spesial)\s*untuk(mu|\s*kamu)|kejutan\s*spesial|upgrade\s*ke|pindah\s*ke\s*paket|ajak\s*teman",
    r"kode\s*(promo|voucher|diskon)|(pakai|gunakan|masukkan)\s*kode\s*(?!(otp|pin|qr|verifikasi|booking|berikut|di|ke|untuk|ini|itu|tersebut|kamu|anda)\b)\d*[a-z]\w*",
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
    # Offers that ride on an account or order update, by family rather than by phrase: a plan paid
    # ahead for free months, a spend threshold, multiplied points, financing, a deadline on an
    # offer, a credit or savings pitch, a new product, a cross-sell, an invitation to redeem or win,
    # a greeting or a nudge to come back, a price drop, a trade-in.
    r"\bpay\s*(annually|yearly|upfront|up\s*front|for\s*(a|one|the|\d+)\s*(full\s*)?(year|months))|(switch|move|change)\s*to\s*(annual|yearly)\s*(billing|plan|payment)|\b(\d+|one|two|three|a|an|the\s*(first|last|next|second|third))\s*(months?|weeks?|nights?|days?|years?)\s*(are\s*|is\s*)?(for\s*free|free|on\s*us|on\s*the\s*house|at\s*no\s*(extra\s*)?(cost|charge))(?!\s*trial)|costs?\s*nothing",  # noqa: E501
    r"\bspend\s*(\$|rp\s*)?\d[\d,.]*\s*(k|rb|ribu)?\s*(more|or\s*more|this|and|next|before|by|in|on|to)\b|(orders|purchases|baskets)\s*(over|above)\s*\$?\d+|top\s*up\s*\$?\d+\s*(or\s*more|and)",  # noqa: E501
    r"\b(double|triple|quadruple|twice\s*the|\d+\s*x|\d+\s*times)\s*(the\s*)?(points|rewards?|miles|stamps|cashback|data|credit)|we'?ll\s*(double|triple|multiply)|\b(earn|get|collect)\s*(up\s*to\s*)?(\d+x|\d+\s*times|double|triple)|(bonus|extra)\s*(\d[\d,]*\s*)?(points|miles|stamps)\b",  # noqa: E501
    r"\b0\s*%\s*(interest|financing|apr|instal+ments?|down\s*payment)|interest[-\s]*free\s*(instal+ments?|financing|credit|for|on)|zero[-\s]*interest|no[-\s]*interest\s*(instal+ments?|financing|for)|ask\s*(us\s*)?about\s*(our\s*)?(\w+\s*){0,2}(financing|instal+ments?|payment\s*plans?|packages?|offers?|deals?|rates?)",  # noqa: E501
    r"\b(offer(?!\s*letter)|promo(tion)?|sale|deal|discount|financing)s?\s*(\w+\s*){0,2}(ends?|expires?|runs?|lasts?|available|valid)\s*(only\s*)?(tonight|today|tomorrow|soon|this|until|till|through|for\s*\d)|only\s*\d+\s*(days?|hours?)\s*left\s*to\s*(get|grab|enjoy|save|claim|book|buy|shop|use|redeem)|(before|while)\s*(seats|spots|places|stocks?|supplies)\s*(run|sell|last|are\s*gone)",  # noqa: E501
    r"pre-?approved|(eligible|qualif(y|ied))\s*for\s*(a|an)?\s*(higher|bigger|larger|new|personal|instant)?\s*(loan|credit|limit|card|upgrade|offer|discount|bonus|reward)|\bapply\s*(now|today|in\s*\d+\s*(min|minutes|seconds))|(credit\s*)?limit\s*(increase|upgrade|boost)",  # noqa: E501
    r"\bintroducing\b|\bjust\s*(landed|dropped|launched|released)|(newly|now)\s*(launched|in\s*stores?)|(?<=\bour )(all[-\s]*)?(new|newest|latest)\b|\bnew\s*(range|line|drop|flavou?rs?|colou?rs?|colou?rways?|models?|styles?|designs?|arrivals?|releases?)\b|grand\s*opening|(launch|opening)\s*(party|event|day|week)|open\s*house",  # noqa: E501
    r"\b(earn|pays?|get|enjoy|offers?)\s*(up\s*to\s*)?\d+(\.\d+)?\s*%\s*(interest|a\s*year|p\.?a\.?|per\s*(year|annum)|returns?|cashback|back)|\bfor\s*new\s*(customers?|users?|members?|deposits?|accounts?|subscribers?)|(new|first[-\s]*time)\s*customers?\s*(get|only|enjoy)",  # noqa: E501
    r"\bprotect\s*your\s*\w+\s*too|(bundle|combine|pair)\s*(it\s*|them\s*)?with|bundle\s*(and|&)\s*save|make\s*it\s*a\s*(bundle|combo|meal|set)|and\s*pay\s*less|for\s*the\s*(same\s*price|price\s*of)|why\s*not\s*(try|treat|add|upgrade|relax|make|grab|book|join)|(get|want)\s*(faster|more|bigger|better)\s*(speeds?|data|coverage|rooms?|seats?)|(move|step)\s*up\s*to|stock\s*up|subscribe\s*(and|&)\s*save|subscribe\s*now|become\s*a\s*(member|subscriber|vip)|join\s*(our|the)\s*(membership|loyalty|rewards?|club|vip)",  # noqa: E501
    r"\bredeem\s*(them|now|today|your\s*(points|miles|rewards))|(exclusive|special|amazing)\s*(rewards?|gifts?|prizes?|perks?)|(enter|join)\s*(our|the|a)\s*(\w+\s*)?(draw|giveaway|contest|competition|sweepstakes|raffle)|chance\s*to\s*win|\bwin\s*(a|an|up\s*to|\$\d+)\b|(review|survey|feedback|rate\s*(us|your))\b.{0,60}\b(voucher|\$\d+\s*(off|credit)|points|discount|gift|reward)",  # noqa: E501
    r"we\s*miss\s*you|it'?s\s*been\s*a\s*while|haven'?t\s*seen\s*you|come\s*back\s*(this|and|for|soon|today)|happy\s*birthday|birthday\s*(treat|gift|discount|offer|voucher|reward|surprise|special)|(dropped|down|reduced)\s*in\s*price|price\s*(drop(ped)?|cut|went\s*down|is\s*down)|now\s*\$?\d+\s*(cheaper|less)|before\s*the\s*price\s*goes\s*(back\s*)?up|trade[-\s]*in\s*(your|an?|old)|sign\s*up\s*(for|to)\s*our|(enrol|enroll|register)\s*(now|today|a\s*colleague|a\s*friend)",  # noqa: E501
    r"cicilan\s*0\s*%|bunga\s*0\s*%|tanpa\s*bunga|bebas\s*bunga|bisa\s*(dicicil|cicil|pakai\s*pay\s*later)|dp\s*0\b|(tanya|tanyakan)\s*(\w+\s*){0,3}(soal|tentang)\s*(program|paket|promo|cicilan|penawaran)|(tanya|tanyakan)\s*(program|paket|promo|cicilan|penawaran)",  # noqa: E501
    r"\b(min\.?|minimal|minimum)\s*(belanja|pembelian|transaksi|top\s*up|order)|belanja\s*(lagi\s*)?(rp\s*)?\d[\d.,]*\s*(rb|ribu|k|jt|juta)?\b.{0,30}\b(dapat|dapet|dapatkan|gratis|bonus|poin|ekstra|cashback|hadiah)|top\s*up\s*(rp\s*)?\d+\s*(rb|ribu|k)?\s*(ke\s*atas|atau\s*lebih)",  # noqa: E501
    r"(\d+\s*x|dua\s*kali|tiga\s*kali|\d\s*kali)\s*lipat|lipat\s*gand\w*|(poin|kuota|cashback|saldo)\s*(ekstra|tambahan|\d+\s*x)\b|(ekstra|bonus|tambahan)\s*(\d[\d.]*\s*)?(poin|kuota)|dobel\s*poin|poin\s*dobel",  # noqa: E501
    r"bayar\s*(tahunan|setahun|per\s*tahun|di\s*muka|sekaligus)|(\d+|satu|dua|tiga)\s*bulan\s*(pertama\s*)?(gratis|nggak\s*bayar|gak\s*bayar|tidak\s*bayar)|(bulan|malam|minggu|hari)\s*(pertama|kedua|ketiga|terakhir|berikutnya)\s*(gratis|nggak\s*bayar|gak\s*bayar)|gratis\s*(\d+|satu|dua|tiga)\s*(bulan|malam|minggu|hari)|bonus\s*(\d+|satu|dua)\s*(bulan|malam|minggu|hari)",  # noqa: E501
    r"(promo|diskon|penawaran|program|harga\s*spesial|flash\s*sale)\s*(\w+\s*|\d+\.\d+\s*){0,3}(berakhir|berlaku|cuma\s*sampai|hanya\s*sampai|sampai|hingga|s\.?d\.?)\s*(malam\s*ini|hari\s*ini|besok|minggu\s*ini|bulan\s*ini|akhir|tanggal|\d)|sebelum\s*(kuota|kursi|slot|tempat)\s*penuh|sebelum\s*(stok(nya)?\s*|barang(nya)?\s*)?habis\b|(jangan\s*sampai|sebelum)\s*hangus",  # noqa: E501
    r"pre-?approved|(limit|plafon)\s*(\w+\s*){0,2}(bisa\s*)?naik|ajukan\s*(sekarang|segera|di\s*aplikasi)|pinjaman\s*(sampai|hingga|s\.?d\.?|up\s*to)\s*(rp\s*)?\d+|(langsung|cepat)\s*cair",  # noqa: E501
    r"(produk|koleksi|menu|varian|rasa|warna|model|toko|cabang|outlet|gerai|tabungan|fitur|layanan|paket)\s+(\w+\s+){0,3}baru\s*(kami|kita|dari\s*kami)|\b(warna|varian|rasa|model|koleksi)\s*baru|baru\s*(aja\s*|saja\s*)?(rilis|mendarat|launching|diluncurkan|hadir|datang)\b|grand\s*opening|(kini|sekarang|udah|sudah)\s*hadir|kenalan\s*(yuk\s*)?(sama|dengan)|(sekarang|kini)\s*(kami\s*)?(terima|melayani)\s*(jahit|layanan|pesanan)",  # noqa: E501
    r"bunga\s*(sampai|hingga|s\.?d\.?|up\s*to)\s*\d|bunga\s*\d+([.,]\d+)?\s*%\s*(p\.?a\.?\s*|per\s*tahun\s*|setahun\s*)?(khusus|untuk\s*nasabah\s*baru)|(khusus|untuk|buat)\s*(nasabah|pengguna|pelanggan|member)\s*baru|(nasabah|pengguna|pelanggan)\s*baru\s*(dapat|dapet|bisa)",  # noqa: E501
    r"mumpung|(mau|pengen|ingin)\s*(sekalian|lebih\s*(ngebut|cepat|hemat|untung|murah)|santai|tambah|upgrade)|(beli|pesan|tambah)\s*sekalian|sekalian\s*(beli|tambah|pesan|ngopi)|(lindungi|proteksi)\s*\w+\s*juga|\b(gabung(kan)?|digabung|bundling)\s*(dengan|sama|jadi)|paket\s*(bundling|hemat|combo|kombo)|jadi\s*lebih\s*(murah|hemat|untung)|harga\s*(tetap|sama)\s*(selama|untuk)|cukup\s*bayar\s*(harga|setengah)|bayar\s*setengah(nya)?|lebih\s*ringan|langganan\s*(rutin|sekarang)|(daftar|gabung|yuk)\s*(jadi\s*)?(member|anggota)",  # noqa: E501
    r"tukarkan\s*(sekarang|poin(mu|nya)?|dengan|di|yuk)|tukar\s*poin(mu)?\s*(sekarang|dengan|di)|hadiah\s*(eksklusif|menarik|spesial)|undian|giveaway|berhadiah|kesempatan\s*(menang|memenangkan)|menangkan|(ulasan|review|survei|rating|testimoni)\b.{0,60}\b(voucher|poin|diskon|hadiah|saldo|cashback)",  # noqa: E501
    r"kangen\s*(nih|kamu|kak|sama|banget)|(udah|sudah)\s*lama\s*(nggak|gak|ga|tidak|belum)\s*(mampir|belanja|order|pesan|ketemu|datang)|lama\s*(tak|nggak|gak)\s*(jumpa|ketemu|mampir)|belanja\s*lagi\s*(yuk|ya|sekarang|minggu|akhir|sebelum|hari)|(yuk|ayo)\s*(\w+\s*)?(belanja|checkout|order|pesan|beli|borong|cobain|coba|daftar|gabung|upgrade|mampir|tukarkan|kenalan)|checkout\s*lagi",  # noqa: E501
    r"selamat\s*ulang\s*tahun|(hadiah|kado|promo|diskon|voucher|kejutan)\s*(spesial\s*)?ulang\s*tahun|turun\s*harga|harga\s*(turun|naik\s*lagi|lagi\s*turun)|lagi\s*(murah|diskon|promo)|tukar\s*tambah\b.{0,40}\b(dapat|dapatkan|potongan|diskon|bonus|subsidi)|(daftar|ikut|gabung)\s*(kelas|program|webinar|event|acara)\s*(\w+\s*){0,2}(kami|sekarang|sebelum)|datang\s*juga\s*ke|(ajak|undang)\s*(rekan|teman|keluarga|saudara)",  # noqa: E501
    r"\b(get|receive|enjoy|earn|claim)\s*(a|an|your)?\s*(free|extra|bonus|complimentary)\b|half\s*(the\s*)?(price|rate)|at\s*(a\s*)?(lower|reduced|special|discounted)\s*(monthly\s*|yearly\s*)?(fee|rate|price|cost)|best[-\s]*selling|complete\s*(the|your)\s*(routine|look|set|collection|outfit|kit|bundle)|(book|order|buy|sign\s*up|register)\s*(online\s*|now\s*|today\s*)?(by|before|this|today|now)\b[^.!?\n]{0,40}\b(free|save|\d+\s*%\s*off|half)",  # noqa: E501
    r"harga\s*(lama|tahun\s*lalu|sebelumnya)|(harga|premi|tarif|iuran|biaya)\s*(spesial|khusus|istimewa|promo|hemat|miring|perkenalan)|(dapat|dapet|dapatkan)\s*(bonus|ekstra|hadiah)|\b\d\s*(cuma|hanya|cukup)\s*(rp\s*)?\d+|(booking|pesan|beli|daftar|order|checkout)\s*(online\s*|sekarang\s*|lagi\s*)?(sebelum|hari\s*ini|minggu\s*ini|sekarang)[^.!?\n]{0,30}\bgratis|lengkapi\s*\w+(-?mu|nya)?\s*dengan|terlaris\s*kami",  # noqa: E501
    r"half\s*off|buy\s*\d+\s*,?\s*get\s*\d+|\d+\s*bonus\s*(classes|sessions|nights|visits|months|items)|for\s*\$\d+\s*extra|we'?ll\s*add\s*\$\d+|(towards|on)\s*your\s*next\s*(purchase|order|visit|booking|stay|cut|wash)|(is|are)\s*free\s*(when|if)\s*you|(and|,)\s*the\s*\w+(\s*\w+)?\s*is\s*free\b",  # noqa: E501
    r"gratis\s*(khusus|kalau|jika|setiap)|(khusus|hanya|cuma)\s*(akhir\s*pekan|minggu|hari|bulan)\s*ini|(booking|pesan|beli|order|daftar)\s*(berikutnya\s*)?sekarang\b",  # noqa: E501
    r"limited\s*edition|pre-?orders?\s*(now|today|are\s*open|is\s*open|open)|claim\s*(your|a|the)\s*(free\s*)?(voucher|reward|gift|discount|offer|bonus|prize|coupon)|save\s*up\s*to|members?\s*(get|enjoy|save|earn)\b",  # noqa: E501
    r"edisi\s*terbatas|pre-?order\s*(sekarang|dibuka|yuk)|(klaim|ambil)\s*(voucher|kupon|hadiah|bonus|promo|cashback|diskon)|(hemat|cashback|diskon)\s*(sampai|hingga|s\.?d\.?|up\s*to)\s*(rp\s*)?\d|member\s*(dapat|dapet|hemat|nikmati)",  # noqa: E501
]
# A benefit reported as already applied to this transaction is a receipt, not an offer: "Free
# shipping was applied", "Kode promo X sudah dipakai". Read in the rest of the phrase's sentence;
# a benefit kept "for your next order" is still an offer.
APPLIED = r"\b(was|were|has\s*been|have\s*been|is|are)\s*(applied|used|redeemed|deducted|credited)\b|\b(sudah|telah|berhasil)\s*(kami\s*)?(diterapkan|dipakai|digunakan|terpakai|dipotong\w*|masuk|dikreditkan|ditukarkan)\b"  # noqa: E501
NOT_APPLIED = r"\bnext\s*(order|purchase|visit|booking|stay)|berikutnya"
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
_APPLIED = re.compile(APPLIED, re.IGNORECASE)
_NOT_APPLIED = re.compile(NOT_APPLIED, re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")


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


def _already_applied(text: str, end: int) -> bool:
    """Does the rest of the phrase's sentence say the benefit was applied to this transaction?"""
    rest = _SENTENCE_END.split(text[end:], maxsplit=1)[0][:80]
    return bool(_APPLIED.search(rest)) and not _NOT_APPLIED.search(rest)


def _rule_spans(text: str) -> list[tuple[int, int]]:
    strong = [(s, e) for s, e in _merged(_STRONG, text) if not _already_applied(text, e)]
    weak = [
        (s, e)
        for s, e in _merged(_WEAK, text)
        if not any(a <= s < b for a, b in strong) and not _already_applied(text, e)
    ]
    return sorted(strong + weak) if strong or len(weak) >= 2 else []


@lru_cache(maxsize=1)
def _model():
    """Promotional vs plain Utility wording, learnt from the advisor's corpus (a second, wider reader)."""
    rows = [row for path in TRAINING for row in load_corpus(path)]
    pipeline = text_classifier(char_ngrams=(3, 5), strength=10.0)
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
    readable = [(w, word) for w, word in words if w > 0 and len(word) >= 3 and not FUNCTION_WORDS >= set(word.split())]
    for _, word in readable[:3]:
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


@lru_cache(maxsize=1)
def browser_rules() -> tuple[bytes, str]:
    """The phrase rules category_advice.js applies as the author types (JSON) and a version of them for the URL
    they are fetched from, so a browser keeps them until they change."""
    body = json.dumps({"strong": STRONG, "weak": WEAK, "applied": APPLIED, "not_applied": NOT_APPLIED}).encode()
    return body, hashlib.sha256(body).hexdigest()[:16]
