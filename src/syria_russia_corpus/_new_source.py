"""Starting to code a document: its source record, written for the coder, not typed by hand."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Final

from ._check import TO_CHECK
from ._coercion import require_path
from ._converter import unstructure
from ._dates import PartialDate
from ._records import Source
from ._schema import KINDS, SOURCES
from ._vocabulary import SourceKind
from .exceptions import CorpusDataError, ExportError, InvalidDateError

_MONTHS: Final = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")  # fmt: skip
# A month as a dateline spells it: in full, or cut to three letters (or "Sept"), with or without a point.
_MONTH: Final = rf"({'|'.join(_MONTHS)}|sept|{'|'.join(m[:3] for m in _MONTHS)})\.?"
_YEAR_PART: Final = r"((?:19|20)\d\d)"
# Each way a document writes a day, with the groups that hold its year, month and day.
_DAYS: Final = (
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+{_YEAR_PART}\b", re.IGNORECASE), (3, 1, 2)),  # June 14, 2012
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR_PART}\b", re.IGNORECASE), (3, 2, 1)),
    (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"), (1, 2, 3)),  # 2012-06-14
)
_YEAR: Final = re.compile(r"\b(19[4-9]\d|20\d\d)\b")


def new_source(document: str | Path, *, into: str | Path) -> Source:
    """Write the source record of *document* into the folder *into*, and empty files for the rest.

    The record has the document's SHA-256, its first line as the title, an id
    suggested from the title and year, and a publication date suggested from
    the first date in the text ("June 14, 2012", "14 June 2012",
    "2012-06-14"), flagged uncertain. Its notes start with ``TO CHECK``:
    :func:`check` reports them until the coder has confirmed outlet, author,
    kind, date and address and rewritten the notes. The folder is created if
    need be; a ``sources.json`` it holds keeps its records.

    Args:
        document: The document, a UTF-8 text file.
        into: The folder to code it in.

    Returns:
        The source record written.

    Raises:
        DocumentError: The document is missing, a folder, or not UTF-8 text.
        CorpusDataError: The folder's ``sources.json`` is not a JSON array of
            sources, the folder already holds a source with the document's
            SHA-256, or the bundled corpus codes the document already.
        ExportError: *into* is a file, or the folder cannot be written.

    Example:
        From the command line: ``syria-russia-corpus new-source article.txt --into my_coding/``.
        In Python::

            import syria_russia_corpus as src

            source = src.new_source("article.txt", into="my_coding/")
            source.sha256
    """
    from ._bundled import load
    from ._documents import read_document
    from ._loading import read_kind_file

    read = read_document(document)
    folder = _folder(into)
    sources_file = folder / SOURCES.file_name
    existing, records = read_kind_file(sources_file, SOURCES) if os.path.lexists(sources_file) else ([], ())
    for where, sources in ((sources_file, records), ("the bundled corpus", load().sources())):
        for source in sources:
            if source.sha256 == read.sha256:
                raise CorpusDataError(
                    [
                        f"{read.path}: {where} already holds this document (SHA-256) as the source "
                        f"{source.id!r}; code into that source instead of a new one"
                    ]
                )
    title = next((line.strip() for line in read.text.splitlines() if line.strip()), read.path.stem)
    published, found = _suggested_date(read.text)
    source = Source(
        id=_unique(_slug(title, published), {s.id for s in records}),
        title=title,
        outlet=None,
        kind=SourceKind.NEWS_ARTICLE,
        published=published,
        author=None,
        sha256=read.sha256,
        notes=(
            f"{TO_CHECK} the title is the document's first line; the date is suggested from {found}; "
            "outlet, author, kind and url are not set. Confirm each and say here how it was established."
        ),
    )
    _write(folder, [*existing, unstructure(source)])
    return source


def _folder(into: object) -> Path:
    """The folder *into* names, which may not exist yet."""
    folder = require_path(into, "into")
    if "\x00" in str(folder):
        raise ExportError(f"{str(folder)!r}: no folder has a NUL character in its name")
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: a file, not a folder; --into names the folder to code the document in")
    return folder


def _write(folder: Path, sources: list[Any]) -> None:
    """*sources* into the folder's ``sources.json``, and an empty file for each kind that has none."""
    from ._export import write_atomically

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot be created ({error.strerror or error})") from None
    files = {kind.file_name: "[]\n" for kind in KINDS if not os.path.lexists(folder / kind.file_name)}
    files[SOURCES.file_name] = json.dumps(sources, indent=2, ensure_ascii=False) + "\n"
    for name, text in files.items():
        try:
            write_atomically(folder / name, text.encode("utf-8"))
        except OSError as error:
            raise ExportError(f"{folder / name}: cannot be written ({error.strerror or error})") from None


def _suggested_date(text: str) -> tuple[PartialDate, str]:
    found = [(match, groups) for pattern, groups in _DAYS for match in pattern.finditer(text)]
    for match, (year, month, day) in sorted(found, key=lambda candidate: candidate[0].start()):
        try:
            date = PartialDate(int(match[year]), _month(match[month]), int(match[day]), uncertain=True)
        except InvalidDateError:
            continue  # "June 31, 2012" is no day; the next date may be one
        return date, repr(match[0])
    year_found = _YEAR.search(text)
    if year_found:
        return PartialDate(int(year_found[0]), uncertain=True), f"the year {year_found[0]!r} in the text"
    return PartialDate(2000, uncertain=True), "nothing: no date was found in the text, 2000 is a placeholder"


def _month(written: str) -> int:
    if written.isdigit():
        return int(written)
    return [m[:3] for m in _MONTHS].index(written[:3].lower()) + 1


def _slug(title: str, published: PartialDate) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())[:6] or ["source"]
    return "-".join([*words, str(published.year)])


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
