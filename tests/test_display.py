"""How records look: reprs, text tables, HTML (escaped), pandas and dicts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Actor, ActorKind, Corpus, Records
from syria_russia_corpus._display import DOCUMENTS_ENV, text_table
from syria_russia_corpus.exceptions import ArgumentTypeError

from .conftest import small_records


@pytest.fixture
def hostile() -> Corpus:
    records = small_records()
    records["actors"].append(Actor(id="x", name="<script>alert(1)</script>", kind=ActorKind.PERSON))
    return Corpus.from_records(**records)  # type: ignore[arg-type]


def test_html_table_resolves_names_and_counts(corpus: Corpus):
    """The HTML table shows speakers by name and says how many records there are."""
    page = corpus.quotes()._repr_html_()
    assert "<table>" in page
    assert "Sergei Lavrov" in page
    assert "q-lavrov" in page, "the table shows ids"
    assert ">doc<" in page, "the table shows the source"
    assert "5 records (Quote)" in page


def test_html_escapes_the_data(hostile: Corpus):
    """Data is text, never markup: angle brackets are escaped."""
    page = hostile.actors()._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_html_of_empty_records():
    """An empty Records says so."""
    assert "0 records" in Records()._repr_html_()


def test_html_shortens_long_text(corpus: Corpus):
    """Long texts are cut with an ellipsis."""
    from syria_russia_corpus import PartialDate, Quote, QuoteKind

    long = Quote(id="long", text="word " * 100, speaker_id="putin", source_id="doc", kind=QuoteKind.DIRECT,
                 date=PartialDate(2012))  # fmt: skip
    assert "…" in Records([long])._repr_html_()


def test_html_limits_rows():
    """Only the first 50 rows are shown, and the page says so."""
    actors = [Actor(id=f"a{i:03d}", name=f"A {i}", kind=ActorKind.PERSON) for i in range(60)]
    page = Records(actors)._repr_html_()
    assert page.count("<tr>") == 51
    assert "first 50 shown" in page


def test_pretty_prints_a_text_table(corpus: Corpus):
    """IPython's pretty printer gets the repr and a text table."""
    printed: list[str] = []

    class Printer:
        def text(self, obj: str) -> None:
            printed.append(obj)

    corpus.events()._repr_pretty_(Printer(), cycle=False)
    assert printed[0].startswith("Records[Event](5 records")
    assert "Killings" in printed[0]


def test_text_table_fits_the_width(corpus: Corpus):
    """Every line of a text table fits the asked-for width."""
    table = text_table(corpus.quotes(), width=60)
    assert all(len(line) <= 60 for line in table.splitlines())


def test_text_table_wraps_the_text_instead_of_cutting_it():
    """At 80 columns a long quote wraps onto more lines and keeps every word."""
    from syria_russia_corpus import PartialDate, Quote, QuoteKind

    words = " ".join(f"word{i}" for i in range(40))
    long = Quote(id="long", text=words, speaker_id="putin", source_id="doc", kind=QuoteKind.DIRECT,
                 date=PartialDate(2012))  # fmt: skip
    table = text_table(Records([long]), width=80)
    assert len(table.splitlines()) > 2
    assert "word39" in table
    assert "…" not in table


def _starts(line: str) -> list[int]:
    """Where each column of a table line starts: after two spaces or at the line's start."""
    return [match.start() for match in re.finditer(r"(?:^|(?<=  ))\S", line)]


def _russian(table: str) -> Records[Any]:
    if table == "positions":
        return src.positions_of("Russia")
    return src.stance_changes("Russia")


@pytest.mark.parametrize("table", ["positions", "stance changes"])
def test_text_table_at_80_columns_aligns_headers_with_their_data(table: str):
    """At 80 columns, every header starts where its column's cells start, and no line is longer."""
    lines = text_table(_russian(table), width=80).splitlines()
    assert max(map(len, lines)) <= 80
    assert _starts(lines[0]) == _starts(lines[1])


@pytest.mark.parametrize("table", ["positions"])
def test_text_table_at_80_columns_leaves_the_text_a_third(table: str):
    """At 80 columns with single-day dates, the text column keeps at least a third of the width."""
    records = _russian(table).filter(lambda record: "/" not in str(record.date))
    header = text_table(records, width=80).splitlines()[0]
    assert _starts(header)[-1] <= 80 - 80 // 3


@pytest.mark.parametrize("table", ["positions"])
def test_text_table_at_80_columns_shares_what_interval_dates_leave(table: str):
    """At 80 columns, uncut interval dates narrow the other columns, so the text still keeps a quarter."""
    records = _russian(table)
    header = text_table(records, width=80).splitlines()[0]
    assert any("/" in str(record.date) for record in records)
    assert _starts(header)[-1] <= 80 - 80 // 4


