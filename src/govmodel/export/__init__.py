"""Exports of a timeline to other formats.

=====================================  ==========================================  ===========
module                                 format                                      needs
=====================================  ==========================================  ===========
:mod:`govmodel.export.rows`            flat rows (``list[dict]``) and CSV text     nothing
:mod:`govmodel.export.popolo`          Popolo JSON (organisations, posts,          nothing
                                       memberships)
:mod:`govmodel.export.org`             W3C ORG ontology as an rdflib graph or      ``[rdf]``
                                       Turtle text
:mod:`govmodel.export.frame`           pandas data frames                          ``[pandas]``
=====================================  ==========================================  ===========

The core of govmodel never needs rdflib or pandas: importing govmodel, this package,
:mod:`~govmodel.export.rows` or :mod:`~govmodel.export.popolo` imports neither.
:mod:`~govmodel.export.org` and :mod:`~govmodel.export.frame` import their library when
they are imported, and still import without it: their functions then raise
:class:`MissingExtraError`, naming the extra to install.

>>> from govmodel.export import MissingExtraError
>>> print(MissingExtraError("org-turtle", "rdflib", "rdf"))
the 'org-turtle' export needs rdflib: pip install 'govmodel[rdf]'
"""

from __future__ import annotations

from govmodel.errors import GovModelError

__all__ = ["DEFAULT_BASE", "MissingExtraError", "UnsupportedObjectError"]

#: The default namespace of the URIs minted for organisations, decisions, posts, persons…
#: (the ORG graph's resources, and the Popolo links that point at a successor).
DEFAULT_BASE = "https://govmodel.example/id/"


class MissingExtraError(GovModelError, ImportError):
    """An export needs an optional library that is not installed.

    Args:
        export: the export that needs it ("org-turtle", "dataframe").
        module: the missing module ("rdflib", "pandas").
        extra: the govmodel extra that installs it ("rdf", "pandas").

    Attributes:
        extra: the extra to install.
    """

    def __init__(self, export: str, module: str, extra: str) -> None:
        super().__init__(f"the {export!r} export needs {module}: pip install 'govmodel[{extra}]'")
        self.name = module  # ImportError.name: the module that could not be imported
        self.extra = extra


class UnsupportedObjectError(GovModelError, TypeError):
    """An export was given an object it cannot convert (e.g. a dict to ``to_dataframe``)."""
