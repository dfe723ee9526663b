"""Name keys and suggestions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_russia_corpus._names import build_name_index, closest_names, name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bashar Al Assad", "bashar al-assad"),
        ("Bashar-al-Assad", "BASHAR AL ASSAD"),
        ("Nabil el-Araby", "Nabil Elaraby"),
        ("François Hollande", "Francois Hollande"),
        ("Mr. Putin", "mr putin"),
    ],
)
def test_same_key(a: str, b: str):
    """Spellings that differ only in case, accents, spacing and punctuation share a key."""
    assert name_key(a) == name_key(b)


def test_different_names_differ():
    """Different names keep different keys."""
    assert name_key("Sergei Lavrov") != name_key("Sergey Lavrov")


@given(st.text())
def test_key_is_idempotent_and_alphanumeric(text: str):
    """A key is made of letters and digits only, and keying it again changes nothing."""
    key = name_key(text)
    assert all(char.isalnum() for char in key)
    assert name_key(key) == key


def test_index_keeps_every_id_for_a_shared_key():
    """A key two records share maps to both ids, sorted."""
    index = build_name_index({"b": ["Putin"], "a": ["putin", "Vladimir Putin"]})
    assert index["putin"] == ("a", "b")
    assert index["vladimirputin"] == ("a",)


def test_index_skips_names_without_letters():
    """A name of punctuation only has no key."""
    assert build_name_index({"a": ["--"]}) == {}


def test_closest_names():
    """Suggestions are the nearest names by key."""
    assert closest_names("Lavrof", ["Lavrov", "Putin", "Churkin"]) == ["Lavrov"]
    assert closest_names("qqqq", ["Lavrov"]) == []
