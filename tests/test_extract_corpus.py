"""govmodel.extract on real public texts kept under tests/data/extract/, scored by kind.

Each text is an excerpt as the search tool returned it, with its address, and an expected
draft written by hand (``expected``: facts by kind, names as written). Changes a text
announces without naming a decision are scored too (they are items of the draft, never part
of its decisions or datasets).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govmodel.extract import extract
from govmodel.extract.evaluate import KINDS, Score, draft_facts, facts_from_json, score
from govmodel.serialize import dumps, loads

CORPUS = json.loads((Path(__file__).parent / "data" / "extract" / "corpus.json").read_text(
    encoding="utf-8"))

# Floors reached on the corpus (docs/extract.md gives the figures); the corpus was also used
# to develop the rules, so these are development-set figures, not a held-out measure.
FLOORS = {
    "decision": (1.0, 0.95), "signed": (1.0, 0.95), "effective": (1.0, 0.75),
    "rename": (1.0, 1.0), "merge": (1.0, 0.95), "transfer": (1.0, 1.0),
    "composition": (1.0, 1.0),
}


def _totals() -> dict[str, Score]:
    tp = dict.fromkeys(KINDS, 0)
    fp = dict.fromkeys(KINDS, 0)
    fn = dict.fromkeys(KINDS, 0)
    for entry in CORPUS:
        draft = extract(entry["text"], published_on=entry["published_on"])
        found = draft_facts(draft, by="name", unattached=True)
        for kind, s in score(facts_from_json(entry["expected"]), found).items():
            tp[kind] += s.tp
            fp[kind] += s.fp
            fn[kind] += s.fn
    return {k: Score(k, tp[k], fp[k], fn[k]) for k in KINDS}


def test_corpus_is_real_and_large_enough():
    """At least 20 Vietnamese texts, each with its public address and a hand-written draft."""
    vietnamese = [e for e in CORPUS if e["expected"]]
    assert len(vietnamese) >= 20
    for e in CORPUS:
        assert e["url"].startswith("http") and e["text"].strip() and e["title"]


def test_corpus_precision_recall_per_kind():
    """Per kind, precision and recall on the corpus stay at or above the floors reached."""
    totals = _totals()
    for kind, (p_floor, r_floor) in FLOORS.items():
        s = totals[kind]
        assert s.precision is not None and s.precision >= p_floor, (kind, s)
        assert s.recall is not None and s.recall >= r_floor, (kind, s)


@pytest.mark.parametrize("entry", [e for e in CORPUS if not e["expected"]], ids=lambda e: e["id"])
def test_texts_announcing_nothing_give_empty_drafts(entry):
    """A real text in another language gives an empty draft."""
    assert extract(entry["text"]).is_empty


@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: e["id"])
def test_corpus_drafts_make_valid_datasets(entry):
    """Every corpus draft becomes a dataset the loader accepts."""
    ds = extract(entry["text"], published_on=entry["published_on"]).to_dataset(name="draft")
    assert loads(dumps(ds)).name == "draft"
