"""The package's public names load on first use and still resolve, are listed and typed.

``import govmodel`` binds only the errors, the dataset names and the version; every other
public name is imported by the module ``__getattr__`` (PEP 562) when first asked for. These
tests run in fresh interpreters, so that a name is resolved the way a user's first access
resolves it, not found already imported by another test.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import govmodel

FACADE = Path(__file__).resolve().parents[1] / "src" / "govmodel" / "__init__.py"


def _run(code: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return proc.stdout.splitlines()


def test_every_public_name_resolves_in_a_fresh_interpreter() -> None:
    """Each name of ``govmodel.__all__`` imports with ``from govmodel import X`` (each one
    first, in its own interpreter for a few, all in one for the rest), is the very object its
    home module defines, and ``dir(govmodel)`` lists it; so does ``from govmodel import *``."""
    code = (
        "import govmodel as gm\n"
        "missing = sorted(set(gm.__all__) - set(dir(gm)))\n"
        "bad = []\n"
        "for name in gm.__all__:\n"
        "    ns = {}\n"
        "    exec(f'from govmodel import {name} as value', ns)\n"
        "    home = gm._HOMES.get(name)\n"
        "    if home is not None:\n"
        "        exec(f'import govmodel.{home} as module', ns)\n"
        "        want = ns['module'] if home == name else getattr(ns['module'], name)\n"
        "        if ns['value'] is not want:\n"
        "            bad.append(name)\n"
        "star = {}\n"
        "exec('from govmodel import *', star)\n"
        "print(missing, bad, sorted(set(gm.__all__) - set(star)))\n"
    )
    assert _run(code) == ["[] [] []"]
    # A few names asked for first, each in a fresh interpreter (the first access imports).
    for name in ("Timeline", "Decision", "DocumentNumber", "vn", "render", "extract",
                 "validate", "Snapshot"):
        out = _run(f"from govmodel import {name}\nprint({name}.__name__.rsplit('.')[-1])")
        assert out == [name], name


def test_the_facade_type_checking_imports_match_what_runs() -> None:
    """mypy reads the ``if TYPE_CHECKING:`` imports of ``govmodel/__init__.py``; they name
    exactly the lazy names of ``_HOMES``, from the same modules, and with the names bound at
    import they make up ``__all__``: what a type checker sees is what ``__getattr__`` gives."""
    tree = ast.parse(FACADE.read_text("utf-8"))
    typed: dict[str, str] = {}
    eager: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module, ast.unparse(imp)
                for alias in imp.names:
                    home = alias.name if imp.module == "govmodel" else imp.module.split(".", 1)[1]
                    typed[alias.asname or alias.name] = home
        elif isinstance(node, ast.ImportFrom):
            eager.update(a.asname or a.name for a in node.names)
    assert typed == govmodel._HOMES
    assert set(govmodel.__all__) == (set(typed) | eager) - {"TYPE_CHECKING", "_display"}
    assert not set(typed) & eager


def test_an_unknown_name_is_an_attribute_error() -> None:
    out = _run(
        "import govmodel as gm, govmodel.vn as vn\n"
        "print(hasattr(gm, 'Nope'), hasattr(vn, 'Nope'))\n"
        "try:\n"
        "    from govmodel import Nope\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__)\n"
    )
    assert out == ["False False", "ImportError"]


def test_vn_loads_its_reference_finder_on_first_use() -> None:
    out = _run(
        "import sys\n"
        "from govmodel import vn\n"
        "print('govmodel.vn.refs' in sys.modules, set(vn.__all__) <= set(dir(vn)))\n"
        "from govmodel.vn import find_references, DocumentReference\n"
        "import govmodel.vn.refs as refs\n"
        "print(find_references is refs.find_references, DocumentReference.__name__)\n"
    )
    assert out == ["False True", "True DocumentReference"]


def test_the_cli_imports_only_what_the_command_needs() -> None:
    """``govmodel --help`` loads no engine; ``govmodel show`` no export, extractor, picture,
    explorer, the other commands' modules, place names, HTML entities, gzip, nor pathlib
    and shutil (argparse's formatter imports shutil for every argument added: 3 ms)."""
    code = (
        "import contextlib, io, sys\n"
        "from govmodel.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "print([m for m in ('attrs', 'govmodel.model', 'govmodel._engine', 'govmodel.render', "
        "'govmodel.serialize', 'govmodel._cli.commands') if m in sys.modules])\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        "    code = main(['show'], out=out)\n"
        "print(code, out.getvalue().startswith('As of'))\n"
        "print([m for m in ('govmodel.export', 'govmodel.extract', 'govmodel.plot', "
        "'govmodel.explore', 'govmodel._cli.more', 'govmodel._cli.shapes', 'govmodel._cli.site', "
        "'govmodel.vn.refs', 'dateutil', 'govmodel._engine.places', 'govmodel.vn.places', "
        "'html', 'gzip', 'pathlib', 'shutil') if m in sys.modules])\n"
    )
    assert _run(code) == ["[]", "0 True", "[]"]
