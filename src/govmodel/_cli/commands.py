"""The commands that look at one dataset: show, history, diff, decisions, find, validate,
check — each in ``--format text|json|csv`` (field names in docs/cli.md)."""

from __future__ import annotations

import enum
from typing import Any

from govmodel import render
from govmodel._cli.context import Context, UsageError
from govmodel._cli.values import (
    Json,
    decision_json,
    decision_ref,
    iso,
    mandate_json,
    tree_text,
    version_json,
    wrap_lines,
)
from govmodel.errors import DatasetError
from govmodel.model import Mandate, Membership, Organisation
from govmodel.results import Seat, Version

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "cmd_check",
    "cmd_decisions",
    "cmd_diff",
    "cmd_find",
    "cmd_history",
    "cmd_show",
    "cmd_validate",
]

EXIT_OK, EXIT_DATA = 0, 1

#: CSV columns of an organisation's version (show, history).
VERSION_COLUMNS = ("id", "name", "short_names", "type", "kind", "level", "parent",
                   "territory", "valid_from", "valid_to", "decision")
DECISION_COLUMNS = ("number", "issuer", "year", "doc_type", "title", "signed_on",
                    "effective_on", "expires_on", "known_on", "ends", "effects")


def _short(value: object) -> str:
    """A changed value in a few words (the full text is in the JSON and CSV)."""
    if value is None:
        return "—"
    if isinstance(value, Organisation):
        return value.name
    if isinstance(value, Mandate):
        return "none recorded" if value.is_empty else f"{len(value.items())} items"
    if isinstance(value, tuple) and value and isinstance(value[0], Membership):
        return f"{len(value)} seats"
    if isinstance(value, tuple):
        return ", ".join(_short(v) for v in value) or "—"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _seat_json(s: Seat) -> Json:
    return {"role": s.role, "role_code": s.membership.role.value, "post_org_id": s.post.org_id,
            "post_title": s.post.title, "post_qualifier": s.post.qualifier, "label": s.label,
            "vacant": s.vacant}


def cmd_show(ctx: Context) -> int:
    snap = ctx.snapshot()
    root = ctx.org_id(ctx.args.org, ctx.args.at_given) if ctx.args.org else None
    if root is not None and root not in snap:
        snap.version(root)  # raises OrganisationNotFoundError with the reason
    ctx.note_outside(snap.on)
    trees = ((snap.tree(root),) if root is not None else
             tuple(snap.tree(o.id) for o in sorted(snap.roots(), key=lambda o: o.name)))
    walked = [(depth, o) for t in trees for depth, o in t.walk()]
    orgs = [{**version_json(snap.version(o.id)), "depth": depth} for depth, o in walked]
    seats = snap.members(root) if root is not None and snap.memberships(root) else ()
    mandate = snap.mandate(root) if root is not None and ctx.args.mandate else None
    doc: Json = {
        "on": iso(snap.on), "known_on": iso(snap.known_on), "coverage": ctx.coverage_json(),
        "root": root, "organisations": orgs, "seats": [_seat_json(s) for s in seats],
        "mandate": None if mandate is None else mandate_json(mandate),
    }

    def text() -> str:
        head = f"As of {snap.on:%d/%m/%Y} ({snap.on.isoformat()})"
        if snap.known_on is not None:
            head += f", as known on {snap.known_on.isoformat()}"
        cov = ctx.coverage_json()
        parts = [f"{head} · dataset {ctx.args.dataset}",
                 f"(its decisions run from {cov['from']} to {cov['to']})", "",
                 tree_text(snap, trees, ids=ctx.args.ids, width=ctx.width)]
        if seats:
            parts += ["", render.table(["role", "post"], (
                [s.role, s.label + (" (vacant)" if s.vacant else "")] for s in seats),
                width=ctx.width)]
        if mandate is not None:
            parts += ["", "\n".join(wrap_lines(render.mandate_text(mandate).splitlines(),
                                               ctx.width))]
        return "\n".join(parts)

    ctx.emit(doc, text, (*VERSION_COLUMNS, "depth"), orgs)
    return EXIT_OK


def _version_cells(v: Version) -> list[str]:
    return [v.valid_from.isoformat() if v.valid_from else "…",
            v.valid_to.isoformat() if v.valid_to else "…", v.value.name, v.value.parent or "—",
            render.decision_label(v.decision)]


def cmd_history(ctx: Context) -> int:
    tl = ctx.timeline
    org = ctx.org_id(ctx.args.org)
    versions = tl.history(org)
    changes = tl.mandate_history(org)
    doc: Json = {
        "org_id": org,
        "versions": [version_json(v) for v in versions],
        "mandate_changes": [{"on": iso(on), "items": len(m.items()), "decision": decision_ref(d),
                             "mandate": mandate_json(m)} for on, m, d in changes],
    }

    def text() -> str:
        out = [f"History of {org}", "", render.table(
            ["from", "to", "name", "parent", "decision"], map(_version_cells, versions),
            width=ctx.width)]
        if changes:
            out += ["", render.table(
                ["mandate from", "items", "decision"],
                ([on.isoformat(), str(len(m.items())), render.decision_label(d)]
                 for on, m, d in changes), width=ctx.width)]
        return "\n".join(out)

    ctx.emit(doc, text, VERSION_COLUMNS, doc["versions"])
    return EXIT_OK


