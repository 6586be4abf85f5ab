"""Names of organisations in running text: where one starts, where it ends, what kind it is.

An official name starts with a head noun ("Sở", "Phòng", "Trung tâm", "Ban Chỉ đạo", "Ủy ban
nhân dân", "tỉnh" …) and runs until a word that cannot be part of a name ("được", "thành",
"theo", "tại" …) or a punctuation mark. Names may contain "và" ("Sở Thông tin và Truyền
thông"): a "và" ends a name only when a new head noun or a small word follows it, so "Sở
Khoa học và Công nghệ và Sở Nội vụ" is two names. A few names hold a comma ("Sở Văn hóa, Thể
thao và Du lịch") and are kept whole.
"""

from __future__ import annotations

import re

import attrs

from govmodel import vn
from govmodel.extract.text import Prepared

__all__ = [
    "Name",
    "clean_name",
    "display_name",
    "head_at",
    "kind_of",
    "name_at",
    "province_of",
    "slug",
    "split_list",
]

# Head nouns, lower case with diacritics (old tone placement), longest first.
_HEADS = sorted(
    """ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd|ủy ban thường vụ quốc hội|ban thường vụ tỉnh ủy
    |ban thường vụ|ban chấp hành|tỉnh ủy|thành ủy|huyện ủy|đảng ủy|ban chỉ đạo|bcđ|ban quản lý
    |ban|sở|bộ|phòng|trung tâm|văn phòng|thanh tra|chi cục|tổng cục|cục|vụ|viện|học viện
    |trường|bệnh viện|đài|báo|tạp chí|hội đồng|tổ công tác|tổ|đội|hạt|kho bạc|công an
    |ngân hàng|bưu điện|viễn thông|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu
    |chính phủ|quốc hội|thủ tướng chính phủ|bảo tàng|thư viện|tổng công ty|công ty|chi nhánh
    |nhà văn hóa|quỹ|đại học|khu""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
_HEAD_RE = re.compile(
    r"(?<![\wđ])(?:" + "|".join(re.escape(h.strip()) for h in _HEADS) + r")(?![\wđ])"
)

# Words that end a name (lower case, diacritics kept).
_STOP = frozenset(str.split(
    """được đã sẽ là có theo tại của vào từ sang trên với nhằm để do gồm bao kể thuộc trực
    trong cho khi nay này mới hiện chịu cùng đồng cũng vừa đi làm phụ giữ nhiệm chức lấy
    sau trước bên ra nên thì mà như hoặc hay tiếp bằng qua nhưng đến tới lên bị phải cần ở
    đều chỉ vẫn còn thêm bổ quy quyết ký thay bãi đổi hợp sáp nhập giải chuyển kiện thành
    ngày tháng giai tên gọi cơ nơi đây đó các những mọi một hai ba bốn trình tham hướng
    nhận xét căn thực thống
    """
))
# Stop words that still continue a name when followed by one of these words.
_UNLESS_NEXT = {
    "chuyển": {"đổi"}, "đổi": {"mới", "số"}, "thành": {"phố", "viên"},
    "hợp": {"tác"}, "thống": {"kê"}, "thực": {"phẩm", "thi"}, "đồng": {"bằng"},
    "giải": {"phóng"}, "cơ": {"sở", "khí"}, "tham": {"mưu"}, "hướng": {"nghiệp"},
}
# Words that end a name only before a number ("số 12", "năm 2025").
_STOP_BEFORE_DIGIT = frozenset({"số", "năm"})
_STOP_PAIRS = frozenset({("ban", "hành"), ("trung", "tâm chính"), ("chính", "thức")})
# Words that continue a name even though they are in _STOP.
_KEEP_AFTER_HEAD = frozenset({"ủy", "nhân", "thường"})
_COMMA_NAMES = ("văn hóa, thể thao", "bưu chính, viễn thông", "an toàn, an ninh")
_WORD = re.compile(r"[^\W_][\w&'’]*(?:-[^\W_][\w&]*)*|-|–")
_MAX_WORDS = 18


@attrs.frozen(slots=True)
class Name:
    """A name found in the text: ``nfc[start:end] == text``, with its head noun folded."""

    start: int
    end: int
    text: str
    head: str


def head_at(prepared: Prepared, pos: int) -> str | None:
    """The head noun (lower case) starting exactly at *pos*, if any."""
    m = _HEAD_RE.match(prepared.low, pos)
    if m is None:
        return None
    head = m.group(0)
    nxt = prepared.low[m.end():m.end() + 5]
    if head == "xã" and nxt.startswith(" hội"):
        return None  # "Xã hội" is society, not a commune
    if head == "ban" and nxt.startswith(" hành"):
        return None  # "ban hành": promulgate
    if " " not in head and head not in _LOOSE_HEADS and not prepared.nfc[pos].isupper():
        after = prepared.nfc[m.end():m.end() + 2].lstrip()
        before = prepared.low[max(0, pos - 6):pos].rstrip()
        counted = bool(re.search(r"(?:\d|một|hai|ba|bốn|năm)$", before))
        if not (after[:1].isupper() or after[:1].isdigit() or counted):
            return None
    return head


_LOOSE_HEADS = frozenset({"ubnd", "hđnd", "bcđ"})


def name_at(prepared: Prepared, pos: int, *, limit: int | None = None,
            need_head: bool = True) -> Name | None:
    """The name that starts at *pos* (after spaces), or None.

    Args:
        prepared: the text.
        pos: where to look.
        limit: do not read past this offset.
        need_head: when False, a name in a list after a shared head ("2 phòng A, B") may start
            with any word.
    """
    text, low = prepared.nfc, prepared.low
    end_limit = len(text) if limit is None else min(limit, len(text))
    while pos < end_limit and text[pos] == " ":
        pos += 1
    head = head_at(prepared, pos)
    if head is None and need_head:
        return None
    words: list[tuple[int, int]] = []
    i = pos
    head_end = pos + len(head) if head else pos
    while i < end_limit and len(words) < _MAX_WORDS:
        m = _WORD.match(text, i)
        if m is None or m.end() > end_limit:
            break
        w = low[m.start():m.end()].rstrip(".")
        after_head = m.start() < head_end
        if not after_head and words and not text[m.start()].isupper():
            nxt = _next_word(low, m.end(), end_limit)
            if (
                w in _STOP
                and not (w in _KEEP_AFTER_HEAD and len(words) == 1)
                and nxt not in _UNLESS_NEXT.get(w, ())
            ):
                break
            if w in _STOP_BEFORE_DIGIT and nxt[:1].isdigit():
                break
            if (w, nxt) in _STOP_PAIRS or (w == "trung" and nxt.startswith("tâm chính")):
                break
            if w == "và" and not _continues_after_and(prepared, m.end(), end_limit):
                break
            if w == "về" and nxt in ("trực", "việc", "làm"):
                break
            if w[0].isdigit() and not (len(words) == 1 and head in _NUMBERED):
                break
        words.append((m.start(), m.end()))
        i = m.end()
        j = i
        while j < end_limit and text[j] == " ":
            j += 1
        if j < end_limit and text[j] == ",":
            tail = low[words[0][0]:j + 40]
            if not any(c in tail for c in _COMMA_NAMES) or _comma_closes(low, j, words[0][0]):
                break
            j += 1
            while j < end_limit and text[j] == " ":
                j += 1
        if j < end_limit and text[j] == "(":  # "Ban Chỉ đạo CNTT (CNTT) tỉnh Bình Định"
            close = text.find(")", j, min(end_limit, j + 16))
            k = close + 1
            if close > 0 and re.match(r" (?:tỉnh|thành phố) [A-ZĐÀ-Ỹ]", text[k:k + 14]):
                j = k + 1
        if j >= end_limit or not (text[j].isalnum() or text[j] in "-–&"):
            break
        i = j
    while words and low[words[-1][0]:words[-1][1]] in ("và", "-", "–", "các", "về"):
        words.pop()
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    while end > start and text[end - 1] in ".-–":
        end -= 1
    if end - start < 2:
        return None
    return Name(start, end, text[start:end], head or "")


_NUMBERED = frozenset({"quận", "phường", "đội", "tổ", "khu", "trường"})


def _comma_closes(low: str, comma: int, start: int) -> bool:
    """True when the comma at *comma* is not the one inside a comma-holding name."""
    before = low[start:comma + 1]
    return not any(
        before.endswith(c.split(",")[0] + ",") for c in _COMMA_NAMES
    )


def _next_word(low: str, pos: int, limit: int) -> str:
    m = _WORD.match(low, pos + 1) if pos < limit and low[pos:pos + 1] == " " else None
    if m is None or m.end() > limit:
        return ""
    nxt = m.group(0)
    if nxt == "tâm":
        m2 = _WORD.match(low, m.end() + 1)
        return f"tâm {m2.group(0)}" if m2 else nxt
    return nxt


def _continues_after_and(prepared: Prepared, pos: int, limit: int) -> bool:
    """After "và": does the name go on? Only into a capitalised word that is no head noun."""
    j = pos
    while j < limit and prepared.nfc[j] == " ":
        j += 1
    if j >= limit or not prepared.nfc[j].isupper():
        return False
    return head_at(prepared, j) is None


def split_list(prepared: Prepared, start: int, end: int) -> list[tuple[int, int]]:
    """Split the list ``nfc[start:end]`` at commas, semicolons and "và" into item spans.

    A "và" splits only when a head noun follows it, so the "và" inside a name stays.
    """
    text, low = prepared.nfc, prepared.low
    cuts: list[tuple[int, int]] = []
    for m in re.finditer(r"\s*[;,]\s*(?:và\s+)?|\s+(?:và|với)\s+", low[start:end]):
        a, b = start + m.start(), start + m.end()
        sep = low[a:b].strip()
        if sep.startswith(","):
            tail = low[max(start, a - 20):b + 20]
            if any(c in tail and tail.index(c) <= a - max(start, a - 20) + 1 <= tail.index(c)
                   + len(c) for c in _COMMA_NAMES):
                continue
        if sep in ("và", "với") and head_at(prepared, b) is None \
                and not _bare_list_item(prepared, b):
            c = re.match(r"(?:\d{1,2}|một|hai|ba|bốn|năm)\s+", low[b:b + 6])
            if c is None or head_at(prepared, b + c.end()) is None:
                continue
        cuts.append((a, b))
    spans = []
    pos = start
    for a, b in cuts:
        if a > pos:
            spans.append((pos, a))
        pos = b
    if pos < end:
        spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _bare_list_item(prepared: Prepared, pos: int) -> bool:
    """True when a list item after "và" starts a new abbreviation ("CNTT", "KH&CN")."""
    m = re.match(r"[A-ZĐ&-]{2,}\b", prepared.nfc[pos:pos + 12])
    return m is not None


# ------------------------------------------------------------------------ names as values

_PROPER = {
    "tt&tt": "Thông tin và Truyền thông", "tttt": "Thông tin và Truyền thông",
    "kh&cn": "Khoa học và Công nghệ", "khcn": "Khoa học và Công nghệ",
    "cntt-tt": "Công nghệ thông tin và Truyền thông",
    "cntt&tt": "Công nghệ thông tin và Truyền thông",
    "cntt": "Công nghệ thông tin", "cđs": "Chuyển đổi số", "ubnd": "Ủy ban nhân dân",
    "hđnd": "Hội đồng nhân dân", "bcđ": "Ban Chỉ đạo", "kh&đt": "Kế hoạch và Đầu tư",
    "gd&đt": "Giáo dục và Đào tạo", "tn&mt": "Tài nguyên và Môi trường",
    "nn&ptnt": "Nông nghiệp và Phát triển nông thôn", "gtvt": "Giao thông vận tải",
    "lđ-tb&xh": "Lao động - Thương binh và Xã hội", "vhttdl": "Văn hóa, Thể thao và Du lịch",
}
_PROPER_RE = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(k) for k in sorted(_PROPER, key=len, reverse=True))
    + r")(?![\w&])", re.IGNORECASE,
)


def clean_name(text: str) -> tuple[str, tuple[str, ...]]:
    """The name without trailing parentheses, and the short names they held.

    >>> clean_name("Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn (BCĐ)")
    ('Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn', ('BCĐ',))
    """
    text = vn.nfc(text)
    shorts: list[str] = []
    m = re.search(r"\s*\(([^()]{1,40})\)\s*$", text)
    if m:
        shorts.append(vn.nfc(m.group(1)))
        text = text[:m.start()]
    text = text.strip(" ,;:.-–")
    return text, tuple(shorts)


def display_name(text: str) -> str:
    """The name capitalised as an official writes it, abbreviations spelled out.

    >>> display_name("phòng CĐS")
    'Phòng Chuyển đổi số'
    >>> display_name("Trung tâm CNTT-TT")
    'Trung tâm Công nghệ thông tin và Truyền thông'
    """
    text = _PROPER_RE.sub(lambda m: _PROPER[m.group(1).lower()], vn.nfc(text))
    if text and text[0].islower() and not text.lower().startswith(("tỉnh ", "thành phố ", "xã ",
                                                                   "huyện ", "phường ")):
        text = text[0].upper() + text[1:]
    return text


def slug(text: str) -> str:
    """A lower-case ASCII id part from a name, abbreviations spelled out.

    >>> slug("Sở Bưu chính - Viễn thông")
    'so-buu-chinh-vien-thong'
    """
    out = re.sub(r"[^a-z0-9]+", "-", vn.expand_aliases(text)).strip("-")
    return out[:80].strip("-") or "org"


def province_of(text: str) -> str | None:
    """The province or city named in *text* ("tỉnh Lạng Sơn" → "Lạng Sơn"), if any.

    >>> province_of("Sở TT&TT tỉnh Lạng Sơn"), province_of("Ban Thường vụ Tỉnh ủy")
    ('Lạng Sơn', None)
    """
    for m in re.finditer(r"(?:tỉnh|thành phố|Thành phố|Tỉnh|TP\.?)\s+((?:\w+)(?:\s+\w+){0,3})",
                         vn.nfc(text)):
        words = []
        for w in m.group(1).split():
            if not w[0].isupper() or w.lower() in ("ủy", "uỷ"):
                break
            words.append(w)
        if words and re.fullmatch(_SURNAMES, words[0]) and words[:3] != ["Hồ", "Chí", "Minh"]:
            continue
        if words:
            return " ".join(words)
    return None


_SURNAMES = (
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đào|Trương|"
    "Lương|Tạ|Vương|Triệu|Đoàn|Kiều|Chu|Tô|Quách|Lò"
)
_PERSON = re.compile(rf"\s+(?!Hồ Chí Minh)(?:{_SURNAMES})(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹđ]*){{2,3}}$")


def strip_person(name: str) -> str:
    """*name* without a person's name written after it ("Giám đốc Sở TT&TT Trần Kim Kha").

    >>> strip_person("UBND tỉnh Nguyễn Phi Long"), strip_person("Thành phố Hồ Chí Minh")
    ('UBND tỉnh', 'Thành phố Hồ Chí Minh')
    """
    return _PERSON.sub("", vn.nfc(name))


def kind_of(name: str) -> str:
    """The kind of body a name denotes, by its head noun: one of the keys of ``KINDS``.

    >>> kind_of("Phòng Hạ tầng số"), kind_of("Sở Y tế"), kind_of("Ban Chỉ đạo về chuyển đổi số")
    ('division', 'department', 'committee')
    """
    f = vn.fold(name)
    for prefix, kind in _KIND_PREFIXES:
        if f.startswith(prefix):
            return kind
    return "other"


_KIND_PREFIXES = (
    ("uy ban nhan dan", "peoples_committee"), ("ubnd", "peoples_committee"),
    ("hoi dong nhan dan", "peoples_council"), ("hdnd", "peoples_council"),
    ("ban chi dao", "committee"), ("bcd", "committee"), ("hoi dong", "committee"),
    ("to cong tac", "committee"),
    ("van phong uy ban", "department"), ("van phong ubnd", "department"),
    ("van phong", "office"), ("thanh tra", "inspectorate"), ("phong", "division"),
    ("trung tam", "public_service_unit"), ("truong", "public_service_unit"),
    ("benh vien", "public_service_unit"), ("dai ", "public_service_unit"),
    ("vien ", "public_service_unit"), ("chi cuc", "division"),
    ("so ", "department"), ("bo ", "ministry"), ("tinh uy", "party_committee"),
    ("ban thuong vu", "party_committee"), ("tinh ", "province"), ("thanh pho ", "province"),
    ("xa ", "commune"), ("phuong ", "commune"), ("thi tran ", "commune"),
    ("huyen ", "district"), ("quan ", "district"), ("thi xa ", "district"),
    ("cong an", "police"), ("ngan hang nha nuoc", "state_bank_branch"),
)
