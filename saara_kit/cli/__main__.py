"""``python -m saara_kit.cli``: the ``saara-kit`` command."""

import sys

from saara_kit.cli import main

sys.exit(main())
