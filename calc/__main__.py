"""python -m calc: see calc.cli."""

import sys

from .cli import main

sys.exit(main())
