"""Reading a user's copies of the source documents, and refusing what is not one.

A folder a user points at may hold anything: binary files, text in another
encoding, huge files, folders named ``*.txt``, named pipes, devices, links
that loop. Each file is examined with ``stat`` before it is opened, opened
without blocking, and read only up to the size cap, so that nothing hangs;
what cannot be a document is skipped with its reason instead of raising.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import Final

import attrs

from .exceptions import ArgumentTypeError, DocumentError, InvalidQueryError

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


class _Unusable(Exception):
    """A file that cannot be a document; the message says why."""


_TOO_LARGE: Final = f"more than the {MAX_DOCUMENT_BYTES:,} bytes a document may have"


def read_documents(directory: str | Path) -> tuple[list[Document], list[SkippedFile]]:
    """Every ``*.txt`` file of *directory* (not its subfolders) that is a document, and the others.

    Raises:
        DocumentError: *directory* does not exist, is not a folder, or cannot be listed.
    """
    root = _path(directory, "directory")
    try:
        with os.scandir(root) as entries:
            paths = sorted(Path(entry.path) for entry in entries if entry.name.lower().endswith(SUFFIX))
    except FileNotFoundError:
        raise DocumentError(f"{root}: no such folder; {_FOLDER_HINT}") from None
    except NotADirectoryError:
        raise DocumentError(f"{root}: a file, not a folder; {_FOLDER_HINT}") from None
    except OSError as error:
        raise DocumentError(f"{root}: cannot be listed ({error.strerror}); {_FOLDER_HINT}") from None
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    for path in paths:
        try:
            documents.append(_read(path))
        except _Unusable as reason:
            skipped.append(SkippedFile(path, str(reason)))
    return documents, skipped


_FOLDER_HINT: Final = "pass the folder that holds your copies of the source documents (*.txt files)"


def read_document(path: str | os.PathLike[str]) -> Document:
    """The document in the file *path*.

    Raises:
        DocumentError: It is not a regular file of UTF-8 text within the size cap.
    """
    try:
        return _read(_path(path, "document"))
    except _Unusable as reason:
        raise DocumentError(f"{path}: {reason}") from None


def _path(value: object, argument: str) -> Path:
    if not isinstance(value, (str, os.PathLike)):
        raise ArgumentTypeError(f"{argument} must be a path (a str or a Path), not {type(value).__name__}")
    if not os.fspath(value):
        # Path("") is the working directory, which a blank setting never means.
        raise InvalidQueryError(f"{argument} is empty; name a folder ('.' for the working directory)")
    path = Path(value)
    if "\x00" in str(path):
        raise DocumentError(f"{str(path)!r}: no file or folder has a NUL character in its name")
    return path


def _read(path: Path) -> Document:
    try:
        info = path.stat()
    except OSError as error:
        raise _Unusable(_stat_problem(path, error)) from None
    _check_kind(info.st_mode)
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise _Unusable(f"{info.st_size:,} bytes, {_TOO_LARGE}")
    try:
        # Non-blocking, so that a file swapped for a pipe since the stat cannot hang the open.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise _Unusable(f"cannot be opened ({error.strerror})") from None
    with os.fdopen(handle, "rb") as stream:
        _check_kind(os.fstat(stream.fileno()).st_mode)
        try:
            raw = stream.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            raise _Unusable(f"cannot be read ({error.strerror})") from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise _Unusable(f"grew while read, {_TOO_LARGE}")
    return Document(path, hashlib.sha256(raw).hexdigest(), _decoded(raw))


def _stat_problem(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link that loops"
    if isinstance(error, FileNotFoundError):
        return "a symbolic link to nothing" if path.is_symlink() else "no such file"
    return f"cannot be examined ({error.strerror})"


def _check_kind(mode: int) -> None:
    kinds = {
        stat.S_ISDIR: "a folder, not a file",
        stat.S_ISFIFO: "a named pipe (FIFO), not a file",
        stat.S_ISCHR: "a device, not a file",
        stat.S_ISBLK: "a device, not a file",
    }
    for test, reason in kinds.items():
        if test(mode):
            raise _Unusable(reason)
    if not stat.S_ISREG(mode):
        raise _Unusable("not a regular file")


def _decoded(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unusable("UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise _Unusable("binary (it holds NUL bytes), not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1]
        raise _Unusable(f"not UTF-8 text (byte {error.start} is {byte!r}); save it as UTF-8") from None
