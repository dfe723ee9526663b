"""What is at a path a caller names, and reading the file there without trusting it.

A path may name anything: a directory where a file belongs, a named pipe, a
device, a socket, a link that loops, a name too long for the file system, a
NUL. Every reader of a user's path (corpus folders, documents, exports)
examines it here, so that each is refused at once, in the same words, and
nothing waits on a pipe or reads a device without end. The callers turn the
reason into their own error, naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Final

# Read in pieces of this size once a file outgrows what its size promised (a
# /proc file says 0), so that the cap holds without a cap-sized buffer.
_CHUNK: Final = 1 << 20

# What a path that is not a regular file is, in words.
_KINDS: Final[tuple[tuple[Callable[[int], bool], str], ...]] = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISREG, "a regular file"),
)


class UnusablePath(Exception):
    """A path that cannot be used as asked; the message says why, for the caller's own error."""


class NothingThere(UnusablePath):
    """Nothing is at the path, or only a symbolic link to nothing."""


def examine(path: Path) -> os.stat_result | None:
    """The status of what is at *path*, links followed; None if nothing is.

    Raises:
        UnusablePath: The path cannot be examined: it holds a NUL, a link on
            it loops, a name on it is too long, or it may not be looked at.
    """
    if "\0" in str(path):
        raise UnusablePath("a path cannot hold a NUL character")
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnusablePath("a symbolic link that loops") from None
        raise UnusablePath(f"cannot be examined ({error.strerror or error})") from None


def what_is(mode: int) -> str:
    """What a file of *mode* is, in words: ``"a named pipe (FIFO)"``."""
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def read_file(path: Path, *, cap: int, holder: str) -> bytes:
    """The bytes of the regular file at *path*, of at most *cap* bytes; *holder* says whose cap it is.

    Anything else is refused without waiting on it: the file is opened without
    blocking, and read only to one byte past the cap, whatever size it reports.

    Raises:
        NothingThere: Nothing is at *path*.
        UnusablePath: It is not a regular file, is too large, or cannot be read.
    """
    status = examine(path)
    if status is None:
        raise NothingThere("a symbolic link to nothing" if os.path.islink(path) else "no such file")
    size = _regular_size(status, cap, holder)
    try:
        # Non-blocking: a FIFO put in the file's place after the check must not
        # make the open wait for a writer.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise NothingThere("was removed while it was being read") from None
    except OSError as error:
        raise UnusablePath(f"cannot be opened ({error.strerror or error})") from None
    try:
        _regular_size(os.fstat(handle), cap, holder)
        return _read_capped(handle, size, cap, holder)
    except OSError as error:
        raise UnusablePath(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(handle)


def _regular_size(status: os.stat_result, cap: int, holder: str) -> int:
    if not stat.S_ISREG(status.st_mode):
        raise UnusablePath(f"{what_is(status.st_mode)}, not a regular file")
    if status.st_size > cap:
        raise UnusablePath(_too_large(status.st_size, cap, holder))
    return status.st_size


def _read_capped(handle: int, size: int, cap: int, holder: str) -> bytes:
    """Read to the end, or to one byte past the cap, whatever size the file claims."""
    chunks: list[bytes] = []
    total = 0
    wanted = size + 1  # one read for a file that tells its size; one more to see the end
    while total <= cap:
        chunk = os.read(handle, min(wanted, cap + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        wanted = _CHUNK
    raise UnusablePath(_too_large(total, cap, holder, at_least=True))


def _too_large(size: int, cap: int, holder: str, *, at_least: bool = False) -> str:
    """Why a file of *size* bytes is refused, when *holder* (``"a document"``) may hold *cap*."""
    more = "at least " if at_least else ""
    return f"{more}{size:,} bytes, more than the {cap:,} bytes {holder} may hold"
