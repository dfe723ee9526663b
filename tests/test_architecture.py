"""The shape of the package: one schema, no import cycles, a module API that mirrors Corpus."""

from __future__ import annotations

import ast
import datetime
import inspect
import pydoc
from operator import methodcaller
from pathlib import Path
from types import SimpleNamespace
from typing import Any, get_args

import attrs
import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus, Records
from syria_russia_corpus._columns import EVIDENCE_LINKS, REFERENCE_LINKS, table_for, table_of
from syria_russia_corpus._schema import EVIDENCE_SOURCE, KINDS, record_kind
from syria_russia_corpus.exceptions import ArgumentTypeError, UnknownActorError
from syria_russia_corpus.typing import SearchKind

PACKAGE = Path(src.__file__).parent

MODULE_FUNCTIONS = [
    "sources", "actors", "quotes", "events", "positions", "source", "actor", "quotes_by", "events_between",
    "positions_of", "search", "stance_timeline", "stance_changes", "plot_stance_timeline", "export", "verify",
    "coverage",
]  # fmt: skip


def _imports(path: Path) -> set[str]:
    """The package modules *path* imports, lazily or not, leaving out TYPE_CHECKING blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module)
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("import_module"):
            found.update(
                ast.literal_eval(arg).lstrip(".") for arg in node.args[:1] if isinstance(arg, ast.Constant)
            )
    return found


def test_import_graph_is_acyclic():
    """No module imports, even lazily, a module that imports it back; none imports the package's face."""
    graph = {path.stem: _imports(path) for path in PACKAGE.glob("*.py")}
    graph["__init__"] |= set(src._LAZY.values())  # its lazy names
    assert not any("__init__" in targets for name, targets in graph.items() if name != "__init__")
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        if state.get(module) == "done":
            return
        assert state.get(module) != "open", f"import cycle: {' -> '.join([*path, module])}"
        state[module] = "open"
        for target in graph.get(module, ()):
            visit(target, [*path, module])
        state[module] = "done"

    for module in graph:
        visit(module, [])


def test_schema_covers_every_record_class():
    """Every record class of the package is a kind of the schema, and every reference names a kind."""
    collections = {kind.collection for kind in KINDS}
    assert {kind.record_class for kind in KINDS} == {
        src.Source,
        src.Actor,
        src.Quote,
        src.Event,
        src.Position,
    }
    for kind in KINDS:
        fields = attrs.fields_dict(kind.record_class)
        for reference in kind.references:
            assert reference.field in fields
            assert reference.target in collections


def test_every_field_is_a_column():
    """A record's table has a column for each of its fields: a new field needs no column code."""
    for kind in KINDS:
        names = {column.name for column in table_of(kind.record_class).columns}
        for field in attrs.fields(kind.record_class):
            assert any(name == field.name or name.startswith(f"{field.name}_") for name in names), field.name


def test_link_tables_follow_the_references():
    """Each field that holds many ids has a link table; the evidence table has one too."""
    many = {(kind.collection, r.field) for kind in KINDS for r in kind.references if r.many}
    assert set(REFERENCE_LINKS) == many
    assert EVIDENCE_LINKS.name == "evidence"


def test_evidence_links_follow_the_evidence_reference():
    """The evidence table's foreign key is the schema's evidence reference."""
    assert EVIDENCE_LINKS.foreign_keys == {EVIDENCE_SOURCE.field: (EVIDENCE_SOURCE.target, "id")}


def test_search_kinds_literal_follows_the_schema():
    """SearchKind names exactly the kinds the schema marks as searched, plural and singular."""
    searched = {name for kind in KINDS if kind.searched_fields for name in (kind.name, kind.collection)}
    assert set(get_args(SearchKind)) == searched


def test_search_reads_every_searched_field():
    """Each field the schema marks as searched finds its record by the field's own words."""
    corpus = src.load()
    for kind in KINDS:
        for field in kind.searched_fields:
            record = next(r for r in getattr(corpus, kind.collection)() if getattr(r, field).strip())
            words = " ".join(getattr(record, field).split()[:4])
            assert record in corpus.search(words, kinds=kind.collection), (kind.name, field)  # type: ignore[arg-type]