def cmd_diff(ctx: Context) -> int:
    from govmodel.export.rows import diff_rows  # noqa: PLC0415 - loaded by the commands using it

    a, b = ctx.args.d1, ctx.args.d2
    changes = list(ctx.timeline.diff(a, b))
    ctx.note_outside(a, "D1")
    ctx.note_outside(b, "D2")
    if ctx.args.org:
        prefix = ctx.org_id(ctx.args.org)
        changes = [c for c in changes if c.org_id == prefix or c.org_id.startswith(prefix + "/")]
    rows = [{"org_id": r["id"], "attribute": r["attribute"], "before": r["before"],
             "after": r["after"], "decision": decision_ref(c.decision)}
            for r, c in zip(diff_rows(changes), changes, strict=True)]
    doc: Json = {"from": iso(a), "to": iso(b), "org": ctx.args.org, "changes": rows}

    def text() -> str:
        out = [f"{len(changes)} changes between {a.isoformat()} and {b.isoformat()}"]
        if changes:
            out += ["", render.table(
                ["organisation", "attribute", "before", "after", "decision"],
                ([c.org_id, c.attribute, _short(c.before), _short(c.after),
                  render.decision_label(c.decision)] for c in changes), width=ctx.width)]
        return "\n".join(out)

    ctx.emit(doc, text, ("org_id", "attribute", "before", "after", "decision"), rows)
    return EXIT_OK


def cmd_decisions(ctx: Context) -> int:
    tl = ctx.timeline
    on = ctx.args.in_force
    chosen = tl.decisions_in_force(on) if on is not None else tl.decisions
    rows = [decision_json(d, tl) for d in chosen]
    doc: Json = {"in_force_on": iso(on), "decisions": rows}

    def text() -> str:
        title = f"Decisions in force on {on.isoformat()}" if on else "Decisions"
        return f"{title}: {len(chosen)}\n\n" + render.table(
            ["number", "issuer", "signed", "in force", "until", "title"],
            ([r["number"], r["issuer"], r["signed_on"] or "unknown", r["effective_on"],
              r["ends"] or "—", r["title"] or "—"] for r in rows), width=ctx.width)

    ctx.emit(doc, text, DECISION_COLUMNS, rows)
    return EXIT_OK


def cmd_find(ctx: Context) -> int:
    tl = ctx.timeline
    at = ctx.args.at
    ctx.note_outside(at)
    found = tl.find(ctx.args.text, at)
    rows: list[Json] = []
    for org_id in found:
        versions = tl.history(org_id)
        names = list(dict.fromkeys(v.value.name for v in versions))
        rows.append({"id": org_id, "name": names[-1], "former_names": names[:-1],
                     "valid_from": iso(versions[0].valid_from),
                     "valid_to": iso(versions[-1].valid_to)})
    doc: Json = {"text": ctx.args.text, "at": iso(at), "matches": rows}

    def text() -> str:
        if not rows:
            return f"nothing matches {ctx.args.text!r}" + (f" on {at.isoformat()}" if at else "")
        return render.table(["id", "latest name", "former names"], (
            [r["id"], r["name"], "; ".join(r["former_names"]) or "—"] for r in rows),
            width=ctx.width)

    ctx.emit(doc, text, ("id", "name", "former_names", "valid_from", "valid_to"), rows)
    return EXIT_OK


def cmd_validate(ctx: Context) -> int:
    from pathlib import Path  # noqa: PLC0415 - only this command (pathlib takes ~4 ms)

    from govmodel.serialize import load  # noqa: PLC0415 - loaded by the commands using it

    path = Path(ctx.args.path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    doc: Json = {"path": str(path), "ok": True, "problems": []}
    try:
        data = load(path).flattened()  # with the bundled datasets it extends
        data.timeline()
    except DatasetError as exc:
        doc["ok"] = False
        doc["problems"] = [{"path": p.path, "reason": p.reason, "follow_ons": p.total()}
                           for p in exc.problems]
        message = str(exc)
        ctx.emit(doc, lambda: message, ("path", "reason", "follow_ons"), doc["problems"])
        return EXIT_DATA
    doc |= {"organisations": len(data.organisations), "decisions": len(data.decisions),
            "observations": len(data.observations)}
    summary = (f"{path}: ok — {len(data.organisations)} organisations, "
               f"{len(data.decisions)} decisions, {len(data.observations)} observations")
    ctx.emit(doc, lambda: "\n".join(wrap_lines([summary], ctx.width)),
             ("path", "reason", "follow_ons"), [])
    return EXIT_OK


def cmd_check(ctx: Context) -> int:
    findings = ctx.timeline.check()
    conflicts = [f for f in findings if not f.agrees]
    rows: list[dict[str, Any]] = [{"on": iso(f.observation.on), "status": f.status.value,
             "org_id": f.observation.org_id, "name": f.observation.name,
             "source": f.observation.source.document, "agrees": f.agrees, "reason": f.reason}
            for f in findings]
    doc: Json = {"observations": len(findings), "agree": len(findings) - len(conflicts),
                 "conflict": len(conflicts), "findings": rows}

    def text() -> str:
        out = [f"{len(findings)} observations: {len(findings) - len(conflicts)} agree, "
               f"{len(conflicts)} conflict"]
        if rows:
            out += ["", render.table(
                ["date", "status", "organisation", "text says", "source"],
                ([r["on"], r["status"], r["org_id"], r["name"], r["source"]] for r in rows),
                width=ctx.width)]
        for f in conflicts:
            out += ["", *wrap_lines([
                f"conflict: {f.observation.org_id} on {f.observation.on.isoformat()}: "
                f"{f.reason} ({f.observation.source.document})"], ctx.width)]
        return "\n".join(out)

    ctx.emit(doc, text, ("on", "status", "org_id", "name", "source", "agrees", "reason"), rows)
    return EXIT_DATA if conflicts and ctx.args.strict else EXIT_OK
