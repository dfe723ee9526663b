"""The bundled corpus, loaded on first use, and the module-level API over it.

Each module-level function is a :class:`Corpus` method bound to the bundled
corpus by :func:`_on_bundled`, so it keeps the method's signature, defaults
and docstring: they cannot drift apart.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from ._corpus import Corpus, bundled_corpus

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_corpus: Corpus | None = None


def load() -> Corpus:
    """Return the bundled corpus, reading and validating it on the first call.

    Later calls return the same :class:`Corpus`. Safe to call from many
    threads at once: the data is parsed exactly once.

    The first call, like :meth:`Corpus.from_path`, pauses automatic garbage
    collection for the whole process while it reads, then moves every object
    the collector tracks, other threads' too, to the oldest generation, where
    only a full collection looks for garbage; a collector you disabled and
    objects you froze are left as they are.

    Example:
        >>> import syria_russia_corpus as src
        >>> src.load() is src.load()
        True
    """
    global _corpus  # noqa: PLW0603 - the one cache of the module
    corpus = _corpus
    if corpus is None:
        with _lock:
            if _corpus is None:
                _corpus = bundled_corpus()
            corpus = _corpus
    return corpus


def _on_bundled(method: Callable[Concatenate[Corpus, P], R]) -> Callable[P, R]:
    """*method* as a function of the bundled corpus, with its signature and docstring."""

    @functools.wraps(method)
    def on_bundled(*args: P.args, **kwargs: P.kwargs) -> R:
        return method(load(), *args, **kwargs)

    # The method's signature without its corpus. __wrapped__ stays the method, so that
    # inspect.getsource() and IPython's ?? show its code. (attrs has imported inspect already.)
    signature = inspect.signature(method)
    parameters = list(signature.parameters.values())[1:]
    on_bundled.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    on_bundled.__module__ = "syria_russia_corpus"
    on_bundled.__qualname__ = method.__name__
    return on_bundled


sources = _on_bundled(Corpus.sources)
actors = _on_bundled(Corpus.actors)
quotes = _on_bundled(Corpus.quotes)
events = _on_bundled(Corpus.events)
positions = _on_bundled(Corpus.positions)
source = _on_bundled(Corpus.source)
actor = _on_bundled(Corpus.actor)
quotes_by = _on_bundled(Corpus.quotes_by)
events_between = _on_bundled(Corpus.events_between)
positions_of = _on_bundled(Corpus.positions_of)
search = _on_bundled(Corpus.search)
stance_timeline = _on_bundled(Corpus.stance_timeline)
stance_changes = _on_bundled(Corpus.stance_changes)
plot_stance_timeline = _on_bundled(Corpus.plot_stance_timeline)
export = _on_bundled(Corpus.export)
verify = _on_bundled(Corpus.verify)
coverage = _on_bundled(Corpus.coverage)
