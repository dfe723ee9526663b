"""Starting to code a document: its source record, written for the coder, not typed by hand."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Final

from ._check import TO_CHECK
from ._converter import unstructure
from ._dates import PartialDate
from ._records import Source
from ._schema import KINDS
from ._vocabulary import SourceKind
from .exceptions import CorpusDataError

_MONTHS: Final = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")  # fmt: skip
_SPELLED: Final = re.compile(
    rf"\b({'|'.join(_MONTHS)})\s+(\d{{1,2}}),\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b",
    re.IGNORECASE,
)
_YEAR: Final = re.compile(r"\b(19[4-9]\d|20\d\d)\b")


def new_source(document: str | Path, *, into: str | Path) -> Source:
    """Write the source record of *document* into the folder *into*, and empty files for the rest.

    The record has the document's SHA-256, its first line as the title, an id
    suggested from the title and year, and a publication date suggested from
    the first date in the text, flagged uncertain. Its notes start with
    ``TO CHECK``: :func:`check` reports them until the coder has confirmed
    outlet, author, kind, date and address and rewritten the notes.

    Raises:
        CorpusDataError: The document is missing or not UTF-8 text, or the
            folder already holds a source with its SHA-256.

    Example:
        From the command line: ``syria-russia-corpus new-source article.txt --into my_coding/``.
    """
    path, folder = Path(document), Path(into)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusDataError([f"{path}: cannot be read as UTF-8 text ({error})"]) from None
    folder.mkdir(parents=True, exist_ok=True)
    sources_file = folder / "sources.json"
    existing = json.loads(sources_file.read_text(encoding="utf-8")) if sources_file.exists() else []
    sha256 = hashlib.sha256(raw).hexdigest()
    if any(source.get("sha256") == sha256 for source in existing):
        raise CorpusDataError([f"{sources_file}: a source already has the SHA-256 of {path}"])
    title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    published, found = _suggested_date(text)
    source = Source(
        id=_unique(_slug(title, published), {s.get("id") for s in existing}),
        title=title,
        outlet=None,
        kind=SourceKind.NEWS_ARTICLE,
        published=published,
        author=None,
        sha256=sha256,
        notes=(
            f"{TO_CHECK} the title is the document's first line; the date is suggested from {found}; "
            "outlet, author, kind and url are not set. Confirm each and say here how it was established."
        ),
    )
    from ._export import write_atomically

    records = [*existing, unstructure(source)]
    write_atomically(sources_file, (json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    for kind in KINDS:
        if not (folder / kind.file_name).exists():
            write_atomically(folder / kind.file_name, b"[]\n")
    return source


def _suggested_date(text: str) -> tuple[PartialDate, str]:
    match = _SPELLED.search(text)
    if match and match[1]:
        month = _MONTHS.index(match[1].lower()) + 1
        return PartialDate(int(match[3]), month, int(match[2]), uncertain=True), repr(match[0])
    if match:
        return PartialDate(int(match[4]), int(match[5]), int(match[6]), uncertain=True), repr(match[0])
    year = _YEAR.search(text)
    if year:
        return PartialDate(int(year[0]), uncertain=True), f"the year {year[0]!r} in the text"
    return PartialDate(2000, uncertain=True), "nothing: no date was found in the text, 2000 is a placeholder"


def _slug(title: str, published: PartialDate) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())[:6] or ["source"]
    return "-".join([*words, str(published.year)])


def _unique(slug: str, taken: set[object]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
