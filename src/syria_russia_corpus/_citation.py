"""How to cite the dataset: plain text or BibTeX, with both versions."""

from __future__ import annotations

from typing import Final

from .exceptions import InvalidQueryError

TITLE: Final = "syria_russia_corpus: Russia's stance on the Syrian conflict, 2012-2015"
AUTHORS: Final = "The syria_russia_corpus developers"
YEAR: Final = 2026
URL: Final = "https://pypi.org/project/syria-russia-corpus/"
FORMATS: Final = ("text", "bibtex")


def cite(format: str = "text") -> str:
    """Return a citation of the dataset, naming the package and the data version.

    Args:
        format: ``"text"`` for a reference-list entry, ``"bibtex"`` for a
            BibTeX ``@misc`` entry.

    Raises:
        InvalidQueryError: *format* is neither ``"text"`` nor ``"bibtex"``.

    Example:
        >>> import syria_russia_corpus as src
        >>> "DATA_VERSION" not in src.cite() and src.DATA_VERSION in src.cite()
        True
    """
    from . import DATA_VERSION, __version__

    if format == "text":
        return (
            f"{AUTHORS} ({YEAR}). {TITLE} (data version {DATA_VERSION}, "
            f"package version {__version__}) [Data set]. {URL}"
        )
    if format == "bibtex":
        return (
            f"@misc{{syria_russia_corpus_{DATA_VERSION.replace('.', '_')},\n"
            f"  author       = {{{{{AUTHORS}}}}},\n"
            f"  title        = {{{{{TITLE}}}}},\n"
            f"  year         = {{{YEAR}}},\n"
            f"  version      = {{{DATA_VERSION}}},\n"
            f"  howpublished = {{Python package syria-russia-corpus {__version__}}},\n"
            f"  note         = {{Data version {DATA_VERSION}; data licensed CC BY 4.0}},\n"
            f"  url          = {{{URL}}}\n"
            "}"
        )
    raise InvalidQueryError(f"format {format!r} is not one of {', '.join(map(repr, FORMATS))}")
