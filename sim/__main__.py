"""`python -m sim` is the same as the `lokisim` console script."""

import sys

from sim.cli import main

sys.exit(main())
