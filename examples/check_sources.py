"""Check every dated mention in the sources against the timeline.

Run:  python examples/check_sources.py [DATASET]

News articles and bylines name organisations on dates ("observations"). govmodel compares
each with the name the timeline gives the organisation on that date: a mention agrees when it
uses one of the organisation's names or aliases then. A conflict is kept, not hidden — seed
000 names the renamed IT division both "Phòng Chuyển đổi số" and "Phòng Công nghệ số".
"""

from __future__ import annotations

import sys

import govmodel as gm
from govmodel import render


def main(argv: list[str]) -> int:
    name = argv[0] if argv else "lang-son-2021"
    tl = gm.load_dataset(name)
    findings = tl.check()
    agree = [f for f in findings if f.agrees]
    conflicts = [f for f in findings if not f.agrees]
    print(f"{len(findings)} observations in {name}: "
          f"{len(agree)} agree, {len(conflicts)} conflict")
    print()
    print(render.findings_table(findings))
    for f in conflicts:
        o = f.observation
        print()
        print(f"CONFLICT on {o.on:%d/%m/%Y} for {o.org_id}")
        print(f"  the text says:     {o.name}")
        print(f"  the timeline says: {f.expected or '(not alive)'}")
        print(f"  why:               {f.reason}")
        print(f"  source:            {o.source.document}")
        print(f"  sentence:          {o.source.quote}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
