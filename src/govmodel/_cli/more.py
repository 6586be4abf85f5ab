"""The commands about lineage, one decision and the bundled datasets."""

from __future__ import annotations

from govmodel import render
from govmodel._cli.context import Context, UsageError
from govmodel._cli.values import (
    Json,
    coverage,
    decision_json,
    decision_ref,
    edge_json,
    effect_summary,
    iso,
    wrap_lines,
)
from govmodel.datasets import datasets, read_dataset
from govmodel.decisions import Decision
from govmodel.effect_base import Effect
from govmodel.export.mapping import COLUMNS as MAPPING_COLUMNS
from govmodel.export.mapping import mapping_rows
from govmodel.results import Edge
from govmodel.serialize import make_converter
from govmodel.timeline import Timeline

__all__ = ["cmd_datasets", "cmd_decision", "cmd_lineage"]

EDGE_COLUMNS = ("source", "target", "kind", "on", "decision", "default", "area_share",
                "population_share")


def _edge_note(e: Edge) -> str:
    bits = ["default"] if e.default else []
    if e.area_share is not None:
        bits.append(f"area {e.area_share:.0%}")
    if e.population_share is not None:
        bits.append(f"population {e.population_share:.0%}")
    return ", ".join(bits)


def cmd_lineage(ctx: Context) -> int:
    tl = ctx.timeline
    org = ctx.org_id(ctx.args.org)
    edges = tl.lineage(org)
    doc: Json = {
        "org_id": org,
        "name": tl.history(org)[-1].value.name,
        "predecessors": [edge_json(e) for e in tl.predecessors(org)],
        "successors": [edge_json(e) for e in tl.successors(org)],
        "edges": [edge_json(e) for e in edges],
    }

    def text() -> str:
        head = wrap_lines([f"Lineage of {org} ({doc['name']}): {len(edges)} edges"], ctx.width)
        if not edges:
            return "\n".join([*head, "", "no merges, splits, renames or transfers recorded"])
        return "\n".join(head) + "\n\n" + render.table(
            ["on", "what became what", "decision"],
            ([e.on.isoformat(),
              f"{e.source} {e.kind} → {e.target or '—'}"
              + (f" ({note})" if (note := _edge_note(e)) else ""),
              render.decision_label(e.decision)] for e in edges),
            width=ctx.width)

    ctx.emit(doc, text, EDGE_COLUMNS, doc["edges"])
    return 0


def _find_decision(ctx: Context, tl: Timeline) -> Decision:
    text = ctx.args.number.strip()
    low = text.casefold()
    found = [d for d in tl.decisions if str(d.number).casefold() == low]
    if not found:
        found = [d for d in tl.decisions if str(d.number).casefold().startswith(low + "/")]
    if ctx.args.issuer:
        found = [d for d in found if d.issuer == ctx.args.issuer]
    if ctx.args.year:
        found = [d for d in found if d.year == ctx.args.year]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no decision {text!r} in {ctx.args.dataset} "
                         "(list them: govmodel decisions)")
    raise UsageError(f"{text!r} matches {len(found)} decisions: "
                     f"{', '.join(str(d.ref) for d in found[:5])}; add --issuer or --year")


def _named_by(tl: Timeline, d: Decision) -> list[tuple[str, Decision]]:
    """The decisions that supersede, repeal or amend *d*, and how."""
    out: list[tuple[str, Decision]] = []
    for other in tl.decisions:
        for how, refs in (("supersedes", other.supersedes), ("repeals", other.repeals),
                          ("amends", other.amends)):
            if any(r == d.ref for r in refs):
                out.append((how, other))
    return out


