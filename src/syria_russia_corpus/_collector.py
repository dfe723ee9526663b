"""Building a corpus with Python's cyclic garbage collector paused.

A load allocates hundreds of thousands of containers, none of them garbage;
the collector would walk them again and again, about half the load's time.
So a load pauses it, and at the end moves what it built to the oldest
generation (``gc.freeze()`` then ``gc.unfreeze()``), where it costs what
it would have cost after a collected load.

The pause is process-wide: cyclic garbage of other threads waits for the
load to end (memory freed by reference counting, almost all of it, is freed
as ever). A collector the user disabled stays disabled, and objects the user
froze stay frozen: then nothing is moved.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_loads = 0  # loads under way that paused the collector


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the enclosed load with the collector paused, if it runs; resume it after the last load."""
    global _loads  # noqa: PLW0603 - one count for the process, like the collector itself
    with _lock:
        pausing = _loads > 0 or gc.isenabled()
        if pausing:
            gc.disable()
            _loads += 1
    try:
        yield
    finally:
        if pausing:
            with _lock:
                _loads -= 1
                if _loads == 0:
                    if gc.get_freeze_count() == 0:
                        gc.freeze()
                        gc.unfreeze()
                    gc.enable()
