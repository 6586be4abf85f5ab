"""Verify the bundled datasets and list their digests in ``govmodel/datasets/verified.sha256``.

Each bundled file is loaded with every check (``govmodel.serialize.loads``, its extended
datasets with every check too); only when every file loads is the manifest written, listing
each file's SHA-256 digest in the format of ``sha256sum``. ``load_dataset`` reads a file
whose bytes have the listed digest without repeating the checks that only read what they
check (see ``govmodel._serial.bundled``); any other bytes get every check.

Usage::

    python tools/verify_bundled.py          # verify every bundled file, write the manifest
    python tools/verify_bundled.py --check  # verify, and fail unless the manifest lists
                                            # exactly these files with these digests

Run it after changing a bundled file (``tools/build_national.py`` writes two of them) or
the engine's rules; ``tests/test_verified.py`` runs the check on every test run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govmodel._serial import bundled as _bundled
from govmodel.errors import GovModelError

FOLDER = Path(_bundled._DIR)


def verify() -> dict[str, str]:
    """Every bundled file name with its digest, each file loaded with every check.

    Raises:
        GovModelError: the first file that does not load (its problems listed).
    """
    _bundled.bundled.cache_clear()  # extended datasets are read again, with every check
    try:
        out: dict[str, str] = {}
        with _bundled.every_check():
            for name, file in sorted(_bundled._files().items()):
                _bundled.bundled(name)
                out[file] = _bundled.digest(_bundled._raw(file))
        return out
    finally:
        _bundled.bundled.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="fail unless the manifest lists exactly the verified digests")
    args = parser.parse_args(argv)
    try:
        digests = verify()
    except GovModelError as exc:
        print(f"a bundled file does not load with every check:\n{exc}", file=sys.stderr)
        return 1
    text = _bundled.manifest_text(digests)
    path = FOLDER / _bundled.MANIFEST
    if args.check:
        have = path.read_text(encoding="utf-8") if path.exists() else ""
        if have != text:
            print(f"{path} does not list the bundled files as they are; run "
                  "python tools/verify_bundled.py", file=sys.stderr)
            return 1
        print(f"{len(digests)} bundled files verified; {path.name} lists them as they are")
        return 0
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"{len(digests)} bundled files verified; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
