"""``python -m govmodel``: the same as the ``govmodel`` command."""

from govmodel.cli import main

raise SystemExit(main())
