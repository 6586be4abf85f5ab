"""Serialisation: one ``cattrs`` converter for every public class, and dataset files.

A dataset file is JSON (UTF-8) holding the first states of organisations, decisions with
their sources, and dated observations, under a ``schema_version``. The format is documented
in ``docs/dataset-format.md``. In short:

* dates are ISO 8601 text (``"2021-10-13"``); an unknown date is ``null``;
* a document number is its text (``"2041/QĐ-UBND"``), a decision reference an object
  ``{"issuer", "number", "year"}``;
* enums are their values (``"department"``, ``"head"``);
* organisations and effects are tagged unions: an object with a ``"type"`` field naming the
  class (``"Agency"``, ``"Unit"``, ``"Committee"``; ``"Rename"``, ``"SetComposition"``…);
* fields equal to their defaults are left out when writing; unknown fields are refused when
  reading.

Loading never stops at the first fault. :func:`loads` reports **every** problem of a file
at once, each with its JSON path, as one :class:`~govmodel.errors.DatasetError`::

    $.decisions[3].effects[1].org_id: unknown organisation 'lang-son/so-ttt' on 2021-12-10

Structural faults (a missing field, a wrong type, an unknown effect type), faults of values
(an invalid id, dates that contradict each other) and faults of the timeline (an effect on an
organisation not alive on its date, a supersession of an unknown decision) are all reported
together.

A dataset may **extend** bundled datasets (``"extends": ["lang-son-2021"]``): it is read as
their organisations, decisions and observations plus its own. Only names of bundled datasets
are accepted there, never file paths, so loading a file never opens another file.

>>> from govmodel.model import Source
>>> conv = make_converter()
>>> conv.unstructure(Source("seeds/001.txt", quote="Ngày 13/10/2021…"))
{'document': 'seeds/001.txt', 'quote': 'Ngày 13/10/2021…'}
"""

from __future__ import annotations

from govmodel._serial import bundled as _bundled  # noqa: F401 - registers the reader of "extends"
from govmodel._serial.codec import make_converter
from govmodel._serial.constants import (
    MAX_BYTES,
    MAX_DEPTH,
    ORGANISATION_TYPES,
    SCHEMA_VERSION,
)
from govmodel._serial.dataset import Dataset
from govmodel._serial.load import load, loads
from govmodel._serial.safejson import dump, dumps

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "ORGANISATION_TYPES",
    "SCHEMA_VERSION",
    "Dataset",
    "dump",
    "dumps",
    "load",
    "loads",
    "make_converter",
]

# The parts, one concept per module (all private):
#   _serial.constants  the format's constants and small converters
#   _serial.dataset    the Dataset value, and how extended datasets combine
#   _serial.codec      the cattrs converter, errors located on their field
#   _serial.safejson   safe JSON in and out
#   _serial.paths      problems with JSON paths, the engine's errors mapped back to them
#   _serial.extends    reading "extends"
#   _serial.load       loads / load
#   _serial.bundled    the bundled datasets by name
