"""The parts of :mod:`govmodel.serialize` (private), one concept per module."""
