"""locate(): a coder's words found in a document, as evidence with offsets and an anchor."""

from __future__ import annotations

from pathlib import Path

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Evidence, locate
from syria_russia_corpus._anchors import anchor_of
from syria_russia_corpus._documents import read_documents
from syria_russia_corpus._normalize import normalize
from syria_russia_corpus.exceptions import (
    AmbiguousWordsError,
    ArgumentTypeError,
    CorpusError,
    DocumentError,
    InvalidQueryError,
    WordsNotFoundError,
)

TEXT = (
    "Moscow, 1 June.\n\nRussia\u2019s envoy said the council was \u201cnot\u00a0ready\u201d\n"
    "for a vote \u2013 and that the crisis was deepening. Later the council met again.\n"
)


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def test_words_found_once(document: Path):
    """Words that occur once give evidence at their offsets, with the anchor of that span."""
    evidence = locate(document, "the crisis was deepening", source_id="article")
    start = TEXT.index("the crisis")
    assert evidence == Evidence(
        source_id="article",
        start=start,
        end=start + len("the crisis was deepening"),
        anchor=anchor_of(normalize(TEXT), start, start + len("the crisis was deepening")),
    )


def test_words_typed_otherwise_are_found(document: Path):
    """Straight quotes, a hyphen for a dash and other spacing still find the document's words."""
    evidence = locate(
        document, 'Russia\'s envoy said the council was "not ready" for a vote - and', source_id="article"
    )
    assert TEXT[evidence.start : evidence.end] == (
        "Russia\u2019s envoy said the council was \u201cnot\u00a0ready\u201d\nfor a vote \u2013 and"
    )


def test_path_may_be_a_string(document: Path):
    """The document is named by its path, as a str or a Path."""
    assert locate(str(document), "council met", source_id="article") == locate(
        document, "council met", source_id="article"
    )


def test_words_found_twice_list_every_occurrence(document: Path):
    """Words that occur twice raise an error listing both, each with the words around it."""
    with pytest.raises(AmbiguousWordsError) as info:
        locate(document, "the council", source_id="article")
    error = info.value
    assert isinstance(error, LookupError)
    assert isinstance(error, CorpusError)
    first, second = TEXT.index("the council"), TEXT.rindex("the council")
    assert error.occurrences == ((first, first + 11), (second, second + 11))
    assert "occurs 2 times" in str(error)
    assert f"(1) at {first}:{first + 11}: …" in str(error)
    assert "[the council] was “not ready” for a vote" in error.contexts[0]
    assert "deepening. Later [the council] met again.…" in error.contexts[1]
    assert "occurrence=N" in str(error)


def test_occurrence_chooses_among_several(document: Path):
    """occurrence=2 takes the second of several occurrences; one past the last is refused."""
    evidence = locate(document, "the council", source_id="article", occurrence=2)
    assert evidence.start == TEXT.rindex("the council")
    with pytest.raises(InvalidQueryError, match="occur 2 times"):
        locate(document, "the council", source_id="article", occurrence=3)
    with pytest.raises(ArgumentTypeError, match="whole number from 1"):
        locate(document, "the council", source_id="article", occurrence=0)


def test_words_not_found_name_the_closest_passage(document: Path):
    """Words not in the document raise an error giving the passage that comes closest."""
    with pytest.raises(WordsNotFoundError) as info:
        locate(document, "the crisis was deeping", source_id="article")
    error = info.value
    assert isinstance(error, LookupError)
    assert isinstance(error, CorpusError)
    assert error.closest == "the crisis was deepening."
    assert TEXT[error.closest_start : error.closest_end] == "the crisis was deepening."
    assert "the closest passage is at" in str(error)


def test_words_with_nothing_in_common(document: Path):
    """Words that share no character with the document are not found, and no passage is named."""
    with pytest.raises(WordsNotFoundError, match="is not in") as info:
        locate(document, "\u0416\u0416\u0416", source_id="article")
    assert info.value.closest == ""


@pytest.mark.parametrize(
    ("words", "source_id", "error"),
    [
        ("  \n ", "article", InvalidQueryError),
        (42, "article", ArgumentTypeError),
        ("Moscow", 7, ArgumentTypeError),
    ],
)
def test_bad_arguments(document: Path, words: object, source_id: object, error: type[Exception]):
    """Words without words, or arguments of the wrong type, raise the package's errors."""
    with pytest.raises(error):
        locate(document, words, source_id=source_id)  # type: ignore[arg-type]


def test_document_must_be_a_path():
    """A document given as anything but a str or a Path is refused with ArgumentTypeError."""
    with pytest.raises(ArgumentTypeError, match="document must be a str or a path"):
        locate(42, "words", source_id="article")  # type: ignore[arg-type]


def test_unreadable_document(tmp_path: Path):
    """A path that is not a UTF-8 text file raises DocumentError naming it and why."""
    with pytest.raises(DocumentError, match="no such file"):
        locate(tmp_path / "nope.txt", "words", source_id="article")
    with pytest.raises(DocumentError, match="a directory, not a regular file"):
        locate(tmp_path, "words", source_id="article")
    (tmp_path / "latin1.txt").write_bytes("caf\u00e9".encode("latin-1"))
    with pytest.raises(DocumentError, match="not UTF-8"):
        locate(tmp_path / "latin1.txt", "words", source_id="article")


def test_locate_gives_back_the_curated_evidence(documents_dir: Path):
    """Locating each bundled quote's text in its document gives the quote's own first span."""
    documents, _ = read_documents(documents_dir)
    paths = {document.sha256: document.path for document in documents}
    for quote in src.quotes():
        path = paths[src.source(quote.source_id).sha256]
        try:
            found = [locate(path, quote.text, source_id=quote.source_id)]
        except AmbiguousWordsError as error:
            found = [
                locate(path, quote.text, source_id=quote.source_id, occurrence=number)
                for number in range(1, len(error.occurrences) + 1)
            ]
        assert quote.evidence[0] in found, quote.id
