"""Graphviz (private): DOT text that keeps hostile data as data, and ``dot`` as a subprocess.

Every piece of user text (a name, a decision's title) reaches DOT through :func:`label_text`
(inside an HTML-like label ``<…>``) or :func:`quoted` (a quoted attribute such as a tooltip).
Both escape ``& < > " '`` (and ``[ ]``) as XML entities, which Graphviz decodes before drawing
and then escapes again in its SVG, so ``</script>`` comes out as ``&lt;/script&gt;`` text. Graphviz
also reads backslash sequences (``\\N`` is the node's name, ``\\n`` a new line) after it has
decoded entities, so no escaping can carry a backslash through: each one travels as a
private-use character absent from the whole source and is put back in the output (see
:func:`run_dot`). Characters XML cannot hold (controls, U+FFFE…) become U+FFFD.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess

from govmodel.errors import GovModelError, MissingProgramError

__all__ = ["GraphvizError", "dot_program", "label_lines", "label_text", "quoted", "run_dot"]

#: What installs ``dot``, for the error a missing program raises.
INSTALL = "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"

_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Candidates for the stand-in of a backslash in SVG: private-use characters.
_STAND_INS = range(0xE000, 0xF900)
#: A backslash in a PNG: the look-alike "reverse solidus operator" (PNG text cannot be
#: mapped back).
_PNG_BACKSLASH = "\u29f5"


class GraphvizError(GovModelError, RuntimeError):
    """Graphviz's ``dot`` ran but failed to draw the graph; the message holds what it said."""


def clean(text: str) -> str:
    """*text* with every character XML cannot hold replaced by U+FFFD.

    >>> clean("a\\x00b")
    'a\\ufffdb'
    """
    return _NOT_XML.sub("\ufffd", text)


def label_text(text: str) -> str:
    """*text* for an HTML-like label or a quoted attribute: XML entities for ``& < > " '``,
    and for ``[ ]`` (Graphviz's label parser rejects a text that is only ``]``).

    >>> label_text('<b> & "x" [1]')
    '&lt;b&gt; &amp; &quot;x&quot; &#91;1&#93;'
    """
    return html.escape(clean(text), quote=True).translate(_BRACKETS)


def quoted(text: str) -> str:
    """*text* as a quoted DOT string (a tooltip, a plain label): ``"…"`` with entities, so
    no ``"`` can end it early.

    >>> quoted('say "hi"')
    '"say &quot;hi&quot;"'
    """
    return '"' + label_text(" ".join(text.split("\n"))) + '"'


def _greedy(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def label_lines(text: str, width: int = 32) -> list[str]:
    """*text* split between words into as few lines of at most *width* characters as it
    can be (a longer word keeps its own line), the lines about equally long; whitespace
    runs become one space.

    >>> label_lines("Sở Giáo dục và Đào tạo tỉnh Lạng Sơn", 32)
    ['Sở Giáo dục và Đào', 'tạo tỉnh Lạng Sơn']
    """
    words = text.split()
    if not words:
        return [""]
    fewest = len(_greedy(words, width))
    for w in range(-(-len(" ".join(words)) // fewest), width):
        lines = _greedy(words, w)
        if len(lines) <= fewest:
            return lines
    return _greedy(words, width)


def dot_program() -> str:
    """The path of Graphviz's ``dot``.

    Raises:
        MissingProgramError: ``dot`` is not on the ``PATH``.
    """
    found = shutil.which("dot")
    if found is None:
        raise MissingProgramError("dot", "drawing an SVG or PNG chart", INSTALL)
    return found


def run_dot(source: str, fmt: str = "svg", *, timeout: float | None = None) -> bytes:
    """The picture *source* (DOT text) draws, in *fmt* (``svg`` or ``png``), from ``dot``.

    Backslashes in *source* travel as a private-use character, so Graphviz's backslash
    sequences never act on data; the SVG gets them back (a PNG shows the look-alike ⧵).
    DOT written here uses no backslash of its own.

    Raises:
        MissingProgramError: ``dot`` is not installed.
        GraphvizError: ``dot`` failed (exit code not 0) or ran past *timeout* seconds.
    """
    if fmt == "svg":
        stand_in = next(chr(c) for c in _STAND_INS if chr(c) not in source)
    else:
        stand_in = _PNG_BACKSLASH
    program = dot_program()
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"],
            input=source.replace("\\", stand_in).encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizError(f"dot took longer than {timeout} s to draw the graph") from None
    if done.returncode != 0:
        said = " ".join(done.stderr.decode("utf-8", "replace").split())
        raise GraphvizError(f"dot failed with exit code {done.returncode}: {said}")
    if fmt == "svg":
        return done.stdout.replace(stand_in.encode("utf-8"), b"\\")
    return done.stdout
