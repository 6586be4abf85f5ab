"""Sphinx configuration of the govmodel documentation (Markdown pages read by MyST).

Build, with warnings as errors (as the tests do)::

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import enum
import importlib
import importlib.util
import inspect
import pkgutil
import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _package_version
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from docutils.nodes import Element, TextElement
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# -- Project ----------------------------------------------------------------------------------

project = "govmodel"
author = "govmodel developers"
copyright = "govmodel developers"
try:
    release = _package_version("govmodel")
except PackageNotFoundError:  # pragma: no cover - docs built without installing the package
    release = "0+unknown"
version = ".".join(release.split(".")[:2])  # the short X.Y
language = "en"

# -- General ----------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
# No sphinx.ext.intersphinx: the build must not need the network.

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Every cross-reference must resolve, except those to the standard library and to third-party
# packages: without intersphinx (the build must not need the network) they have no target.
_STDLIB = "|".join(sorted(m for m in sys.stdlib_module_names if not m.startswith("_")))
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", rf"({_STDLIB})\..+"),
    (r"py:mod", rf"({_STDLIB})"),
    (r"py:.*", r"(attrs|cattrs|pandas|rdflib|hypothesis|networkx|matplotlib)(\..+)?"),
]

# -- MyST -------------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
# Anchors for "#source", "#decisionref"… links between and inside pages.
myst_heading_anchors = 3

# -- autodoc / napoleon -----------------------------------------------------------------------

autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- HTML -------------------------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"govmodel {release}"
html_theme_options = {
    "description": "Vietnamese public-administration structures over time",
    "fixed_sidebar": True,
}

# -- Optional modules of the API reference ----------------------------------------------------
# api.md documents every public module. The modules below are documented only once they exist
# (each is being written in its own change); a package's public submodules are documented
# with it. A module that exists but fails to import is still listed, so autodoc reports the
# failure and the -W build fails: nothing is skipped silently.

OPTIONAL_API = {
    "govmodel.export": "Exports",
    "govmodel.explore": "The explorer page",
    "govmodel.plot": "Pictures",
    "govmodel.testing": "Strategies for your tests",
}
_OPTIONAL_MARKER = "<!-- optional-api-sections -->"


def _automodule(module: str) -> str:
    return f"```{{eval-rst}}\n.. automodule:: {module}\n```\n"


def _optional_sections() -> str:
    parts = []
    for module, title in OPTIONAL_API.items():
        spec = importlib.util.find_spec(module)
        if spec is None:
            continue
        parts.append(f"## {title} (`{module}`)\n\n{_automodule(module)}")
        for sub in sorted(pkgutil.iter_modules(spec.submodule_search_locations or [])):
            if not sub.name.startswith("_"):
                parts.append(f"### `{module}.{sub.name}`\n\n{_automodule(f'{module}.{sub.name}')}")
    return "\n".join(parts)


def _fill_api_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname == "api":
        source[0] = source[0].replace(_OPTIONAL_MARKER, _optional_sections())


# -- Public names in cross-references ---------------------------------------------------------
# The reference documents each object once, in the module that defines it. Docstrings also
# name objects the way users import them (``govmodel.load_dataset``, ``govmodel.Timeline.as_of``)
# or by a name imported into their module (``Seat.chain`` inside govmodel.snapshot, ``dt.date``
# for ``datetime.date``). Such a reference is resolved as Python would find the object, then
# linked to where the object is documented; one to the standard library becomes plain text,
# as above. A name that does not resolve that way stays a warning.

# ``Org`` (Agency | Unit | Committee) is a private alias in several modules; annotations that
# autodoc shows unevaluated (``type[Org]``) link it to the base class.
_TYPE_ALIASES = {"Org": "govmodel.model.Organisation"}


def _context_modules(module: str | None, cls: str | None) -> list[str]:
    """The module a reference is written in, and the module that defines its class."""
    out = [module] if module else []
    if module and cls:
        found = _defining_name(f"{module}.{cls}", None)
        if found:
            out.append(found.rsplit(".", 1)[0])
    return out


def _defining_name(target: str, context: list[str] | None) -> str | None:
    """The dotted name, in its defining module, of the object that *target* names."""
    candidates = [target.split(".")]
    if not target.startswith("govmodel."):
        candidates += [[*m.split("."), *target.split(".")] for m in context or ()]
    for names in candidates:
        if names[0] != "govmodel":
            continue
        for i in range(len(names) - 1, 0, -1):
            try:
                obj: Any = importlib.import_module(".".join(names[:i]))
            except ImportError:
                continue
            rest = names[i:]
            while inspect.ismodule(obj) and rest:  # follow ``dt`` in ``dt.date``
                obj, head = getattr(obj, rest[0], None), rest.pop(0)
                if inspect.ismodule(obj) or obj is None:
                    continue
                home = getattr(obj, "__module__", None)
                qualname = getattr(obj, "__qualname__", None)
                if home and qualname and qualname.rsplit(".", 1)[-1] == head:
                    return ".".join([home, qualname, *rest])
            break
    return None


def _resolve_public_name(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: TextElement
) -> Element | None:
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    context = _context_modules(node.get("py:module"), node.get("py:class"))
    new = _TYPE_ALIASES.get(target) or _defining_name(target, context)
    if new is None or new == target:
        return None
    if new.split(".", 1)[0] in sys.stdlib_module_names:
        return contnode
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], new, node, contnode
    )


# -- Constructors that are not for users ------------------------------------------------------
# Timeline and Snapshot are built by Timeline.from_decisions and Timeline.as_of; their
# constructors take private index objects, so their signatures are not shown.

_PRIVATE_CONSTRUCTORS = {"govmodel.timeline.Timeline", "govmodel.snapshot.Snapshot"}


# -- attrs classes and enums ------------------------------------------------------------------
# The __init__ that attrs generates types each converted field as ``object`` and shows
# defaults computed at run time (factories, ``@x.default`` methods) as ``NOTHING``. The
# signature shown is the call a user writes: field names and plain defaults (``...`` for a
# computed one); each field's type and meaning are in the class's Attributes section.


def _default_text(value: object) -> str:
    if value is attrs.NOTHING:
        return "..."
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    return repr(value)


def _attrs_signature(cls: type) -> str:
    params = [
        p.replace(
            annotation=inspect.Parameter.empty,
            default=p.default if p.default is p.empty else _Shown(_default_text(p.default)),
        )
        for p in inspect.signature(cls).parameters.values()
    ]
    return str(inspect.Signature(params))


class _Shown:
    """A default value that a signature prints as the given text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _signature(  # noqa: PLR0917 - the arguments of Sphinx's event
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    if what == "class" and name in _PRIVATE_CONSTRUCTORS:
        return "", return_annotation
    if what in ("class", "exception") and isinstance(obj, type) and attrs.has(obj):
        return _attrs_signature(obj), return_annotation
    return None


def _keep_enum_members(  # noqa: PLR0917 - the arguments of Sphinx's event
    app: Sphinx, what: str, name: str, obj: object, skip: bool, options: object
) -> bool | None:
    """Document the members of an enum (its values are the API) even without a comment."""
    if isinstance(obj, enum.Enum) and what == "class":
        return False
    return None


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("source-read", _fill_api_page)
    app.connect("missing-reference", _resolve_public_name)
    app.connect("autodoc-process-signature", _signature)
    app.connect("autodoc-skip-member", _keep_enum_members)
    return {"parallel_read_safe": True}
