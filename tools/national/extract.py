"""Make the committed input tables of tools/build_national.py from published open data.

This is the one-off, re-runnable extraction step (see SOURCES.md). It reads:

* the data bundled in the PyPI package ``vietnamadminunits`` 1.0.4 (MIT licence):
  ``data/dataset.db`` (tables ``admin_units_legacy``: the 63 provinces, 696 districts and
  10,035 communes before 1/7/2025 with their GSO codes; ``admin_units``: the 34 provinces and
  3,321 communes after, with their GSO codes) and ``data/converter_2025.json`` (old → new
  mapping, the divided communes with their parts and the ``isDefaultNewWard`` flag);
* the repository github.com/dvhcvn/20250701 (MIT licence), a git directory: the texts of
  Nghị quyết 60-NQ/TW (names and seats of the 34 provinces) and of the 34 resolutions
  1654–1687/NQ-UBTVQH15 of 16/6/2025 (their numbers, dates and provinces), and its own
  old → new mapping ``mapping/splits.json``, used only to count disagreements.

Usage (neither source is a dependency of govmodel)::

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/pkgs
    unzip /tmp/pkgs/vietnamadminunits-1.0.4-py3-none-any.whl -d /tmp/pkgs/vau
    python tools/national/extract.py --vau /tmp/pkgs/vau/vietnamadminunits \
        --dvhcvn /path/to/dvhcvn-20250701.git
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def git_show(gitdir: str, path: str) -> str:
    return subprocess.check_output(["git", "--git-dir", gitdir, "show", f"HEAD:{path}"]).decode("utf-8")


def write(name: str, header: list[str], rows: list[list]) -> None:
    with open(HERE / name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vau", required=True, help="directory of the vietnamadminunits package")
    ap.add_argument("--dvhcvn", required=True, help="git directory of github.com/dvhcvn/20250701")
    a = ap.parse_args()
    vau = Path(a.vau)
    db = sqlite3.connect(vau / "data" / "dataset.db")
    conv = json.loads((vau / "data" / "converter_2025.json").read_text(encoding="utf-8"))

    # ---- before: provinces, districts, communes (GSO list as bundled by the package)
    legacy = db.execute(
        "select provinceCode, province, provinceKey, districtCode, district, districtType, districtKey,"
        " wardCode, ward, wardType, wardKey from admin_units_legacy").fetchall()
    provinces: dict[str, tuple[str, str]] = {}
    districts: dict[str, list] = {}
    communes: list[list] = []
    key_to_old: dict[str, str] = {}         # province_district_ward key -> old commune code
    island: dict[str, str] = {}             # province_district_ key -> district code (no communes)
    pkey_to_code: dict[str, str] = {}
    for pc, pn, pk, dc, dn, dt, dk, wc, wn, wt, wk in legacy:
        provinces[pc] = (nfc(pn), pk)
        pkey_to_code[pk] = pc
        districts.setdefault(dc, [dc, nfc(dn), dt, pc])
        if wc:
            communes.append([wc, nfc(wn), wt, dc])
            key_to_old[f"{pk}_{dk}_{wk}"] = wc
        else:
            island[f"{pk}_{dk}_"] = dc
    write("provinces_before.csv", ["code", "name"], [[c, n] for c, (n, _) in sorted(provinces.items())])
    write("districts_before.csv", ["code", "name", "type", "province_code"], sorted(districts.values()))
    write("communes_before.csv", ["code", "name", "type", "district_code"], sorted(communes))

    # ---- after: provinces and communes
    new = db.execute("select provinceCode, province, provinceKey, wardCode, ward, wardType, wardKey"
                     " from admin_units").fetchall()
    new_prov: dict[str, tuple[str, str]] = {}
    new_key: dict[tuple[str, str], str] = {}
    new_rows = []
    for pc, pn, pk, wc, wn, wt, wk in new:
        new_prov[pc] = (nfc(pn), pk)
        new_key[(pk, wk)] = wc
        new_rows.append([wc, nfc(wn), wt, pc])
    write("communes_after.csv", ["code", "name", "type", "province_code"], sorted(new_rows))

    # ---- provinces after: predecessors (package), seat and name source (60-NQ/TW text)
    nq60 = git_show(a.dvhcvn, "input/docs/60-NQ_TW.md")
    part2 = nfc(nq60.split("II- Các đơn vị hành chính cấp tỉnh mới")[1].split("Điều 2")[0].replace("\\", ""))
    items = re.findall(r"(\d+)\. Hợp nhất (.+?)[,;] lấy tên là (.+?), trung tâm chính trị - hành chính đặt tại (.+?)\.", part2)
    by_name = {}
    for num, _preds, name, seat in items:
        by_name[fold(re.sub(r"^(tỉnh|thành phố) ", "", name, flags=re.I))] = (num, nfc(seat))
    rows = []
    for pc, (pn, pk) in sorted(new_prov.items()):
        preds = sorted(pkey_to_code[k] for k in conv["DICT_PROVINCE"][pk])
        short = re.sub(r"^(Tỉnh|Thành phố) ", "", pn)
        num, seat = by_name.get(fold(short), ("", ""))
        rows.append([pc, pn, ";".join(preds), num, seat])
    write("provinces_after.csv", ["code", "name", "predecessor_codes", "nq60_item", "nq60_seat"], rows)

    # ---- fates of the old communes (package mapping)
    fates = []
    seen = set()
    for npk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nwk, olds in wards.items():
            nc = new_key[(npk, nwk)]
            for ok in olds:
                if ok in island:
                    fates.append(["district", island[ok], nc, "whole", "1"])
                else:
                    oc = key_to_old[ok]
                    fates.append(["commune", oc, nc, "whole", "1"])
                    seen.add(oc)
    for npk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, parts in olds.items():
            oc = key_to_old[ok]
            assert oc not in seen, ok
            for p in parts:
                fates.append(["commune", oc, new_key[(npk, p["newWardKey"])], "part",
                              "1" if p["isDefaultNewWard"] else "0"])
    write("commune_fates.csv", ["level", "old_code", "new_code", "kind", "default"], sorted(fates))

    # ---- the 34 resolutions of 16/6/2025
    res = []
    names = {fold(re.sub(r"^(Tỉnh|Thành phố) ", "", n)): c for c, (n, _) in new_prov.items()}
    listing = subprocess.check_output(["git", "--git-dir", a.dvhcvn, "ls-tree", "--name-only", "HEAD", "input/docs/"]).decode().split()
    for path in sorted(p for p in listing if "UBTVQH15" in p):
        text = git_show(a.dvhcvn, path)
        flat = nfc(text.replace("*", " ").replace("\\", " "))
        number = re.search(r"Số: (\d+/NQ-UBTVQH15)", flat).group(1)
        d = re.search(r"ngày (\d+) tháng (\d+) năm (2025)", flat)
        title = re.search(r"(VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA (TỈNH|THÀNH PHỐ) (.+?) NĂM 2025)", flat)
        code = names[fold(title.group(3))]
        pn = new_prov[code][0]
        kind, short = re.match(r"^(Tỉnh|Thành phố) (.+)$", pn).groups()
        subject = f"về việc sắp xếp các đơn vị hành chính cấp xã của {kind.lower()} {short} năm 2025"
        quote = re.search(r"(Các cơ quan theo thẩm quyền khẩn trương .+? chính thức hoạt động từ ngày 01 tháng 7 năm 2025\.)", flat)
        res.append([number, f"{d.group(3)}-{int(d.group(2)):02d}-{int(d.group(1)):02d}", code, subject,
                    path, quote.group(1) if quote else ""])
    write("resolutions_2025_communes.csv", ["number", "signed_on", "province_code", "title", "text_in_dvhcvn", "quote_article_2"], res)

    # ---- cross-check with dvhcvn's own mapping (counts only)
    sp = json.loads(git_show(a.dvhcvn, "mapping/splits.json"))
    theirs = {}
    for p in sp["data"]:
        for w in p["level3s"]:
            theirs[w["level3_id"]] = sorted(s["new_id"] for s in w["splits"])
    ours: dict[str, list] = {}
    for level, oc, nc, _k, _d in fates:
        if level == "commune":
            ours.setdefault(oc, []).append(nc)
    agree = sum(1 for oc, ncs in ours.items() if theirs.get(oc) == sorted(ncs))
    missing = sum(1 for oc in ours if oc not in theirs)
    (HERE / "crosscheck.json").write_text(json.dumps({
        "old_communes_in_package": len(ours), "same_successor_set_in_dvhcvn": agree,
        "not_in_dvhcvn": missing, "different": len(ours) - agree - missing,
        "differing": {oc: {"package": sorted(ncs), "dvhcvn": theirs.get(oc)}
                      for oc, ncs in sorted(ours.items()) if theirs.get(oc) != sorted(ncs)}},
        indent=1, ensure_ascii=False) + "\n")
    print((HERE / "crosscheck.json").read_text()[:200])


if __name__ == "__main__":
    main()
