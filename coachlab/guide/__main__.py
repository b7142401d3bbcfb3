"""``python -m coachlab.guide``: write the facilitator guide as a printable HTML handout."""

import sys

from coachlab.guide import main

sys.exit(main())
