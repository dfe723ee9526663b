"""The two versions: the package's, from its installed metadata, and the curated data's."""

from __future__ import annotations

import datetime
from typing import Final

#: The version of the curated data, apart from the package's own version.
DATA_VERSION: Final[str] = "1.1.0"

#: When this data version was released; the year of a citation.
DATA_RELEASED: Final = datetime.date(2026, 12, 5)


def package_version() -> str:
    """The installed package's version, or ``"0+unknown"`` when no metadata is installed.

    Imported from a zip or a bare checkout on ``sys.path``, the package has no
    distribution metadata; a version string that says so beats an error.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("syria-russia-corpus")
    except PackageNotFoundError:
        return "0+unknown"