def test_mixed_results_name_each_kind_by_the_schema():
    """The record_type of mixed search results is each record's schema kind name."""
    corpus = src.load()
    hits = corpus.search("Syria")
    types = {row["record_type"] for row in table_for(hits).rows(hits, corpus.actor_name)}
    assert types == {record_kind(hit).name for hit in hits}
    assert len(types) > 1


def _pinned_names() -> set[str]:
    """Every name inside an assert_type call of the typing test: calls, attributes and types."""
    tree = ast.parse((Path(__file__).parent / "typing" / "use_api.py").read_text(encoding="utf-8"))
    pins = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "assert_type"
    ]
    names = set()
    for pin in pins:
        for node in ast.walk(pin):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "src"
            ):
                names.add(node.attr)
    return names


@pytest.mark.parametrize("name", [name for name in src.__all__ if callable(getattr(src, name))])
def test_every_public_callable_is_pinned_by_the_typing_test(name: str):
    """Each callable the package exports appears in an assert_type of tests/typing/use_api.py."""
    assert name in _pinned_names()


# Underscored names of the standard library's own API, such as NamedTuple's.
_PUBLIC_UNDERSCORED = frozenset({"_replace", "_asdict", "_fields"})


def _private_reads(path: Path) -> set[str]:
    """Underscored attributes *path* reads from objects other than self that it does not define."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined = {
        node.name if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else ast.unparse(node.target)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AnnAssign))
    }
    return {
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and ast.unparse(node.value) not in {"self", "cls"}
        and node.attr not in defined | _PUBLIC_UNDERSCORED
    }


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.name)
def test_no_module_reads_another_modules_private_names(path: Path):
    """A module reads an object's underscored attributes only where it defines them."""
    assert _private_reads(path) == set()


def test_no_column_is_a_reserved_word():
    """No table has a column DuckDB reserves, so queries need no quoting."""
    duckdb = pytest.importorskip("duckdb")
    reserved = {row[0] for row in duckdb.sql("select keyword_name from duckdb_keywords() "
                                             "where keyword_category = 'reserved'").fetchall()}  # fmt: skip
    tables = [table_of(kind.record_class) for kind in KINDS] + [EVIDENCE_LINKS, *REFERENCE_LINKS.values()]
    used = {column.name for table in tables for column in table.columns}
    assert not used & reserved


@pytest.mark.parametrize("name", MODULE_FUNCTIONS)
def test_module_functions_mirror_corpus_methods(name: str):
    """Each module-level function has its Corpus method's parameters, defaults and docstring."""
    function = getattr(src, name)
    method = getattr(Corpus, name)
    assert (
        list(inspect.signature(function).parameters.values())
        == list(inspect.signature(method).parameters.values())[1:]
    )
    assert function.__doc__ == method.__doc__
    assert function.__module__ == "syria_russia_corpus"


@pytest.mark.parametrize("name", MODULE_FUNCTIONS)
def test_module_functions_show_their_methods_source(name: str):
    """inspect.getsource() (IPython's ??) of a module-level function gives its Corpus method's code."""
    assert inspect.getsource(getattr(src, name)) == inspect.getsource(getattr(Corpus, name))


def test_help_of_a_module_function_holds_the_methods_docstring():
    """help(src.quotes_by) shows the method's whole docstring, example included, with its signature."""
    text = pydoc.render_doc(src.quotes_by, renderer=pydoc.plaintext)
    assert "speaker: 'ActorLike'" in text
    assert inspect.cleandoc(Corpus.quotes_by.__doc__ or "").splitlines()[-1].strip() in text


def test_corpus_and_records_are_frozen(corpus: Corpus):
    """Neither a corpus nor a result can be changed through its attributes."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        corpus._records = None  # type: ignore[misc]
    quotes = corpus.quotes()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quotes.items = ()  # type: ignore[misc]


def test_bundled_corpus_cannot_be_emptied():
    """The cached bundled corpus keeps its records whatever a caller tries on its attributes."""
    corpus = src.load()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        object.__getattribute__(corpus, "__setattr__")("_records", None)
    assert len(src.quotes()) > 0


def test_corpus_needs_a_constructor():
    """Corpus(None) says how a corpus is built instead of failing later."""
    with pytest.raises(ArgumentTypeError, match="from_path"):
        Corpus(None)  # type: ignore[arg-type]


def test_records_refuses_what_is_not_records():
    """Records of non-records, or of a non-iterable, fail at once with a clear error."""
    with pytest.raises(ArgumentTypeError, match="iterable"):
        Records(5)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="item 1"):
        Records([src.quotes()[0], "text"])  # type: ignore[list-item]


def test_records_refuses_lookalikes():
    """An object with a string id that is not one of the package's records is refused at once."""
    with pytest.raises(ArgumentTypeError, match=r"item 0 is a SimpleNamespace"):
        Records([SimpleNamespace(id="q1")])  # type: ignore[list-item]


