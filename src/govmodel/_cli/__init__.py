"""The parts of the ``govmodel`` command (private; :mod:`govmodel.cli` is the entry point).

``context`` holds what every command needs (the dataset, the output format and width);
``values`` turns results into JSON-ready dictionaries and wrapped text; ``commands`` and
``more`` are the commands themselves.
"""
