"""The abbreviation tables: document types and issuers, with Vietnamese and English names.

Document types come from Decree 30/2020/NĐ-CP on clerical work, Appendix III (administrative
documents and copies), from the Law on Promulgation of Legal Documents (normative types that
appear in numbers: NĐ, TT, TTLT…) and from Party practice (Guidance 36-HD/VPTW: KL, QĐi, CV).
Issuers are the common codes written after the type ("QĐ-UBND", "TT-BTTTT", "NQ/TU").

Lookups accept any letter case and a plain "D" for "Đ" where that is unambiguous
("QD" → "QĐ", "HDND" → "HĐND"; but "HD" stays Hướng dẫn, never Hợp đồng "HĐ").
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterable, Mapping

import attrs

from govmodel.vn.text import fold

__all__ = [
    "DOC_TYPES",
    "ISSUERS",
    "DocCategory",
    "DocType",
    "Issuer",
    "doc_type_from_name",
    "get_doc_type",
    "get_issuer",
]


class DocCategory(enum.Enum):
    """Where a document-type abbreviation comes from."""

    ADMINISTRATIVE = "administrative"
    """Decree 30/2020/NĐ-CP, Appendix III, section I (administrative documents)."""
    COPY = "copy"
    """Decree 30/2020/NĐ-CP, Appendix III, section II (copies)."""
    LEGAL = "legal"
    """Legal normative documents named in the Law on Promulgation of Legal Documents."""
    PARTY = "party"
    """Only in Communist Party documents (Guidance 36-HD/VPTW)."""


@attrs.frozen(slots=True)
class DocType:
    """A document type and its abbreviation ("ký hiệu loại văn bản").

    Attributes:
        code: the abbreviation as written in numbers ("QĐ", "QyĐ", "CTr").
        vi: the Vietnamese name ("Quyết định").
        en: the English name used by govmodel ("Decision").
        category: where the abbreviation comes from.
        party: whether Party documents ("49-NQ/TU") use the code.

    >>> DOC_TYPES["QĐ"].en
    'Decision'
    """

    code: str
    vi: str
    en: str
    category: DocCategory
    party: bool = False


@attrs.frozen(slots=True)
class Issuer:
    """A common issuer abbreviation ("UBND", "TTg", "BTTTT").

    Attributes:
        code: the abbreviation as written.
        vi: the Vietnamese name.
        en: the English name.
        party: whether it is a Party body (issues "…-NQ/TU").

    >>> ISSUERS["UBND"].vi
    'Ủy ban nhân dân'
    """

    code: str
    vi: str
    en: str
    party: bool = False


_A, _C, _L, _P = DocCategory.ADMINISTRATIVE, DocCategory.COPY, DocCategory.LEGAL, DocCategory.PARTY

_TYPES: tuple[DocType, ...] = (
    # Decree 30/2020/NĐ-CP, Appendix III, I: administrative documents.
    DocType("NQ", "Nghị quyết", "Resolution", _A, party=True),
    DocType("QĐ", "Quyết định", "Decision", _A, party=True),
    DocType("CT", "Chỉ thị", "Directive", _A, party=True),
    DocType("QC", "Quy chế", "Regulations", _A, party=True),
    DocType("QyĐ", "Quy định", "Rules", _A),
    DocType("TC", "Thông cáo", "Communiqué", _A),
    DocType("TB", "Thông báo", "Notice", _A, party=True),
    DocType("HD", "Hướng dẫn", "Guidance", _A, party=True),
    DocType("CTr", "Chương trình", "Programme", _A, party=True),
    DocType("KH", "Kế hoạch", "Plan", _A, party=True),
    DocType("PA", "Phương án", "Option plan", _A),
    DocType("ĐA", "Đề án", "Scheme", _A, party=True),
    DocType("DA", "Dự án", "Project", _A),
    DocType("BC", "Báo cáo", "Report", _A, party=True),
    DocType("BB", "Biên bản", "Minutes", _A, party=True),
    DocType("TTr", "Tờ trình", "Submission", _A, party=True),
    DocType("HĐ", "Hợp đồng", "Contract", _A),
    DocType("CĐ", "Công điện", "Official telegram", _A),
    DocType("BGN", "Bản ghi nhớ", "Memorandum of understanding", _A),
    DocType("BTT", "Bản thỏa thuận", "Agreement", _A),
    DocType("GUQ", "Giấy ủy quyền", "Letter of authorisation", _A),
    DocType("GM", "Giấy mời", "Letter of invitation", _A),
    DocType("GGT", "Giấy giới thiệu", "Letter of introduction", _A),
    DocType("GNP", "Giấy nghỉ phép", "Leave permit", _A),
    DocType("PG", "Phiếu gửi", "Dispatch slip", _A),
    DocType("PC", "Phiếu chuyển", "Transfer slip", _A),
    DocType("PB", "Phiếu báo", "Notification slip", _A),
    # Appendix III, II: copies.
    DocType("SY", "Bản sao y", "True copy", _C),
    DocType("TrS", "Bản trích sao", "Extract copy", _C),
    DocType("SL", "Bản sao lục", "Reproduced copy", _C),
    # Legal normative documents (codes seen inside "number/year/TYPE-ISSUER").
    DocType("NĐ", "Nghị định", "Decree", _L),
    DocType("TT", "Thông tư", "Circular", _L),
    DocType("TTLT", "Thông tư liên tịch", "Joint circular", _L),
    DocType("NQLT", "Nghị quyết liên tịch", "Joint resolution", _L),
    DocType("PL", "Pháp lệnh", "Ordinance", _L),
    DocType("L", "Lệnh", "Order", _L),
    # Party documents only.
    DocType("KL", "Kết luận", "Conclusion", _P, party=True),
    DocType("QĐi", "Quy định", "Rules", _P, party=True),
    DocType("CV", "Công văn", "Official letter", _P, party=True),
)

_ISSUERS: tuple[Issuer, ...] = (
    Issuer("UBND", "Ủy ban nhân dân", "People's Committee"),
    Issuer("HĐND", "Hội đồng nhân dân", "People's Council"),
    Issuer("CP", "Chính phủ", "Government"),
    Issuer("TTg", "Thủ tướng Chính phủ", "Prime Minister"),
    Issuer("QH", "Quốc hội", "National Assembly"),
    Issuer("UBTVQH", "Ủy ban Thường vụ Quốc hội", "National Assembly Standing Committee"),
    Issuer("CTN", "Chủ tịch nước", "President of the State"),
    Issuer("VPCP", "Văn phòng Chính phủ", "Government Office"),
    Issuer("VP", "Văn phòng", "Office"),
    Issuer("BTTTT", "Bộ Thông tin và Truyền thông", "Ministry of Information and Communications"),
    Issuer("BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    Issuer("BNV", "Bộ Nội vụ", "Ministry of Home Affairs"),
    Issuer("BTC", "Bộ Tài chính", "Ministry of Finance"),
    Issuer("BKHĐT", "Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"),
    Issuer("BGDĐT", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
    Issuer("BYT", "Bộ Y tế", "Ministry of Health"),
    Issuer("BCT", "Bộ Công Thương", "Ministry of Industry and Trade"),
    Issuer("BXD", "Bộ Xây dựng", "Ministry of Construction"),
    Issuer("BTP", "Bộ Tư pháp", "Ministry of Justice"),
    Issuer("BCA", "Bộ Công an", "Ministry of Public Security"),
    Issuer("BQP", "Bộ Quốc phòng", "Ministry of National Defence"),
    Issuer("BNG", "Bộ Ngoại giao", "Ministry of Foreign Affairs"),
    Issuer("BGTVT", "Bộ Giao thông vận tải", "Ministry of Transport"),
    Issuer("BTNMT", "Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"),
    Issuer(
        "BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn",
        "Ministry of Agriculture and Rural Development",
    ),
    Issuer(
        "BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội",
        "Ministry of Labour, Invalids and Social Affairs",
    ),
    Issuer("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"),
    Issuer("NHNN", "Ngân hàng Nhà nước", "State Bank of Vietnam"),
    Issuer("STTTT", "Sở Thông tin và Truyền thông", "Department of Information and Communications"),
    Issuer("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    Issuer("SNV", "Sở Nội vụ", "Department of Home Affairs"),
    Issuer("CĐSQG", "Cục Chuyển đổi số quốc gia", "National Digital Transformation Agency"),
    Issuer(
        "KGVX", "Vụ Khoa giáo - Văn xã", "Department of Science, Education, Culture and Society"
    ),
    Issuer("BCĐ", "Ban Chỉ đạo", "Steering Committee"),
    # Party bodies.
    Issuer("TW", "Ban Chấp hành Trung ương", "Party Central Committee", party=True),
    Issuer("TU", "Tỉnh ủy", "Provincial Party Committee", party=True),
    Issuer("HU", "Huyện ủy", "District Party Committee", party=True),
    Issuer("ĐU", "Đảng ủy", "Party Committee", party=True),
    Issuer("VPTW", "Văn phòng Trung ương Đảng", "Party Central Office", party=True),
    Issuer("VPTU", "Văn phòng Tỉnh ủy", "Provincial Party Committee Office", party=True),
)

DOC_TYPES: Mapping[str, DocType] = types.MappingProxyType({t.code: t for t in _TYPES})
"""Every known document type, by its canonical code."""

ISSUERS: Mapping[str, Issuer] = types.MappingProxyType({i.code: i for i in _ISSUERS})
"""Common issuer codes, by canonical code."""


def _spelling_index(codes: Iterable[str]) -> dict[str, str]:
    """Upper-cased spelling → canonical code; D-for-Đ spellings only where unambiguous."""
    index: dict[str, str] = {}
    loose: dict[str, set[str]] = {}
    for code in codes:
        index[code.upper()] = code
        loose.setdefault(code.upper().replace("Đ", "D"), set()).add(code)
    for key, found in loose.items():
        if len(found) == 1 and key not in index:
            index[key] = found.pop()
    return index


_TYPE_SPELLINGS = _spelling_index(DOC_TYPES)
_ISSUER_SPELLINGS = _spelling_index(ISSUERS)


def canonical_type_code(code: str) -> str | None:
    """The canonical type code for a spelling ("qd" → "QĐ"), or None if unknown."""
    return _TYPE_SPELLINGS.get(code.upper())


def canonical_issuer_code(code: str) -> str | None:
    """The canonical issuer code for a spelling ("HDND" → "HĐND"), or None if unknown."""
    return _ISSUER_SPELLINGS.get(code.upper())


def get_doc_type(code: str) -> DocType | None:
    """Look up a document type by its abbreviation, in any case, "D" allowed for "Đ".

    Args:
        code: an abbreviation such as "QĐ", "qd", "CTr".

    Returns:
        The :class:`DocType`, or None when the code is not known.

    >>> get_doc_type("qd").vi
    'Quyết định'
    >>> get_doc_type("HD").en, get_doc_type("HĐ").en
    ('Guidance', 'Contract')
    >>> get_doc_type("XYZ") is None
    True
    """
    canonical = canonical_type_code(code)
    return DOC_TYPES[canonical] if canonical else None


def get_issuer(code: str) -> Issuer | None:
    """Look up an issuer by its abbreviation; a trailing term number is ignored ("QH14").

    Args:
        code: an issuer abbreviation such as "UBND", "HDND", "TTg", "QH15".

    Returns:
        The :class:`Issuer`, or None when the code is not known.

    >>> get_issuer("HDND").code
    'HĐND'
    >>> get_issuer("QH14").en
    'National Assembly'
    """
    canonical = canonical_issuer_code(code) or canonical_issuer_code(code.rstrip("0123456789"))
    return ISSUERS[canonical] if canonical else None


# Vietnamese names (folded) → type code, for the free-text finder. The generic words for
# documents without an abbreviation map to None.
_NAMES: dict[str, str | None] = {fold(t.vi): t.code for t in _TYPES if t.category is not _P}
_NAMES.update({
    "ket luan": "KL",
    "cong van": None,
    "luat": None,
    "bo luat": None,
    "hien phap": None,
    "thong tri": None,
})
TYPE_NAMES: Mapping[str, str | None] = types.MappingProxyType(_NAMES)
"""Folded Vietnamese document-type names → type code (None: a type with no abbreviation)."""


def doc_type_from_name(name: str) -> DocType | None:
    """The document type a Vietnamese name denotes ("Quyết định" → QĐ).

    Args:
        name: a Vietnamese type name, with or without diacritics, any case.

    Returns:
        The :class:`DocType`, or None for an unknown name or a type without an abbreviation
        (Luật, Công văn).

    >>> doc_type_from_name("KẾ HOẠCH").code
    'KH'
    >>> doc_type_from_name("Công văn") is None
    True
    """
    code = _NAMES.get(fold(name))
    return DOC_TYPES[code] if code else None