@pytest.mark.parametrize("kind", [5, int, "Quote", src.Actor])
def test_records_refuses_a_kind_its_records_are_not(kind: Any):
    """A kind that is not a record class, or not the class of the records, fails at once."""
    with pytest.raises(ArgumentTypeError, match="kind"):
        Records([src.quotes()[0]], kind=kind)


def test_records_refuses_a_corpus_that_is_not_one():
    """A corpus that is not a Corpus fails at once, not later in a table."""
    with pytest.raises(ArgumentTypeError, match="corpus must be None or a Corpus, not int"):
        Records([src.quotes()[0]], corpus=5)  # type: ignore[arg-type]


def test_records_built_by_hand_show_and_export():
    """Records built with a kind and a corpus, or of coverage rows, show and convert like query results."""
    quotes = Records(list(src.quotes()[:2]), kind=src.Quote, corpus=src.load())
    assert "<table" in quotes._repr_html_()
    assert quotes.to_dicts()[0]["id"] == quotes[0].id
    months = Records(list(src.coverage()))
    assert months.kind is type(src.coverage()[0])
    assert months[0].month in str(months)


def test_records_kind_is_public(corpus: Corpus):
    """Every result knows its kind, empty ones too; search results are a mix."""
    assert corpus.quotes().kind is src.Quote
    assert corpus.quotes_by("putin", kind="partial").kind is src.Quote
    assert corpus.search("words").kind is None
    hits = src.search("sanctions")
    kinds = " | ".join(dict.fromkeys(type(hit).__name__ for hit in hits))
    assert " | " in kinds
    assert repr(hits).startswith(f"Records[{kinds}](")


def test_bundled_corpus_cannot_be_emptied_through_its_indexes():
    """The mappings behind the cached corpus are read-only, so no caller can empty it for others."""
    corpus = src.load()
    index = corpus._index
    attempts = [
        (index.collections, methodcaller("__setitem__", "quotes", Records())),
        (index.by_id, methodcaller("__setitem__", "actors", {})),
        (index.by_id["actors"], methodcaller("clear")),
        (index.names, methodcaller("clear")),
        (index.quotes_by_speaker, methodcaller("clear")),
        (index.affiliates.children, methodcaller("clear")),  # type: ignore[attr-defined]
        (index.search_texts, methodcaller("clear")),
        (index.suggestions.postings, methodcaller("clear")),
        (next(iter(index.suggestions.postings.values())), methodcaller("clear")),
        (corpus._records.collections, methodcaller("clear")),
        (index.events_by_date, methodcaller("__setattr__", "_items", ())),
        (index.events_by_date._items, methodcaller("clear")),
        (index.events_by_date._begins, methodcaller("clear")),
        (index.events_by_date._classes, methodcaller("clear")),
        *[(ages, methodcaller("__setattr__", "items", ())) for ages in index.events_by_date._classes],
        *[(ages.items, methodcaller("clear")) for ages in index.events_by_date._classes],
        *[(ages.finishes, methodcaller("clear")) for ages in index.events_by_date._classes],
    ]
    for mapping, change in attempts:
        with pytest.raises((TypeError, AttributeError)):
            change(mapping)
    assert len(src.quotes()) > 0
    assert src.events_between(datetime.date.min, datetime.date.max) == src.events()
    assert src.actor("Lavrov").id == "sergei-lavrov"
    assert "sergei-lavrov" in corpus.affiliates("Russia").ids
    with pytest.raises(UnknownActorError, match="Sergei Lavrov"):
        corpus.actor("Sergei Lavrof")
