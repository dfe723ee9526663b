"""Building a corpus with Python's cyclic garbage collector paused.

A load allocates hundreds of thousands of containers, none of them garbage;
the collector would walk them again and again, about half the load's time.
So a load pauses automatic collection (it sets the first generation's
threshold to 0, which leaves ``gc.isenabled()`` as the user set it), and when
the last load under way ends it restores the thresholds and moves every
tracked object to the oldest generation (``gc.freeze()`` then
``gc.unfreeze()``), where the loaded records cost what they would have cost
after a collected load.

Both steps are process-wide. While a load runs, no thread's cyclic garbage is
collected automatically (memory freed by reference counting, almost all of
it, is freed as ever). The move takes every young object along, other
threads' included: cyclic garbage made before the load ends waits for the
next full collection. What the user set is respected: a collector disabled
before or during a load stays disabled, thresholds set during a load stand,
and when the user has frozen objects nothing is moved.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_loads = 0  # loads under way
_thresholds = gc.get_threshold()  # as the first load under way found them


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the enclosed load with automatic collection paused; resume it when the last load ends."""
    global _loads, _thresholds  # noqa: PLW0603 - one count for the process, like the collector itself
    with _lock:
        if _loads == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(0, *_thresholds[1:])
        _loads += 1
    try:
        yield
    finally:
        with _lock:
            _loads -= 1
            if _loads == 0:
                _resume(_thresholds)


def _resume(thresholds: tuple[int, int, int]) -> None:
    # Thresholds other than the paused ones were set by the user during the load: they stand.
    if gc.get_threshold() != (0, *thresholds[1:]) or thresholds[0] == 0:
        return
    if gc.isenabled() and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
    gc.set_threshold(*thresholds)
