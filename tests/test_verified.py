"""Bundled files verified already (govmodel._serial.bundled, tools/verify_bundled.py).

Laws: the manifest lists every bundled file with the digest of its bytes as they are, and
every listed file loads with every check; a verified file reads to the dataset and the
timeline (the same index) that every check gives; a file whose bytes are not as listed
gets every check; on any valid dataset the verified path reads what the checked one reads.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings

import govmodel as gm
from govmodel._engine.build import VERIFIED
from govmodel._serial import bundled as _bundled
from govmodel._serial.dataset import VERIFIED_WHOLE
from govmodel._serial.load import loads_verified, read_bytes
from govmodel._serial.table import dumps_tables
from govmodel.errors import DatasetError, DuplicateIdentifierError
from govmodel.serialize import dumps, loads
from strategies import datasets, scenarios

ROOT = Path(__file__).resolve().parent.parent


def tool() -> ModuleType:
    """tools/verify_bundled.py, imported as a module."""
    spec = importlib.util.spec_from_file_location(
        "verify_bundled", ROOT / "tools" / "verify_bundled.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def facts(tl: gm.Timeline) -> dict[str, object]:
    """What a timeline answers: every history with its ending and successors, and every
    code's holders over time."""
    ix = tl._index
    ix._check()
    ids = sorted(tl.organisation_ids())
    codes = sorted({(i.scheme, i.value) for t in ix.tracks.values() for v in t.values
                    for i in v.identifiers})
    return {
        "histories": {i: tuple(tl.history(i)) for i in ids},
        "successors": {i: tl.successors(i) for i in ids},
        "codes": {c: tl.by_identifier(*c) for c in codes},
    }


def test_the_manifest_lists_every_bundled_file_as_it_is() -> None:
    """tools/verify_bundled.py --check: every bundled file loads with every check, and the
    manifest lists exactly those files with their digests (run the tool when this fails)."""
    assert tool().main(["--check"]) == 0
    listed = _bundled.verified()
    assert set(listed) == set(_bundled._files().values())
    for file, digest in listed.items():
        assert digest == _bundled.digest(_bundled._raw(file)), file


@pytest.mark.parametrize("name", ["vietnam-communes-2025", "lang-son-history"])
def test_a_verified_file_reads_as_every_check_reads_it(name: str) -> None:
    """The verified path and the checked one give equal datasets and timelines with the same
    facts (lang-son-history extends lang-son-2021; the communes extend the provinces)."""
    file = _bundled._files()[name]
    raw = _bundled._raw(file)
    with _bundled._loading(name):
        fast = loads_verified(read_bytes(raw, file), file)
        full = loads(read_bytes(raw, file), file=file)
    assert fast == full
    assert fast.timeline() == full.timeline()
    assert facts(fast.timeline()) == facts(full.timeline())


def test_bundled_files_take_the_verified_path_only_when_their_bytes_are_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A listed file is read by loads_verified; a file with a key given twice (bytes no
    longer as listed) is refused with every check; listed, the same bytes would not be."""
    name, file = "lang-son-2021", _bundled._files()["lang-son-2021"]
    good = _bundled._raw(file)
    calls: list[str] = []
    real = _bundled.loads_verified
    monkeypatch.setattr(_bundled, "loads_verified", lambda raw, where: calls.append(where)
                        or real(raw, where))
    _bundled.bundled.__wrapped__(name)
    assert calls == [f"govmodel/datasets/{file}"]

    bad = good.replace(b'"name": ', b'"name": "twice", "name": ', 1)
    assert bad != good
    monkeypatch.setattr(_bundled, "_raw", lambda f: bad if f == file else good)
    with pytest.raises(DatasetError, match="name"):
        _bundled.bundled.__wrapped__(name)
    assert len(calls) == 1  # not the verified path
    listed = {**_bundled.verified(), file: _bundled.digest(bad)}
    monkeypatch.setattr(_bundled, "verified", lambda: listed)
    assert _bundled.bundled.__wrapped__(name).name == "lang-son-2021"  # the checks skipped
    assert len(calls) == 2


def test_a_verified_file_extending_an_edited_one_gets_the_checks_of_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """lang-son-history's bytes are listed, but a dataset it extends is edited (bytes not as
    listed): that one is read with every check and loads alone, and the clash it makes with
    lang-son-history (an official code held twice) is still reported. With both files as
    listed, the whole is read verified."""
    central = _bundled._files()["vietnam-central-2025"]
    good = _bundled._raw
    edited = json.loads(good(central))
    edited["organisations"].append({
        "type": "AdminUnit", "id": "zz-tinh", "name": "tỉnh Thử", "unit_type": "tinh",
        "identifiers": [{"scheme": "gso", "value": "20"}],  # lang-son's code in lang-son-history
    })
    raw = json.dumps(edited, ensure_ascii=False).encode()
    assert _bundled.verified().get("lang-son-history.json") == _bundled.digest(
        good("lang-son-history.json"))
    _bundled.bundled.cache_clear()
    try:
        whole = _bundled.bundled("lang-son-history")
        assert whole in VERIFIED_WHOLE
        _bundled.bundled.cache_clear()
        monkeypatch.setattr(_bundled, "_raw", lambda f: raw if f == central else good(f))
        alone = _bundled.bundled("vietnam-central-2025")
        assert alone not in VERIFIED_WHOLE and "zz-tinh" in {o.id for o in alone.organisations}
        with pytest.raises(DatasetError, match=r"gso:20 is held by both 'lang-son' and 'zz-tinh'"):
            _bundled.bundled("lang-son-history")
    finally:
        _bundled.bundled.cache_clear()


def test_every_check_reads_a_listed_file_with_every_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Inside every_check() a listed file is not read by loads_verified."""
    monkeypatch.setattr(_bundled, "loads_verified", lambda raw, where: pytest.fail(where))
    with _bundled.every_check():
        assert _bundled.bundled.__wrapped__("bac-kan-2008").name == "bac-kan-2008"


