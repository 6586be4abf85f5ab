"""A drawn picture: SVG text or PNG bytes that Jupyter displays inline and ``save`` writes."""

from __future__ import annotations

import enum
import os
from pathlib import Path

import attrs

from govmodel.errors import InvalidValueError

__all__ = ["Picture", "PictureFormat", "picture_format"]


class PictureFormat(str, enum.Enum):
    """The formats a picture can be drawn in."""

    SVG = "svg"
    PNG = "png"

    @property
    def media_type(self) -> str:
        """The MIME type (``image/svg+xml``, ``image/png``)."""
        return "image/svg+xml" if self is PictureFormat.SVG else "image/png"


def picture_format(value: object) -> PictureFormat:
    """*value* as a :class:`PictureFormat`.

    Raises:
        InvalidValueError: it is neither ``"svg"`` nor ``"png"``.
    """
    try:
        return PictureFormat(value)
    except ValueError:
        raise InvalidValueError(
            f"picture format must be 'svg' or 'png', not {value!r}"
        ) from None


def _bytes(value: object) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    raise InvalidValueError(f"picture data must be bytes or text, not {type(value).__name__}")


@attrs.frozen(slots=True, repr=False)
class Picture:
    """One drawn picture: an organisation chart, a lineage graph or a names chart.

    In Jupyter it displays inline (``_repr_svg_`` / ``_repr_png_``); :meth:`save` writes it.

    >>> pic = Picture("svg", '<svg xmlns="http://www.w3.org/2000/svg"/>', title="empty")
    >>> pic
    <Picture svg 'empty' (41 bytes)>
    >>> pic.svg
    '<svg xmlns="http://www.w3.org/2000/svg"/>'
    >>> pic._repr_png_() is None
    True

    Attributes:
        format: :class:`PictureFormat` (``"svg"`` or ``"png"`` are converted).
        data: the file's bytes (SVG as UTF-8; text is encoded).
        title: what it shows, for humans ("Lạng Sơn on 2021-12-10").

    Added in 0.2.
    """

    format: PictureFormat = attrs.field(converter=picture_format)
    data: bytes = attrs.field(converter=_bytes)
    title: str = ""

    @property
    def svg(self) -> str:
        """The SVG text.

        Raises:
            InvalidValueError: the picture is a PNG.
        """
        if self.format is not PictureFormat.SVG:
            raise InvalidValueError(f"this picture is a {self.format.value}, not an SVG")
        return self.data.decode("utf-8")

    @property
    def png(self) -> bytes:
        """The PNG bytes.

        Raises:
            InvalidValueError: the picture is an SVG.
        """
        if self.format is not PictureFormat.PNG:
            raise InvalidValueError(f"this picture is a {self.format.value}, not a PNG")
        return self.data

    @property
    def media_type(self) -> str:
        """The picture's MIME type."""
        return self.format.media_type

    def _repr_svg_(self) -> str | None:
        return self.svg if self.format is PictureFormat.SVG else None

    def _repr_png_(self) -> bytes | None:
        return self.data if self.format is PictureFormat.PNG else None

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the picture to *path* (its bytes, unchanged) and return the path.

        Raises:
            InvalidValueError: *path* ends in ``.svg`` or ``.png`` and the picture is the
                other format.
            OSError: the file cannot be written.
        """
        target = Path(path)
        suffix = target.suffix.lower().lstrip(".")
        if suffix in {f.value for f in PictureFormat} and suffix != self.format.value:
            raise InvalidValueError(
                f"cannot save a {self.format.value} picture as {target.name!r}: "
                f"draw it with format={suffix!r}, or name the file .{self.format.value}"
            )
        target.write_bytes(self.data)
        return target

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return f"<Picture {self.format.value}{title} ({len(self.data):,} bytes)>"
