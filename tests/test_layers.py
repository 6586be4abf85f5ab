"""The package's layers point one way (DESIGN.md §4), with no import circles.

Every module of ``src/govmodel`` is parsed (nothing is imported): each ``import`` and
``from … import`` counts, at module level, inside functions and under ``TYPE_CHECKING``
alike. A module may import only from its own layer or below; the package facade
(``govmodel/__init__.py``) sits above everything and no module inside the package may import
it. The import graph has no cycle, and no module is over 500 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "govmodel"

FACADE = "govmodel"
#: Module name prefixes and their layer; the longest matching prefix wins.
LAYERS: dict[str, int] = {
    # 0 foundations
    "govmodel.errors": 0,
    "govmodel._fields": 0,
    "govmodel._display": 0,
    "govmodel._version": 0,
    "govmodel.vn": 0,
    # 1 values
    "govmodel.model": 1,
    "govmodel.identifiers": 1,
    "govmodel.unit_types": 1,
    "govmodel.effects": 1,
    "govmodel.effect_base": 1,
    "govmodel.unit_effects": 1,
    "govmodel.persons": 1,
    "govmodel.decisions": 1,
    "govmodel.results": 1,
    # 2 engine
    "govmodel._engine": 2,
    "govmodel.timeline": 2,
    "govmodel.snapshot": 2,
    "govmodel.tenures": 2,
    # 3 IO and presentation
    "govmodel.serialize": 3,
    "govmodel._serial": 3,
    "govmodel.datasets": 3,
    "govmodel.render": 3,
    "govmodel._html": 3,
    "govmodel._labels": 3,
    # 4 tools
    "govmodel.export": 4,
    "govmodel.extract": 4,
    "govmodel.cli": 4,
    "govmodel._cli": 4,
    "govmodel.__main__": 4,
    "govmodel.testing": 4,
    "govmodel.plot": 4,
    "govmodel.explore": 4,
}
NAMES = ["foundations", "values", "engine", "IO and presentation", "tools"]
MAX_LINES = 500  # "no module over 500 lines"


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(name: str) -> int:
    best = max((p for p in LAYERS if name == p or name.startswith(p + ".")), key=len, default=None)
    if best is None:
        raise AssertionError(f"{name} is in no layer: add it to LAYERS")
    return LAYERS[best]


def imports_of(name: str, *, typing_only: bool = True) -> set[str]:
    """The govmodel modules *name* imports, anywhere in its text."""
    path = MODULES[name]
    return imports_in(
        path.read_text("utf-8"), name, is_package=path.name == "__init__.py",
        typing_only=typing_only,
    )


def imports_in(
    text: str, name: str, *, is_package: bool = False, typing_only: bool = True
) -> set[str]:
    """The govmodel modules the module *name*, written *text*, imports (with
    *typing_only* False, without those under ``if TYPE_CHECKING:``, which never run)."""
    tree = ast.parse(text)
    skipped: set[int] = set()
    if not typing_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(n) for n in ast.walk(node))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "govmodel")
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "govmodel":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in MODULES else target)
    out.discard(name)
    return out


GRAPH = {name: imports_of(name) for name in MODULES}
#: What runs: every import but those under ``if TYPE_CHECKING:`` (the cycles that matter).
RUNTIME = {name: imports_of(name, typing_only=False) for name in MODULES}


def test_every_module_has_a_layer():
    for name in MODULES:
        if name != FACADE:
            layer_of(name)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n != FACADE))
def test_imports_point_down(name: str):
    """A module imports only from its own layer or below, never the package facade."""
    mine = layer_of(name)
    for target in sorted(GRAPH[name]):
        assert target != FACADE, f"{name} imports the facade 'govmodel'; import the module"
        assert target in MODULES, f"{name} imports {target}, which does not exist"
        theirs = layer_of(target)
        assert theirs <= mine, (
            f"{name} ({NAMES[mine]}) imports {target} ({NAMES[theirs]}), a layer above it"
        )


def test_no_import_cycles():
    """The import graph (every import that runs, wherever it is written: at module level or
    inside a function) has no cycle."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(RUNTIME.get(n, ())):
            if state.get(m) == 1:
                cycle = [*stack[stack.index(m):], m]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(RUNTIME):
        if n not in state:
            visit(n)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_over_500_lines(name: str):
    lines = MODULES[name].read_text("utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concept"


def test_the_checker_sees_imports_inside_functions_and_type_checking_blocks():
    """The parser counts imports written inside functions and under TYPE_CHECKING, resolves
    ``from govmodel import render`` to the module, and a value importing render is caught."""
    text = (
        "import typing\n"
        "if typing.TYPE_CHECKING:\n    from govmodel.snapshot import Snapshot\n"
        "def f():\n    from govmodel import render\n    import govmodel.cli\n"
        "    from . import decisions\n"
    )
    found = imports_in(text, "govmodel.model")
    assert found == {"govmodel.snapshot", "govmodel.render", "govmodel.cli", "govmodel.decisions"}
    assert max(layer_of(t) for t in found) > layer_of("govmodel.model")
    running = imports_in(text, "govmodel.model", typing_only=False)
    assert running == {"govmodel.render", "govmodel.cli", "govmodel.decisions"}


def test_import_govmodel_leaves_the_heavy_parts_for_first_use() -> None:
    """``import govmodel`` loads no value class, engine, renderer, dataset reader (cattrs,
    JSON), export, extractor, reference finder, dateutil or importlib.metadata (the version is
    static); the first access, load or display does."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = (
        "import sys, govmodel as gm\n"
        "lazy = ['govmodel.render', 'govmodel._serial.codec', 'cattrs', 'govmodel.export', "
        "'govmodel.extract', 'govmodel.serialize', 'govmodel._serial', 'json', 'attrs', "
        "'dateutil', 'importlib.metadata', 'govmodel.vn', 'govmodel.vn.refs', 'govmodel.model', "
        "'govmodel.decisions', 'govmodel.results', 'govmodel._engine', 'govmodel.snapshot', "
        "'govmodel.timeline', 'govmodel.cli', 'govmodel._cli', 'govmodel.plot', "
        "'govmodel.explore', 'govmodel.testing']\n"
        "print([m for m in lazy if m in sys.modules])\n"
        "gm.Source\n"
        "print('govmodel.model' in sys.modules, 'govmodel._engine' in sys.modules)\n"
        "tl = gm.load_dataset('lang-son-2021')\n"
        "print('govmodel._serial' in sys.modules, 'govmodel.render' in sys.modules)\n"
        "str(tl.history('lang-son/so-tttt'))\n"
        "print('govmodel.render' in sys.modules, callable(gm.render.text_tree))\n"
        "print([m for m in ('govmodel.extract', 'govmodel.vn.refs') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["[]", "True False", "True False", "True True", "[]"]


def test_the_first_displays_from_several_threads_all_render() -> None:
    """The renderer is provided once, under a lock: threads displaying at the same moment
    all get their table (none sees "no rendering registered" while it loads)."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = (
        "import threading, govmodel as gm\n"
        "tl = gm.load_dataset('lang-son-2021')\n"
        "h = tl.history('lang-son/so-tttt')\n"
        "gate, out = threading.Barrier(8), []\n"
        "def show():\n"
        "    gate.wait()\n"
        "    try:\n"
        "        out.append(str(h).splitlines()[0].split()[0])\n"
        "    except TypeError as e:\n"
        "        out.append(repr(e))\n"
        "ts = [threading.Thread(target=show) for _ in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(sorted(out))\n"
    )
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout.strip()
        assert out == str(["from"] * 8), out
