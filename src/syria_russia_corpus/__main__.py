"""``python -m syria_russia_corpus``: the same command line as ``syria-russia-corpus``."""

from ._cli import main

raise SystemExit(main())