def test_a_verified_build_still_applies_every_rule_of_the_replay() -> None:
    """Only the checks that read what they check are left out: a merge of an organisation
    no first state or decision introduces is still refused; two holders of one code are
    not (that check is left out, and it is the one that finds them)."""
    ds = _bundled.bundled("vietnam-provinces-2025").flattened()
    first = list(ds.organisations)
    a, b = [o for o in first if o.identifiers][:2]
    twins = [b.evolve(identifiers=a.identifiers) if o.id == b.id else o for o in first]
    late = gm.Decision(
        number="1/2030/QĐ-UBND", issuer="vn/test", signed_on=dt.date(2030, 1, 1),
        effective_on=dt.date(2030, 1, 1),
        effects=[gm.Merge(sources=["atlantis"], into=b.id)],
    )
    with pytest.raises(DuplicateIdentifierError):
        gm.Timeline.from_decisions(ds.decisions, initial=twins)
    token = VERIFIED.set(True)
    try:
        tl = gm.Timeline.from_decisions(ds.decisions, initial=twins)
        assert set(tl.by_identifier("gso", a.identifiers[0].value)) == {a.id, b.id}
        with pytest.raises(gm.DecisionError, match="atlantis"):
            gm.Timeline.from_decisions([*ds.decisions, late], initial=first)
    finally:
        VERIFIED.reset(token)


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_on_any_valid_dataset_the_verified_path_reads_what_every_check_reads(ds):
    """loads_verified of a valid dataset's text, plain or as tables, equals loads of it, and
    the two timelines answer alike."""
    for text in (dumps(ds), dumps_tables(ds)):
        fast, full = loads_verified(text.encode("utf-8"), "x.json"), loads(text)
        assert fast == full == ds
        assert facts(fast.timeline()) == facts(full.timeline())


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_a_verified_build_equals_a_checked_one(s):
    """On valid items the build without the read-only checks gives the same index."""
    token = VERIFIED.set(True)
    try:
        fast = s.timeline()
    finally:
        VERIFIED.reset(token)
    full = s.timeline()
    assert facts(fast) == facts(full)
    for day in s.dates:
        assert fast.as_of(day) == full.as_of(day)


def test_the_manifest_is_what_sha256sum_reads() -> None:
    """Each line is a digest, two spaces and a file name; a damaged line lists nothing."""
    text = (ROOT / "src" / "govmodel" / "datasets" / _bundled.MANIFEST).read_text()
    lines = text.splitlines()
    assert lines == sorted(lines, key=lambda x: x[66:])
    assert all(len(x) > 66 and x[64:66] == "  " for x in lines)
    assert _bundled.manifest_text(_bundled.verified()) == text
    listed = _bundled.verified()
    assert set(listed) == {x[66:] for x in lines} and set(listed) <= set(_bundled._files().values())
    assert all(len(h) == 64 and set(h) <= set("0123456789abcdef") for h in listed.values())
