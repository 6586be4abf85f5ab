"""Generate the bundled national datasets from the committed tables in tools/national/.

    python tools/build_national.py           # write the dataset files
    python tools/build_national.py --check   # exit 0 iff the bundled files are what the inputs give

Standard library only. The input tables are made once from published open data by
tools/national/extract.py; every source, version and licence is in tools/national/SOURCES.md.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from national.compact_form import dumps_compact  # noqa: E402 - the compact (table) form

INPUTS = ROOT / "tools" / "national"
OUT = ROOT / "src" / "govmodel" / "datasets"
PROVINCES_FILE = OUT / "vietnam-provinces-2025.json"
# the compact form (docs/dataset-format.md): tables of columns, gzip-compressed
COMMUNES_FILE = OUT / "vietnam-communes-2025.json.gz"
OPERATE = "2025-07-01"
DVHCVN = "https://github.com/dvhcvn/20250701/blob/dd94887/"


def read(name: str) -> list[dict[str, str]]:
    with open(INPUTS / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


PROVINCE_TYPE = {"Tỉnh": "tinh", "Thành phố": "thanh_pho_tw"}
DISTRICT_TYPE = {"Huyện": "huyen", "Quận": "quan", "Thị xã": "thi_xa", "Thành phố": "thanh_pho_tinh"}
COMMUNE_TYPE = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran", "Đặc khu": "dac_khu"}


def split_type(name: str, types: dict[str, str]) -> tuple[str, str]:
    for word in sorted(types, key=len, reverse=True):
        if name.lower().startswith(word.lower() + " "):
            return word, name[len(word) + 1:]
    raise ValueError(f"no type word in {name!r}")


def unit(uid: str, word: str, short: str, unit_type: str, parent, identifiers) -> dict:
    org = {"type": "AdminUnit", "id": uid, "name": f"{word.lower()} {short}"}
    if not short.isdigit():
        org["short_names"] = [short]
    org["parent"] = parent
    org["unit_type"] = unit_type
    org["identifiers"] = identifiers
    return org


def bodies(pid: str, full: str, short: str, code_ids=None) -> list[dict]:
    out = []
    for suffix, kind, long, abbr in (("ubnd", "peoples_committee", "Ủy ban nhân dân", "UBND"),
                                     ("hdnd", "peoples_council", "Hội đồng nhân dân", "HĐND")):
        out.append({"type": "Agency", "id": f"{pid}/{suffix}", "name": f"{long} {full}", "kind": kind,
                    "level": "province", "territory": pid, "short_names": [f"{abbr} {full}"]})
    return out


ISSUERS = [
    {"type": "Agency", "id": "vn/quoc-hoi", "name": "Quốc hội", "kind": "national_assembly", "level": "central",
     "short_names": ["Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam"]},
    {"type": "Agency", "id": "vn/ubtvqh", "name": "Ủy ban Thường vụ Quốc hội", "kind": "national_assembly",
     "level": "central", "short_names": ["UBTVQH"]},
]

PKG = "vietnamadminunits 1.0.4 (PyPI; MIT licence; data/dataset.db and data/converter_2025.json)"

# ----------------------------------------------------------------------------- provinces

NQ202_SOURCES = [
    {"document": "Vietnam+ (TTXVN) — Danh sách diện tích và dân số của 28 tỉnh và 6 thành phố",
     "quote": "Sáng 12/6, tại Kỳ họp thứ 9, Quốc hội khóa XV đã biểu quyết thông qua Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025.",
     "locator": "passed on 12/6/2025; the subject line",
     "url": "https://www.vietnamplus.vn/danh-sach-dien-tich-va-dan-so-cua-28-tinh-va-6-thanh-pho-trung-uong-post1043830.vnp"},
    {"document": "Vietnam+ (TTXVN) — Danh sách diện tích và dân số của 28 tỉnh và 6 thành phố",
     "quote": "Kể từ ngày Nghị quyết có hiệu lực - ngày 12/6/2025, cả nước có 34 đơn vị hành chính cấp tỉnh, gồm 28 tỉnh và 6 thành phố; trong đó có 19 tỉnh và 4 thành phố hình thành sau sắp xếp quy định tại nghị quyết này và 11 tỉnh, thành phố không thực hiện sắp xếp./.",
     "locator": "in force on 12/6/2025; 23 new units and 11 unchanged",
     "url": "https://www.vietnamplus.vn/danh-sach-dien-tich-va-dan-so-cua-28-tinh-va-6-thanh-pho-trung-uong-post1043830.vnp"},
    {"document": "Báo Đầu tư — Ban hành Nghị quyết sắp xếp đơn vị hành chính cấp tỉnh",
     "quote": "Nghị quyết số 202/2025/QH15 … thông qua sáng 12/6, có hiệu lực thi hành từ ngày được thông qua.",
     "locator": "the number (quoted with an ellipsis, as in docs/research/public-records-2006-2025.md §7c)",
     "url": "https://baodautu.vn/ban-hanh-nghi-quyet-sap-xep-don-vi-hanh-chinh-cap-tinh-d303101.html"},
    {"document": "tintuc.thuvienphapluat.com — Các tỉnh, thành phố mới sau sắp xếp hoạt động từ ngày 1/7/2025",
     "quote": "bảo đảm để chính quyền địa phương ở các tỉnh, thành phố hình thành sau sắp xếp chính thức hoạt động từ ngày 1/7/2025.",
     "locator": "the effects' date, 1/7/2025",
     "url": "http://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/87251/cac-tinh-thanh-pho-moi-sau-sap-xep-hoat-dong-tu-ngay-1-7-2025"},
    {"document": "Nghị quyết số 60-NQ/TW ngày 12/4/2025 của Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII, phụ lục «Danh sách dự kiến tên gọi các tỉnh, thành phố và trung tâm chính trị - hành chính (tỉnh lỵ) của 34 đơn vị hành chính cấp tỉnh»",
     "locator": "the predecessors, name and seat of each new unit (section II, items 1–23) and the 11 unchanged units (section I); text as converted in github.com/dvhcvn/20250701 input/docs/60-NQ_TW.md; also printed by Báo Thanh Hóa",
     "url": "https://baothanhhoa.vn/toan-van-nghi-quyet-hoi-nghi-lan-thu-11-bch-trung-uong-dang-khoa-xiii-245497.htm"},
    {"document": "Ngôi Sao — Mã số chi tiết đơn vị hành chính của 34 tỉnh thành mới sau sắp xếp",
     "quote": "Phó Thủ tướng Thường trực Nguyễn Hòa Bình đã ký Quyết định số 19/2025/QĐ-TTg ban hành Bảng danh mục và mã số các đơn vị hành chính (ĐVHC) Việt Nam để sử dụng thống nhất trong cả nước.",
     "locator": "the GSO codes of the 34 units from 1/7/2025 (the page prints the list as an image; the codes themselves are taken from Công văn 915/CTK-CSCL as converted in github.com/dvhcvn/20250701 input/docs/915_CTK-CSCL.csv and from " + PKG + ", which agree)",
     "url": "https://m.ngoisao.vn/theo-dong-su-kien/kien-thuc/ma-so-chi-tiet-don-vi-hanh-chinh-cua-34-tinh-thanh-moi-sau-sap-nhap-460202.htm"},
]

NQ175_SOURCES = [
    {"document": "Môi trường Ngày nay — Chính thức thành lập TP Huế trực thuộc trung ương (30/11/2024)",
     "quote": "Sáng 30/11, với đa số phiếu đồng ý, Quốc hội chính thức thông qua Nghị quyết về việc thành lập TP Huế trực thuộc trung ương.",
     "locator": "passed on 30/11/2024",
     "url": "https://moitruongngaynay.vn/tai-nguyen/chinh-thuc-thanh-lap-tp-hue-truc-thuoc-trung-uong_t209c8n29263"},
    {"document": "Môi trường Ngày nay — Chính thức thành lập TP Huế trực thuộc trung ương (30/11/2024)",
     "quote": "Nghị quyết này có hiệu lực thi hành từ ngày 1/1/2025. Từ ngày này, các cơ quan, tổ chức, đơn vị có tên gọi gắn với địa danh tỉnh Thừa Thiên Huế được đổi tên để hoạt động với tên gọi TP Huế.",
     "locator": "in force on 1/1/2025; the bodies renamed",
     "url": "https://moitruongngaynay.vn/tai-nguyen/chinh-thuc-thanh-lap-tp-hue-truc-thuoc-trung-uong_t209c8n29263"},
    {"document": "Công an nhân dân — Công bố Nghị quyết của Quốc hội về thành lập TP Huế trực thuộc Trung ương (29/12/2024)",
     "quote": "Chủ tịch Quốc hội Trần Thanh Mẫn trao Nghị quyết số 175/2024/QH15 của Quốc hội và Nghị quyết số 1314/NQ-UBTVQH15 của UBTVQH cho lãnh đạo tỉnh Thừa Thiên Huế.",
     "locator": "the number",
     "url": "https://amp.cand.com.vn/su-kien-binh-luan-thoi-su/cong-bo-nghi-quyet-cua-quoc-hoi-ve-thanh-lap-tp-hue-truc-thuoc-trung-uong--i754939"},
]


def province_tables():
    before = read("provinces_before.csv")
    after = read("provinces_after.csv")
    old = {}
    for r in before:
        word, short = split_type(r["name"], PROVINCE_TYPE)
        old[r["code"]] = {"code": r["code"], "word": word, "short": short, "id": slug(short)}
    # Huế: the GSO list of 2025 has its name after NQ 175/2024/QH15; the first state is before it.
    hue = old["46"]
    assert hue["short"] == "Huế"
    hue.update(word="Tỉnh", short="Thừa Thiên Huế", id="hue")
    new = []
    for r in after:
        word, short = split_type(r["name"], PROVINCE_TYPE)
        preds = r["predecessor_codes"].split(";")
        unchanged = preds == [r["code"]]
        seat = r["nq60_seat"]
        name_from = next(c for c in preds if old[c]["short"] == short or (c == "46" and short == "Huế"))
        seat_from = None
        if seat:
            seat_short = re.sub(r"^(tỉnh|thành phố) ", "", seat, flags=re.I).replace(" hiện nay", "")
            seat_from = next(c for c in preds if slug(old[c]["short"]) == slug(seat_short))
        new.append({"code": r["code"], "word": word, "short": short, "preds": preds, "unchanged": unchanged,
                    "id": old[r["code"]]["id"] if unchanged else slug(short) + "-2025",
                    "item": r["nq60_item"], "seat": seat, "name_from": name_from, "seat_from": seat_from})
    return old, new


def build_provinces() -> dict:
    old, new = province_tables()
    taken = {n["code"] for n in new if not n["unchanged"]}
    orgs = list(ISSUERS)
    for c, p in sorted(old.items()):
        ident = {"scheme": "gso", "value": c}
        if c in taken:
            ident["valid_to"] = OPERATE
        full = f"{p['word'].lower()} {p['short']}"
        orgs.append(unit(p["id"], p["word"], p["short"], PROVINCE_TYPE[p["word"]], None, [ident]))
        orgs.extend(bodies(p["id"], full, p["short"]))
    effects = []
    notes_split = []
    for n in new:
        if n["unchanged"]:
            continue
        full = f"{n['word'].lower()} {n['short']}"
        ident = [{"scheme": "gso", "value": n["code"], "valid_from": OPERATE}]
        srcs = [old[c]["id"] for c in n["preds"]]
        effects.append({"type": "Merge", "sources": srcs, "into": n["id"], "effective_on": OPERATE,
                        "establish": unit(n["id"], n["word"], n["short"], PROVINCE_TYPE[n["word"]], None, ident)})
        for body in bodies(n["id"], full, n["short"]):
            suffix = body["id"].rsplit("/", 1)[1]
            effects.append({"type": "Merge", "sources": [f"{s}/{suffix}" for s in srcs], "into": body["id"],
                            "effective_on": OPERATE, "establish": body})
        if n["name_from"] != n["seat_from"]:
            notes_split.append(
                f"{n['id']} ({full}, GSO {n['code']}): name from {old[n['name_from']]['id']} (GSO {n['name_from']}); "
                f"seat ('trung tâm chính trị - hành chính đặt tại {n['seat']}', 60-NQ/TW II.{n['item']}) and code "
                f"from {old[n['seat_from']]['id']} (GSO {n['seat_from']}).")
    decisions = [
        {"number": "175/2024/QH15", "doc_type": "NQ", "issuer": "vn/quoc-hoi", "signed_on": "2024-11-30",
         "effective_on": "2025-01-01", "title": "về việc thành lập thành phố Huế trực thuộc trung ương",
         "effects": [
             {"type": "Rename", "org_id": "hue", "name": "thành phố Huế", "short_names": ["Huế"]},
             {"type": "Reclassify", "org_id": "hue", "unit_type": "thanh_pho_tw"},
             {"type": "Rename", "org_id": "hue/ubnd", "name": "Ủy ban nhân dân thành phố Huế",
              "short_names": ["UBND thành phố Huế"]},
             {"type": "Rename", "org_id": "hue/hdnd", "name": "Hội đồng nhân dân thành phố Huế",
              "short_names": ["HĐND thành phố Huế"]}],
         "sources": NQ175_SOURCES},
        {"number": "202/2025/QH15", "doc_type": "NQ", "issuer": "vn/quoc-hoi", "signed_on": "2025-06-12",
         "effective_on": "2025-06-12", "title": "về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025",
         "effects": effects, "sources": NQ202_SOURCES},
    ]
    unchanged = ", ".join(f"{old[n['code']]['id']}" for n in new if n["unchanged"])
    notes = [
        "First states: the 63 provincial-level units with their GSO codes as of 2025-06-11 (the GSO list as bundled in " + PKG + "), each with its People's Committee (<id>/ubnd) and People's Council (<id>/hdnd), whose 'territory' is the unit. Thừa Thiên Huế is given as it was on 2024-12-31 (tỉnh Thừa Thiên Huế, id 'hue', GSO 46); Nghị quyết 175/2024/QH15 renames and reclassifies it and its two bodies on 2025-01-01. No other change between 2024-12-31 and 2025-06-11 is recorded, so the other first states hold from before 2025.",
        "Nghị quyết 202/2025/QH15 is in force from 12/6/2025 (signed_on and effective_on); each of its effects takes effect on 1/7/2025, when the new provinces' governments operate, so between the two dates the resolution is in force and the 63 units and their bodies still exist.",
        "All 23 new units are consolidations ('hợp nhất', 60-NQ/TW section II) into a new unit with a new id '<slug>-2025' (its bodies '<slug>-2025/ubnd', '<slug>-2025/hdnd'), established by the Merge; the 11 units not rearranged keep their ids: " + unchanged + ".",
        "Ids: a province's id is the ASCII slug of its name without the type word ('ha-giang', 'ho-chi-minh', 'ba-ria-vung-tau'; Thừa Thiên Huế is 'hue').",
        "GSO codes: each new unit takes the code of the predecessor at its seat (Quyết định 19/2025/QĐ-TTg; codes from Công văn 915/CTK-CSCL of the Cục Thống kê and " + PKG + "). The old holder's identifier ends on 2025-07-01 (valid_to, exclusive) and the new unit's begins that day; codes of predecessors not at a seat are not reassigned. The text of Quyết định 19/2025/QĐ-TTg itself (its date and list) was not seen: only a news report of it.",
        "Name and seat: for these new units the name comes from one predecessor and the seat and code from another (60-NQ/TW, section II):",
        *notes_split,
        "Seats of the 23 new units (60-NQ/TW II.<item>: 'trung tâm chính trị - hành chính đặt tại …'): " + "; ".join(
            f"{n['id']}: {n['seat']} (II.{n['item']})" for n in sorted(new, key=lambda n: int(n['item'] or 0)) if not n["unchanged"]) + ".",
        "The seat of each new unit is taken from the appendix of Nghị quyết 60-NQ/TW (12/4/2025). The text of Nghị quyết 202/2025/QH15 itself was not seen; whether it names the seats is unknown, and its 23 groupings are those of 60-NQ/TW as repeated by the news reports cited.",
        "The People's Committees and Councils of the new units are recorded as Merges of the predecessors' bodies into new bodies on 1/7/2025; the persons and the departments of the new provinces are not in this dataset.",
        "Generated by tools/build_national.py from tools/national/*.csv; see tools/national/SOURCES.md for each source, its version and licence. Open data used at generation time only: " + PKG + "; github.com/dvhcvn/20250701 at commit dd94887 (MIT licence).",
    ]
    return {
        "schema_version": 1, "name": "vietnam-provinces-2025",
        "title": "Vietnam's provincial-level units, 63 → 34 (Nghị quyết 202/2025/QH15), with their People's Committees and Councils and GSO codes",
        "description": "The 63 provinces and centrally-run cities as of 2025-06-11 (Thừa Thiên Huế as of 2024-12-31, renamed thành phố Huế from 1/1/2025 by Nghị quyết 175/2024/QH15), their UBND and HĐND, and their consolidation into 34 by Nghị quyết 202/2025/QH15 (in force 12/6/2025; the new units and bodies from 1/7/2025), with GSO codes before and after.",
        "sources": [
            {"document": "Danh mục đơn vị hành chính, Cục Thống kê (danhmuchanhchinh.gso.gov.vn), as bundled in " + PKG,
             "locator": "the 63 provincial codes before 1/7/2025 and the 34 after"},
            {"document": "github.com/dvhcvn/20250701 (MIT licence), commit dd94887",
             "locator": "input/docs/60-NQ_TW.md (the names and seats), input/docs/915_CTK-CSCL.csv (the 34 codes)",
             "url": "https://github.com/dvhcvn/20250701"},
        ],
        "notes": notes, "organisations": orgs, "decisions": decisions, "observations": [],
    }


# ----------------------------------------------------------------------------- communes

NQ203_SOURCES = [
    {"document": "VietNamNet — Bản tin 17/6: Quốc hội thông qua sửa Hiến pháp lịch sử",
     "quote": "Quốc hội đã thông qua Nghị quyết sửa đổi, bổ sung một số điều của Hiến pháp năm 2013 với tỷ lệ 470/470 đại biểu tán thành. Nghị quyết có hiệu lực thi hành từ ngày được thông qua.",
     "locator": "passed (16/6/2025) and in force on passing; the page goes on: 'Nghị quyết cũng nêu rõ việc kết thúc hoạt động của đơn vị hành chính cấp' (the excerpt seen ends there)",
     "url": "https://vietnamnet.vn/ban-tin-vietnamnet-17-6-quoc-hoi-thong-qua-sua-hien-phap-lich-su-pre2412112.html"},
    {"document": "nhansu.vn — search page 'kết thúc đơn vị hành chính cấp huyện'",
     "quote": "Đã có Nghị quyết 203/2025/QH15 kết thúc đơn vị hành chính cấp huyện",
     "locator": "the number of the resolution that ends the district level",
     "url": "https://nhansu.vn/tim-kiem-bai-viet?tukhoa=k%E1%BA%BFt+th%C3%BAc+%C4%91%C6%A1n+v%E1%BB%8B+h%C3%A0nh+ch%C3%ADnh+c%E1%BA%A5p+huy%E1%BB%87n"},
    {"document": "nhansu.vn — search page 'kết thúc đơn vị hành chính cấp huyện'",
     "quote": "Trung ương đồng ý kết thúc hoạt động đơn vị hành chính cấp huyện từ ngày 1/7/2025.",
     "locator": "the date, 1/7/2025",
     "url": "https://nhansu.vn/tim-kiem-bai-viet?tukhoa=k%E1%BA%BFt+th%C3%BAc+%C4%91%C6%A1n+v%E1%BB%8B+h%C3%A0nh+ch%C3%ADnh+c%E1%BA%A5p+huy%E1%BB%87n"},
    {"document": "Nghị quyết số 1683/NQ-UBTVQH15 (and each of 1654–1687/NQ-UBTVQH15), căn cứ",
     "quote": "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo Nghị quyết số 203/2025/QH15;",
     "locator": "the preamble of the commune resolutions (github.com/dvhcvn/20250701 input/docs/1683_NQ-UBTVQH15.md); they do not themselves end the districts",
     "url": DVHCVN + "input/docs/1683_NQ-UBTVQH15.md"},
]


def build_communes() -> dict:
    old_prov, new_prov = province_tables()
    prov_after_id = {n["code"]: n["id"] for n in new_prov}
    districts = read("districts_before.csv")
    communes = read("communes_before.csv")
    after = read("communes_after.csv")
    fates = read("commune_fates.csv")
    resolutions = read("resolutions_2025_communes.csv")

    orgs, used = [], set()

    def unique(uid: str, code: str) -> str:
        if uid in used:
            uid = f"{uid}-{code}"
        assert uid not in used, uid
        used.add(uid)
        return uid

    did, cid, nid, nprov = {}, {}, {}, {}
    collisions = 0
    for r in districts:
        word, short = split_type(r["name"], DISTRICT_TYPE)
        pid = old_prov[r["province_code"]]["id"]
        uid = unique(f"{pid}/{slug(word)}-{slug(short)}", r["code"])
        did[r["code"]] = uid
        orgs.append(unit(uid, word, short, DISTRICT_TYPE[word], pid, [{"scheme": "gso", "value": r["code"]}]))
    for r in communes:
        word, short = split_type(r["name"], COMMUNE_TYPE)
        base = f"{did[r['district_code']]}/{slug(word)}-{slug(short)}"
        uid = unique(base, r["code"])
        collisions += uid != base
        cid[r["code"]] = uid
        orgs.append(unit(uid, word, short, COMMUNE_TYPE[word], did[r["district_code"]],
                         [{"scheme": "gso", "value": r["code"], "valid_to": OPERATE}]))
    new_units = {}
    for r in after:
        word, short = split_type(r["name"], COMMUNE_TYPE)
        pid = prov_after_id[r["province_code"]]
        base = f"{pid}/{slug(word)}-{slug(short)}-2025"
        uid = unique(base, r["code"])
        collisions += uid != base
        nid[r["code"]] = uid
        nprov[r["code"]] = r["province_code"]
        new_units[r["code"]] = unit(uid, word, short, COMMUNE_TYPE[word], pid,
                                    [{"scheme": "gso", "value": r["code"], "valid_from": OPERATE}])

    whole: dict[str, list[str]] = {}
    divided: dict[str, list[dict]] = {}
    for f in fates:
        src = did[f["old_code"]] if f["level"] == "district" else cid[f["old_code"]]
        if f["kind"] == "whole":
            whole.setdefault(f["new_code"], []).append(src)
        else:
            divided.setdefault(f["old_code"], []).append(f)
    assert set(cid) == {f["old_code"] for f in fates if f["level"] == "commune"}

    decisions = []
    res_by_prov = {r["province_code"]: r for r in resolutions}
    assert len(res_by_prov) == 34
    counts = {"merge": 0, "establish": 0, "split": 0}
    for pcode in sorted(res_by_prov, key=lambda c: res_by_prov[c]["number"]):
        r = res_by_prov[pcode]
        effects = []
        for ncode in sorted(c for c in nid if nprov[c] == pcode):
            if ncode in whole:
                effects.append({"type": "Merge", "sources": sorted(whole[ncode]), "into": nid[ncode],
                                "effective_on": OPERATE, "establish": new_units[ncode]})
                counts["merge"] += 1
            else:
                effects.append({"type": "Establish", "org": new_units[ncode], "effective_on": OPERATE})
                counts["establish"] += 1
        for ocode in sorted(divided):
            parts = divided[ocode]
            if nprov[parts[0]["new_code"]] != pcode:
                continue
            assert all(nprov[p["new_code"]] == pcode for p in parts)
            assert sum(p["default"] == "1" for p in parts) == 1
            ps = []
            for p in sorted(parts, key=lambda p: (p["default"] != "1", p["new_code"])):
                part = {"org_id": nid[p["new_code"]]}
                if p["default"] == "1":
                    part["default"] = True
                ps.append(part)
            effects.append({"type": "Split", "source": cid[ocode], "parts": ps, "dissolve_source": True,
                            "effective_on": OPERATE})
            counts["split"] += 1
        decisions.append({
            "number": r["number"], "doc_type": "NQ", "issuer": "vn/ubtvqh", "signed_on": r["signed_on"],
            "effective_on": r["signed_on"], "title": r["title"], "effects": effects,
            "sources": [
                {"document": f"Nghị quyết số {r['number']} ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội {r['title']}",
                 "quote": r["quote_article_2"],
                 "locator": "Điều 2 khoản 2 (effects dated 1/7/2025); Điều 2 khoản 1 puts the resolution in force on its adoption; Điều 1 the arrangement; text as converted from thuvienphapluat.vn in github.com/dvhcvn/20250701 " + r["text_in_dvhcvn"],
                 "url": DVHCVN + r["text_in_dvhcvn"]},
                {"document": PKG,
                 "locator": "the old → new mapping of the communes of this province (DICT_PROVINCE_WARD_NO_DIVIDED, DICT_PROVINCE_WARD_DIVIDED) and the GSO codes (dataset.db)"},
            ]})
    decisions.append({
        "number": "203/2025/QH15", "doc_type": "NQ", "issuer": "vn/quoc-hoi", "signed_on": "2025-06-16",
        "effective_on": "2025-06-16",
        "title": "sửa đổi, bổ sung một số điều của Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
        "effects": [{"type": "EndLevel", "unit_types": ["huyen", "quan", "thi_xa", "thanh_pho_tinh"],
                     "effective_on": OPERATE}],
        "sources": NQ203_SOURCES})
    cross = json.loads((INPUTS / "crosscheck.json").read_text(encoding="utf-8"))
    notes = [
        "Extends vietnam-provinces-2025 (the 63 → 34 provinces and their bodies). First states added here: the 696 district-level units and 10,035 commune-level units of the GSO list before 1/7/2025, as bundled in " + PKG + " (the GSO list of 18/7/2025 of the units before the rearrangement). They are the units as they stood in the first half of 2025: earlier changes of the 2023–2025 round (e.g. Nghị quyết 1314/NQ-UBTVQH15 for Huế from 1/1/2025) are not recorded, so before 2025 this picture is not reliable.",
        "Ids. A district: '<province id>/<type>-<slug>' ('ha-noi/quan-ba-dinh', 'ha-tinh/thi-xa-ky-anh'); a commune before 1/7/2025: '<district id>/<type>-<slug>' ('ha-noi/quan-ba-dinh/phuong-phuc-xa'); a commune from 1/7/2025: '<province id after>/<type>-<slug>-2025' ('ha-noi/phuong-ba-dinh-2025', 'thai-nguyen-2025/xa-bang-thanh-2025'). <type> is the slug of the type word (huyen, quan, thi-xa, thanh-pho, xa, phuong, thi-tran, dac-khu). If two units would get the same id, the second one gets '-<GSO code>' appended; this happened " + str(collisions) + " times.",
        "One decision per province: the 34 resolutions 1654–1687/NQ-UBTVQH15 of 16/6/2025, each in force on adoption (Điều 2 khoản 1), its effects dated 1/7/2025 (Điều 2 khoản 2). The number, date and province of each are read from its text (github.com/dvhcvn/20250701, input/docs/).",
        f"Each new commune is established by a Merge of the old communes that go into it whole ({counts['merge']} Merges); a new commune made only of parts of divided communes is established by an Establish ({counts['establish']}). Each old commune divided among several new ones is a Split ({counts['split']}) naming its parts, one marked default; the parts' shares of area or population are not given (the resolutions do not give them per part).",
        "The default part of a divided commune is the package's own choice (vietnamadminunits CHALLENGES.md, 'Convert 2025': the new commune whose polygon, inferred from its centre and area, contains the old commune's geocoded location, else the nearest one) — not a fact of the record. The resolutions name the part that is 'phần còn lại' of an old commune, which is not always the same commune; that is not used here.",
        "The five island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) go whole into the special zones (đặc khu) of the same name: each is a source of the Merge that establishes the đặc khu.",
        "The end of the district level on 1/7/2025 is one EndLevel effect of Nghị quyết 203/2025/QH15 (the amendment of the Constitution, passed and in force 16/6/2025), as the sources cited say; the text of its article ending the districts was not seen. Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (cited in each commune resolution's preamble) is not recorded as a decision here; its date of passing was not confirmed from a page.",
        f"Cross-check with the independent mapping of github.com/dvhcvn/20250701 (mapping/splits.json, made from the resolution texts): of {cross['old_communes_in_package']} old communes, {cross['same_successor_set_in_dvhcvn']} have the same set of new communes in both, {cross['different']} differ; the package is followed.",
        "GSO codes: old communes' codes end on 2025-07-01 (valid_to, exclusive); new communes' codes (Công văn 1027/CTK-CSCL of 25/6/2025 of the Cục Thống kê; Quyết định 19/2025/QĐ-TTg) hold from 2025-07-01. Many new communes reuse an old commune's code. District codes are not given an end: the districts end with the level.",
        "The People's Committees and Councils of districts and communes are not in this dataset.",
        "Generated by tools/build_national.py from tools/national/*.csv; see tools/national/SOURCES.md.",
    ]
    return {
        "schema_version": 1, "name": "vietnam-communes-2025",
        "title": "Vietnam's communes, about 10,035 → 3,321, and the end of the district level (1/7/2025)",
        "description": "The district- and commune-level units before 1/7/2025 with their GSO codes; the 34 resolutions of the Ủy ban Thường vụ Quốc hội of 16/6/2025 (1654–1687/NQ-UBTVQH15) that rearrange them into 3,321 communes, wards and special zones from 1/7/2025, each old commune's fate (whole into one new unit, or divided with a default part); the end of the district level on 1/7/2025 (Nghị quyết 203/2025/QH15).",
        "extends": ["vietnam-provinces-2025"],
        "sources": [
            {"document": PKG, "locator": "old and new units, GSO codes, old → new mapping",
             "url": "https://pypi.org/project/vietnamadminunits/1.0.4/"},
            {"document": "github.com/dvhcvn/20250701 (MIT licence), commit dd94887",
             "locator": "the texts of the 34 resolutions (input/docs/), the cross-check mapping (mapping/splits.json)",
             "url": "https://github.com/dvhcvn/20250701"},
        ],
        "notes": notes, "organisations": orgs, "decisions": decisions, "observations": [],
    }


# ----------------------------------------------------------------------------- output

def dumps(ds: dict) -> str:
    """Deterministic JSON: one organisation, decision header and effect per line."""
    def j(v):
        return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))
    out = ["{"]
    keys = list(ds)
    for i, k in enumerate(keys):
        v = ds[k]
        end = "," if i < len(keys) - 1 else ""
        if k in ("organisations", "observations", "sources", "notes", "extends") and v:
            out.append(f"  {j(k)}: [")
            out.extend(f"    {j(x)}{',' if n < len(v) - 1 else ''}" for n, x in enumerate(v))
            out.append(f"  ]{end}")
        elif k == "decisions" and v:
            out.append(f"  {j(k)}: [")
            for n, d in enumerate(v):
                head = {a: b for a, b in d.items() if a != "effects"}
                out.append("    {" + j(head)[1:-1] + ", \"effects\": [")
                eff = d["effects"]
                out.extend(f"      {j(e)}{',' if m < len(eff) - 1 else ''}" for m, e in enumerate(eff))
                out.append("    ]}" + ("," if n < len(v) - 1 else ""))
            out.append(f"  ]{end}")
        else:
            out.append(f"  {j(k)}: {j(v)}{end}")
    out.append("}")
    return "\n".join(out) + "\n"


def read_output(path: Path) -> str:
    if not path.exists():
        return ""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    a = ap.parse_args(argv)
    outputs = {PROVINCES_FILE: dumps(build_provinces()),
               COMMUNES_FILE: dumps_compact(build_communes())}
    bad = 0
    for path, text in outputs.items():
        if a.check:
            have = read_output(path)
            if have != text:
                bad += 1
                diff = difflib.unified_diff(have.splitlines(), text.splitlines(), str(path), "generated",
                                            lineterm="", n=0)
                for n, line in enumerate(diff):
                    if n >= 40:
                        print("... (more differences)")
                        break
                    print(line[:300])
        else:
            data = text.encode("utf-8")
            if path.suffix == ".gz":
                buf = io.BytesIO()
                with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as g:
                    g.write(data)
                data_out = buf.getvalue()
            else:
                data_out = data
            path.write_bytes(data_out)
            print(f"wrote {path.relative_to(ROOT)} ({len(data_out):,} bytes; JSON {len(data):,} bytes)")
    if a.check:
        print("up to date" if not bad else f"{bad} file(s) differ from what the inputs give")
        return 1 if bad else 0
    # the files written are verified again, with every check, and their digests listed
    return subprocess.call([sys.executable, str(ROOT / "tools" / "verify_bundled.py")])


if __name__ == "__main__":
    sys.exit(main())
