import sys

from benchlearn.cli import main

sys.exit(main())
