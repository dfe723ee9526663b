"""cite(): the dataset's citation."""

from __future__ import annotations

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
