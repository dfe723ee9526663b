"""cattrs structures every record, in its fastest configuration: hooks made once, no detailed validation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import cattrs.converters
import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus
from syria_russia_corpus._converter import converter
from syria_russia_corpus._schema import KINDS


def test_structuring_hooks_are_generated_once_per_class_across_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Three loads generate each record class's structuring hook once, on the first."""
    src.export(tmp_path)
    generated: Counter[str] = Counter()
    real = cattrs.converters.make_dict_structure_fn

    def counting(cl: Any, *args: Any, **kwargs: Any) -> Any:
        generated[cl.__name__] += 1
        return real(cl, *args, **kwargs)

    monkeypatch.setattr(cattrs.converters, "make_dict_structure_fn", counting)
    converter.cache_clear()  # a converter that has structured nothing yet
    for _ in range(3):
        Corpus.from_path(tmp_path)
    assert {kind.record_class.__name__ for kind in KINDS} <= set(generated)
    assert set(generated.values()) == {1}


def test_the_fast_converter_skips_detailed_validation():
    """Records are structured without cattrs' detailed validation; a failing record is examined apart."""
    assert converter().detailed_validation is False