def cmd_decision(ctx: Context) -> int:
    tl = ctx.timeline
    d = _find_decision(ctx, tl)
    end = tl.ends(d)
    named = _named_by(tl, d)
    enders = [(how, o) for how, o in named if how != "amends" and o.effective_on == end]
    ended: Json | None = None
    if end is not None:
        how = {"supersedes": "superseded", "repeals": "repealed"}[enders[0][0]] if enders \
            else "expired"
        ended = {"on": iso(end), "how": how,
                 "by": decision_ref(enders[0][1]) if enders else None}
    conv = make_converter()
    effects = [
        {"index": i, "type": type(e).__name__, "family": e.family,
         "effective_on": iso(d.effect_date(e)), "org_ids": list(e.org_ids()),
         "summary": effect_summary(e), "data": conv.unstructure(e, unstructure_as=Effect)}
        for i, e in enumerate(d.effects)
    ]
    doc: Json = {
        "decision": decision_json(d, tl),
        "in_force": {"from": iso(d.effective_on), "to": iso(end)},
        "ended": ended,
        "named_by": [{"how": how, "decision": decision_ref(o)} for how, o in named],
        "effects": effects,
    }

    def text() -> str:
        lines = [f"{d.ref}" + (f" — {d.title}" if d.title else ""),
                 f"signed {iso(d.signed_on) or 'unknown'}; in force from {iso(d.effective_on)} "
                 + (f"until {iso(end)} (exclusive)" if end else "and still in force")]
        if ended is not None:
            by = f" by {enders[0][1].ref}" if enders else ""
            lines.append(f"ended on {iso(end)}: {ended['how']}{by}")
        lines += [f"{how} by {o.ref}" for how, o in named if (how, o) not in enders]
        lines.append("")
        if not effects:
            lines.append("no effects recorded")
        else:
            lines.append(render.table(
                ["#", "from", "family", "what it does"],
                ([str(x["index"] + 1), x["effective_on"], x["family"], x["summary"]]
                 for x in effects), width=ctx.width))
        return "\n".join(wrap_lines("\n".join(lines).splitlines(), ctx.width))

    ctx.emit(doc, text, ("index", "type", "family", "effective_on", "org_ids", "summary"),
             effects)
    return 0


def cmd_datasets(ctx: Context) -> int:
    rows: list[Json] = []
    for name in datasets():
        own = read_dataset(name)
        data = own.flattened()
        span = coverage(data.decisions)
        rows.append({"name": name, "title": data.title, "extends": list(own.extends),
                     "organisations": len(data.organisations), "decisions": len(data.decisions),
                     "observations": len(data.observations),
                     "coverage": {"from": iso(span[0]) if span else None,
                                  "to": iso(span[1]) if span else None}})

    def text() -> str:
        return render.table(
            ["name", "from", "to", "orgs", "decs", "title"],
            ([r["name"], r["coverage"]["from"] or "—", r["coverage"]["to"] or "—",
              str(r["organisations"]), str(r["decisions"]), r["title"]] for r in rows),
            width=ctx.width)

    flat = [{**r, "coverage_from": r["coverage"]["from"], "coverage_to": r["coverage"]["to"]}
            for r in rows]
    ctx.emit({"datasets": rows}, text, ("name", "title", "extends", "organisations",
                                        "decisions", "observations", "coverage_from",
                                        "coverage_to"), flat)
    return 0


def cmd_resolve(ctx: Context) -> int:
    """``govmodel resolve TEXT [--at DATE]``: ranked units, each with the redirect path."""
    tl = ctx.timeline
    at = ctx.args.at
    ctx.note_outside(at)
    matches = tl.resolve(ctx.args.text, on=at, limit=max(1, ctx.args.limit))
    rows: list[Json] = [
        {"id": m.org_id, "name": m.name, "score": m.score, "matched_id": m.matched_id,
         "matched_name": m.matched_name, "redirect": list(m.redirect), "default": m.default}
        for m in matches
    ]
    doc: Json = {"text": ctx.args.text, "at": iso(at), "matches": rows}

    def text() -> str:
        if not rows:
            return f"nothing matches {ctx.args.text!r}"
        return render.table(["score", "id", "name", "matched (then)"], (
            [f"{r['score']:.2f}", r["id"], r["name"],
             "—" if not r["redirect"] else f"{r['matched_name']} → {' → '.join(r['redirect'])}"]
            for r in rows), width=ctx.width)

    ctx.emit(doc, text, ("id", "name", "score", "matched_id", "matched_name", "default"), rows)
    return 0


def cmd_mapping(ctx: Context) -> int:
    """``govmodel mapping D1 D2 [--tier N]``: what each unit of D1 is on D2."""
    a, b = ctx.args.d1, ctx.args.d2
    if b < a:
        raise UsageError(f"D2 ({b.isoformat()}) is before D1 ({a.isoformat()})")
    rows = mapping_rows(ctx.timeline, a, b, tier=ctx.args.tier)
    doc: Json = {"from": a.isoformat(), "to": b.isoformat(), "rows": rows}

    def text() -> str:
        return render.table(["old", "new", "how", "default"], (
            [r["old_name"] or "", r["new_name"] or "", r["kind"] or "", r["default"] or ""]
            for r in rows), width=ctx.width) if rows else "no administrative units"

    ctx.emit(doc, text, MAPPING_COLUMNS, rows)
    return 0