def test_stance_changes_at_80_columns_say_whether_each_is_certain():
    """A text table of stance changes fits 80 columns and shows both stances and certainty uncut."""
    changes = src.stance_changes("Russia")
    lines = text_table(changes, width=80).splitlines()
    assert lines[0].split()[-1] == "certain"
    assert max(map(len, lines)) <= 80
    for change, line in zip(changes, lines[1:], strict=True):
        cells = [change.topic.value, change.from_stance.value, change.to_stance.value, str(change.certain)]
        assert line.split()[-4:] == cells


def test_text_table_never_cuts_a_date_interval():
    """An interval date keeps all its characters in a narrow table."""
    intervals = src.sources().filter(lambda source: "/" in str(source.published))
    table = text_table(intervals, width=60)
    assert intervals
    assert all(str(source.published) in table for source in intervals)


def test_html_table_never_breaks_a_date():
    """Every date column of an HTML table, published included, is kept on one line."""
    html = src.sources()._repr_html_()
    nowrap = re.findall(r"<td[^>]* nowrap>([^<]*)</td>", html)
    assert sorted(nowrap) == sorted(str(source.published) for source in src.sources())


def test_html_footer_names_the_kinds_of_a_mix():
    """The HTML table's footer names each kind of a mixed result."""
    hits = src.search("Syria")
    kinds = " | ".join(dict.fromkeys(type(hit).__name__ for hit in hits))
    assert " | " in kinds
    assert f"({kinds}, first" in hits._repr_html_()


def test_print_shows_the_text_table(corpus: Corpus, capsys: pytest.CaptureFixture[str]):
    """print(records) shows the text table, not the repr."""
    print(corpus.quotes())
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].split() == ["date", "speaker", "kind", "text"]
    assert "Sergei Lavrov" in printed


def test_record_view_shows_fields_names_and_evidence(corpus: Corpus):
    """A record's view lists its fields, its speaker by name, and its evidence offsets."""
    view = corpus.show(corpus.quote("q-lavrov"))
    page = view._repr_html_()
    assert "lavrov words" in page
    assert "Sergei Lavrov" in page
    assert "doc [0:10]" in page
    assert re.search(r"speaker +Sergei Lavrov", str(view))
    assert "speaker id" not in str(view)


def test_record_view_reads_fatalities():
    """An event's death toll reads as the source gives it: "more than 100"."""
    import syria_russia_corpus as src

    view = src.load().show(src.load().event("houla-massacre-2012-05-25"))
    assert ("fatalities", "more than 100") in view.fields()


def test_record_html_shows_the_words_around_the_span(monkeypatch: pytest.MonkeyPatch, documents_dir: Path):
    """With the documents at hand, a bundled record's HTML marks its span in its context."""
    import syria_russia_corpus as src

    quote = src.quotes()[0]
    monkeypatch.setenv(DOCUMENTS_ENV, str(documents_dir))
    page = src.load().show(quote)._repr_html_()
    assert "<mark>" in page
    assert f"{quote.source_id} [{quote.evidence[0].start}:{quote.evidence[0].end}]" in page


def test_record_view_finds_the_words_in_a_users_copy(
    monkeypatch: pytest.MonkeyPatch, documents_dir: Path, tmp_path: Path
):
    """With copies saved otherwise than ours, a record's view shows its words where the copy has them."""
    import syria_russia_corpus as src

    for path in documents_dir.glob("*.txt"):
        text = "Menu | Home\n\n" + path.read_text(encoding="utf-8").replace("\n", "\r\n")
        (tmp_path / path.name).write_bytes(text.encode("utf-8"))
    monkeypatch.setenv(DOCUMENTS_ENV, str(tmp_path))
    quote = src.load().quote("putin-not-discussing-asylum-2012-03-07")
    passage = src.load().show(quote).passages()[0]
    assert passage.words == quote.text
    assert passage.where.startswith(f"{quote.source_id} [1153:1188], found at [")


def test_record_view_reads_its_own_corpus_documents(
    monkeypatch: pytest.MonkeyPatch, documents_dir: Path, tmp_path: Path
):
    """A user's record whose source shares a bundled source's id is shown in the user's document."""
    import hashlib
    import shutil

    import syria_russia_corpus as src
    from syria_russia_corpus import locate

    bundled = src.load().source("csm-russia-no-asylum-for-assad-2012-03-08")
    for path in documents_dir.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    mine = tmp_path / "mine.txt"
    mine.write_text("My own notes. Lavrov words, in my document.\n", encoding="utf-8")
    records = small_records()
    source = attrs.evolve(bundled, sha256=hashlib.sha256(mine.read_bytes()).hexdigest())
    span = locate(mine, "Lavrov words", source_id=source.id)
    records["sources"] = [source]
    records["quotes"] = [
        attrs.evolve(records["quotes"][3], source_id=source.id, text="Lavrov words", evidence=(span,))
    ]
    records["events"] = records["positions"] = []
    corpus = Corpus.from_records(**records)  # type: ignore[arg-type]
    monkeypatch.setenv(DOCUMENTS_ENV, str(tmp_path))
    (passage,) = corpus.show(corpus.quotes()[0]).passages()
    assert (passage.before, passage.words) == ("My own notes.", "Lavrov words")


