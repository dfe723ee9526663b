"""cite(): the dataset's citation."""

from __future__ import annotations

import datetime

import pytest

import syria_russia_corpus as src
from syria_russia_corpus.exceptions import InvalidQueryError


def test_text_names_both_versions():
    """The text citation names the data version and the package version."""
    text = src.cite()
    assert f"data version {src.DATA_VERSION}" in text
    assert f"package version {src.__version__}" in text


def test_bibtex_is_a_misc_entry():
    """The BibTeX citation is one balanced @misc entry carrying the data version."""
    entry = src.cite(format="bibtex")
    assert entry.startswith("@misc{syria_russia_corpus_")
    assert entry.count("{") == entry.count("}")
    assert f"version      = {{{src.DATA_VERSION}}}" in entry


def test_unknown_format():
    """An unknown format is refused with the formats listed."""
    with pytest.raises(InvalidQueryError, match="'text', 'bibtex'"):
        src.cite(format="apa")


def test_year_is_the_data_release_year(monkeypatch: pytest.MonkeyPatch):
    """The citation's year is the year the data version was released, not the current year."""
    from syria_russia_corpus import _citation

    monkeypatch.setattr(_citation, "DATA_RELEASED", datetime.date(1999, 12, 31))
    assert "(1999)" in src.cite()
    assert "year         = {1999}" in src.cite(format="bibtex")


def test_citation_file_matches_the_data_version():
    """CITATION.cff carries the data version and its release date, and links to no package index."""
    from pathlib import Path

    from syria_russia_corpus._version import DATA_RELEASED

    cff = (Path(__file__).parents[1] / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{src.DATA_VERSION}"' in cff
    assert f'date-released: "{DATA_RELEASED.isoformat()}"' in cff
    assert "pypi.org" not in cff
    assert "pypi.org" not in src.cite(format="bibtex")


def test_version_without_metadata(monkeypatch: pytest.MonkeyPatch):
    """Imported without installed metadata (from a zip), the version says so instead of raising."""
    import importlib.metadata

    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert src.__version__ == "0+unknown"
    assert "package version 0+unknown" in src.cite()
