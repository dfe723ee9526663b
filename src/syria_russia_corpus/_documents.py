"""Reading a user's copies of the source documents, and refusing what is not one.

A folder a user points at may hold anything: binary files, text in another
encoding, huge files, folders named ``*.txt``, named pipes, devices, links
that loop. Each file is read through :mod:`._files`, so that nothing hangs;
what cannot be a document is skipped with its reason instead of raising.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Final

import attrs

from ._coercion import require_path
from ._files import UnusablePath, examine, read_file, what_is
from .exceptions import DocumentError

#: The largest document read, in bytes: a hundred times the longest source (about 8 KiB), and
#: more than the text of any article. Finding spans in a copy costs about a second per MiB.
MAX_DOCUMENT_BYTES: Final = 1 * 2**20

#: The file names read from a folder of documents.
SUFFIX: Final = ".txt"


@attrs.frozen
class SkippedFile:
    """A file of the documents folder that was not read, and why.

    Attributes:
        path: The file.
        reason: Why it cannot be a document, in words.
    """

    path: Path
    reason: str


@attrs.frozen(eq=False)
class Document:
    """A copy of a source document as read from a file.

    Attributes:
        path: The file.
        sha256: Hex SHA-256 of its bytes.
        text: Its text, decoded as UTF-8.
    """

    path: Path
    sha256: str
    text: str


def read_documents(directory: str | Path) -> tuple[list[Document], list[SkippedFile]]:
    """Every ``*.txt`` file of *directory* (not its subfolders) that is a document, and the others.

    Raises:
        DocumentError: *directory* does not exist, is not a folder, or cannot be listed.
    """
    root = require_path(directory, "directory")
    try:
        status = examine(root)
    except UnusablePath as reason:
        raise DocumentError(f"{root}: {reason}; {_FOLDER_HINT}") from None
    if status is None:
        raise DocumentError(f"{root}: no such folder; {_FOLDER_HINT}")
    if not stat.S_ISDIR(status.st_mode):
        raise DocumentError(f"{root}: {what_is(status.st_mode)}, not a folder; {_FOLDER_HINT}")
    try:
        with os.scandir(root) as entries:
            paths = sorted(Path(entry.path) for entry in entries if entry.name.lower().endswith(SUFFIX))
    except OSError as error:
        raise DocumentError(f"{root}: cannot be listed ({error.strerror}); {_FOLDER_HINT}") from None
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    for path in paths:
        try:
            documents.append(_read(path))
        except UnusablePath as reason:
            skipped.append(SkippedFile(path, str(reason)))
    return documents, skipped


_FOLDER_HINT: Final = "pass the folder that holds your copies of the source documents (*.txt files)"


def read_document(path: str | os.PathLike[str]) -> Document:
    """The document in the file *path*.

    Raises:
        DocumentError: It is not a regular file of UTF-8 text within the size cap.
    """
    document = require_path(path, "document", naming="a file")
    try:
        return _read(document)
    except UnusablePath as reason:
        raise DocumentError(f"{document}: {reason}") from None


def _read(path: Path) -> Document:
    raw = read_file(path, cap=MAX_DOCUMENT_BYTES, holder="a document")
    return Document(path, hashlib.sha256(raw).hexdigest(), _decoded(raw))


def _decoded(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusablePath("UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise UnusablePath("binary (it holds NUL bytes), not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1]
        raise UnusablePath(f"not UTF-8 text (byte {error.start} is {byte!r}); save it as UTF-8") from None
