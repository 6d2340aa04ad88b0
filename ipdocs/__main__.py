"""`python -m ipdocs`: the command line (see ipdocs/cli/main.py)."""
import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())