def test_show_refuses_an_id_in_place_of_a_record(corpus: Corpus):
    """show() of an id raises the package's ArgumentTypeError, saying to look the record up."""
    with pytest.raises(ArgumentTypeError, match=r"not str; look it up first"):
        corpus.show("sergei-lavrov")  # type: ignore[arg-type]


def test_to_dicts_uses_package_field_names(corpus: Corpus):
    """to_dicts gives the JSON objects of the package data."""
    (first,) = corpus.positions()[:1].to_dicts()
    assert first["id"] == corpus.positions()[0].id
    assert first["date"] == str(corpus.positions()[0].date)


def test_to_pandas_columns_and_dates(corpus: Corpus):
    """to_pandas gives one row per record, names resolved, date bounds as timestamps."""
    import pandas as pd

    frame = corpus.quotes_by("Russia", include_affiliated=True).to_pandas()
    assert len(frame) == 5
    assert {"id", "speaker_id", "speaker_name", "date", "date_earliest", "date_latest"} <= set(frame.columns)
    assert pd.api.types.is_datetime64_any_dtype(frame["date_earliest"])
    assert frame.loc[frame["id"] == "q-lavrov", "speaker_name"].item() == "Sergei Lavrov"


def test_to_pandas_dtypes(corpus: Corpus):
    """Counts are Int64, enums ordered categoricals, list fields lists, date bounds datetime64."""
    import pandas as pd

    events = corpus.events().to_pandas()
    assert str(events["fatalities_count"].dtype) == "Int64"
    assert isinstance(events["type"].dtype, pd.CategoricalDtype)
    assert events["type"].dtype.ordered
    assert list(events["type"].cat.categories[:2]) == ["agree", "consult"]
    assert events.loc[events["id"] == "e-paris", "participant_ids"].item() == ["putin", "hollande"]
    assert events.loc[events["id"] == "e-paris", "participant_names"].item() == [
        "Vladimir Putin",
        "François Hollande",
    ]


def test_to_pandas_keeps_dates_before_1677(corpus: Corpus):
    """A date pandas' nanoseconds cannot hold (year 1943 is fine, year 1200 is not) still converts."""
    from syria_russia_corpus import Event, EventType, PartialDate

    old = Event(id="old", title="Long ago", type=EventType.ASSAULT, date=PartialDate(1200))
    frame = Records([old]).to_pandas()
    assert frame["date_earliest"].item().year == 1200


def test_to_pandas_of_mixed_records(corpus: Corpus):
    """Search results of several kinds share one frame with a record_type column."""
    mixed = Records([corpus.quotes()[0], corpus.events()[0]])
    frame = mixed.to_pandas()
    assert list(frame["record_type"]) == ["quote", "event"]


def test_to_pandas_of_nothing():
    """An empty Records gives an empty DataFrame."""
    assert Records().to_pandas().empty


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch, corpus: Corpus):
    """Without pandas, to_pandas says which extra to install."""
    import sys

    from syria_russia_corpus.exceptions import MissingDependencyError

    monkeypatch.setitem(sys.modules, "pandas", None)
    wheel = rf"syria_russia_corpus-{re.escape(src.__version__)}-py3-none-any\.whl\[pandas\]"
    with pytest.raises(MissingDependencyError, match=rf'path/to/checkout\[pandas\]".*"{wheel}"') as info:
        corpus.quotes().to_pandas()
    assert isinstance(info.value, ImportError)
    assert "pypi" not in str(info.value).lower()


def test_missing_pyarrow_and_matplotlib_name_their_extras(
    monkeypatch: pytest.MonkeyPatch, corpus: Corpus, tmp_path: Path
):
    """Parquet and the plot name the parquet and plot extras when their packages are missing."""
    import sys

    from syria_russia_corpus.exceptions import MissingDependencyError

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependencyError, match=r"\[parquet\]"):
        corpus.export(tmp_path, format="parquet")
    with pytest.raises(MissingDependencyError, match=r"\[plot\]"):
        corpus.plot_stance_timeline("Russia")
