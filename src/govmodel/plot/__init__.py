"""Pictures of a timeline: organisation charts, lineage graphs and names-over-time charts.

==========================  ==========================================  ====================
function                    draws                                       needs
==========================  ==========================================  ====================
:func:`org_chart`           the organisation tree on a date (SVG, PNG)  Graphviz's ``dot``
:func:`lineage_graph`       merges, absorptions, splits, transfers,     ``dot`` to draw,
                            renames: a :class:`LineageGraph`            networkx for
                                                                        ``to_networkx()``
:func:`names_chart`         each body's names over time (a Gantt),      matplotlib
                            PNG or SVG
==========================  ==========================================  ====================

``pip install 'govmodel[plot]'`` installs matplotlib and networkx; Graphviz is a program
(Debian: ``apt-get install graphviz``), run as ``dot -Tsvg``. ``import govmodel.plot``
needs none of them: a function that needs one raises
:class:`~govmodel.export.MissingExtraError` (a missing library) or
:class:`~govmodel.errors.MissingProgramError` (a missing ``dot``) — both are
:class:`~govmodel.errors.GovModelError` and :class:`ImportError` — naming what to install.

Every picture is a :class:`Picture` that displays inline in Jupyter and has ``save(path)``.
Names are data, never markup: an organisation called ``</script><script>alert(1)</script>``
is that text in the SVG, escaped.

>>> import govmodel as gm
>>> from govmodel.plot import lineage_graph
>>> g = lineage_graph(gm.load_dataset("bac-kan-history"), "bac-kan/so-tttt")
>>> g
<LineageGraph 'lineage of bac-kan/so-tttt': 5 bodies, 5 edges>

Added in 0.2.
"""

from __future__ import annotations

from govmodel.plot._graphviz import GraphvizError
from govmodel.plot.lineage import LineageGraph, LineageNode, lineage_graph
from govmodel.plot.names import names_chart
from govmodel.plot.orgchart import org_chart, org_chart_dot
from govmodel.plot.picture import Picture, PictureFormat
from govmodel.plot.spans import NameSpan, name_spans

__all__ = [
    "GraphvizError",
    "LineageGraph",
    "LineageNode",
    "NameSpan",
    "Picture",
    "PictureFormat",
    "lineage_graph",
    "name_spans",
    "names_chart",
    "org_chart",
    "org_chart_dot",
]
