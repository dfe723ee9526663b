"""How to cite the dataset: plain text or BibTeX, with both versions."""

from __future__ import annotations

from typing import Final, get_args

from ._version import DATA_RELEASED, DATA_VERSION, package_version
from .exceptions import InvalidQueryError
from .typing import CitationFormat

TITLE: Final = "syria_russia_corpus: Russia's stance on the Syrian conflict, 2012-2015"
AUTHORS: Final = "The syria_russia_corpus developers"
# The package is not on a package index yet: say how it is had rather than link to nothing.
HOW_PUBLISHED: Final = "Python package syria-russia-corpus, installed from a source checkout or wheel"
FORMATS: Final = get_args(CitationFormat)


def cite(format: CitationFormat = "text") -> str:
    """Return a citation of the dataset, naming the package and the data version.

    The year is the year the data version was released.

    Args:
        format: ``"text"`` for a reference-list entry, ``"bibtex"`` for a
            BibTeX ``@misc`` entry.

    Raises:
        InvalidQueryError: *format* is neither ``"text"`` nor ``"bibtex"``.

    Example:
        >>> import syria_russia_corpus as src
        >>> src.DATA_VERSION in src.cite()
        True
    """
    from ._bundled import coverage
    from ._coverage import describe

    year = DATA_RELEASED.year
    version = package_version()
    # A reader of the citation learns which months the statements cover, not just "2012-2015".
    period = f"statements dated {describe(coverage())}"
    if format == "text":
        return (
            f"{AUTHORS} ({year}). {TITLE} (data version {DATA_VERSION}, "
            f"package version {version}; {period}) [Data set]. {HOW_PUBLISHED}."
        )
    if format == "bibtex":
        return (
            f"@misc{{syria_russia_corpus_{DATA_VERSION.replace('.', '_')},\n"
            f"  author       = {{{{{AUTHORS}}}}},\n"
            f"  title        = {{{{{TITLE}}}}},\n"
            f"  year         = {{{year}}},\n"
            f"  version      = {{{DATA_VERSION}}},\n"
            f"  howpublished = {{{HOW_PUBLISHED}, package version {version}}},\n"
            f"  note         = {{Data version {DATA_VERSION}; {period}; data licensed CC BY 4.0}}\n"
            "}"
        )
    raise InvalidQueryError(f"format {format!r} is not one of {', '.join(map(repr, FORMATS))}")
