"""The coding kit: a folder built on the bundled corpus, check, new-source and intercoder agreement."""

from __future__ import annotations

import json
import math
from pathlib import Path

import attrs
import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus, Evidence, Quote, QuoteKind
from syria_russia_corpus._cli import main
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus.exceptions import CorpusDataError, MissingDependencyError

from .conftest import small_records


def write(folder: Path, **records: list[object]) -> Path:
    """A coder's folder holding *records* (by collection), every other file empty."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("sources", "actors", "quotes", "events", "positions"):
        items = [unstructure(r) for r in records.get(name, [])]
        (folder / f"{name}.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def putin_quote() -> Quote:
    """A bundled quote under a new id: a coder's record that refers to bundled actors and sources."""
    return attrs.evolve(src.quotes_by("Putin")[0], id="my-putin-quote")


# -- building on a base ------------------------------------------------------------------


def test_folder_refers_to_the_base(tmp_path: Path, putin_quote: Quote):
    """A folder's records may name the base's actors and sources; the result holds both."""
    corpus = Corpus.from_path(write(tmp_path, quotes=[putin_quote]), base=src.load())
    assert corpus.quote("my-putin-quote").speaker_id == "vladimir-putin"
    assert len(corpus.quotes()) == len(src.quotes()) + 1
    assert len(src.quotes()) == len(src.load().quotes()), "the base is not altered"


def test_same_record_in_both_is_one(tmp_path: Path):
    """A copied base actor is one actor, not a duplicate."""
    putin = src.actor("Putin")
    corpus = Corpus.from_path(write(tmp_path, actors=[putin]), base=src.load())
    assert len(corpus.actors()) == len(src.actors())


def test_conflicting_id_names_the_fields(tmp_path: Path):
    """An id of the base's with other values is an error naming the id and the fields that differ."""
    putin = attrs.evolve(src.actor("Putin"), description="Someone else")
    with pytest.raises(CorpusDataError, match=r"'vladimir-putin', field\(s\) 'description'") as error:
        Corpus.from_path(write(tmp_path, actors=[putin]), base=src.load())
    assert "actors.json" in str(error.value)


def test_without_a_base_the_bundled_records_are_unknown(tmp_path: Path, putin_quote: Quote):
    """Read alone, a folder that names bundled actors fails, naming each reference."""
    with pytest.raises(CorpusDataError, match="no actor has the id 'vladimir-putin'"):
        Corpus.from_path(write(tmp_path, quotes=[putin_quote]))


# -- check -----------------------------------------------------------------------------------


def test_check_of_a_clean_folder(tmp_path: Path, putin_quote: Quote):
    """A folder that keeps every rule has no problems."""
    assert src.check(write(tmp_path, quotes=[putin_quote]), base=src.load()) == ()


def test_check_reports_every_rule_in_one_pass(tmp_path: Path, putin_quote: Quote):
    """Missing evidence, a bad id, a shared alias, a late quote and a bare 'stated' come in one pass."""
    records = small_records()
    quotes = records["quotes"]
    quotes[0] = attrs.evolve(quotes[0], id="Q_Late", date=src.PartialDate.parse("2013"), evidence=())
    records["actors"].append(
        src.Actor(id="other", name="Other", kind=src.ActorKind.PERSON, aliases=("Sergey Lavrov",))
    )
    problems = src.check(write(tmp_path, **records))
    text = "\n".join(problems)
    assert "record 'Q_Late', field 'id': 'Q_Late' is not a slug" in text
    assert "record 'Q_Late', field 'evidence': no evidence" in text
    assert "record 'Q_Late', field 'date': '2013' is after its source was published" in text
    assert "record 'other', field 'aliases': 'Sergey Lavrov' also names 'lavrov'" in text
    assert "record 'p-putin-asylum', field 'basis': 'stated' needs a direct or partial quote" in text
    assert all(line.startswith(str(tmp_path)) for line in problems)


def test_check_reports_what_loading_refuses(tmp_path: Path):
    """A folder that does not load gets the loader's problems, not a traceback."""
    folder = write(tmp_path)
    (folder / "quotes.json").write_text("[{}]")
    problems = src.check(folder)
    assert problems
    assert any("field 'id': missing" in problem for problem in problems)


def test_check_command_exit_codes(tmp_path: Path, putin_quote: Quote, capsys: pytest.CaptureFixture[str]):
    """check exits 0 on a clean folder and 1 with one line per problem otherwise."""
    clean = write(tmp_path / "clean", quotes=[putin_quote])
    assert main(["check", str(clean)]) == 0
    broken = write(tmp_path / "broken", quotes=[attrs.evolve(putin_quote, evidence=())])
    capsys.readouterr()
    assert main(["check", str(broken)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(str(broken / "quotes.json"))
    assert lines[-1] == "1 problem"


# -- new-source ---------------------------------------------------------------------------------


def test_new_source_writes_a_record_nobody_typed(tmp_path: Path):
    """new-source writes the source with the document's SHA-256, a suggested id and date, and empty files."""
    import hashlib

    document = tmp_path / "article.txt"
    document.write_text("Putin and Assad meet\n\nMOSCOW, June 1, 2012 - words.\n", encoding="utf-8")
    folder = tmp_path / "coding"
    assert main(["new-source", str(document), "--into", str(folder)]) == 0
    (source,) = json.loads((folder / "sources.json").read_text(encoding="utf-8"))
    assert source["sha256"] == hashlib.sha256(document.read_bytes()).hexdigest()
    assert source["id"] == "putin-and-assad-meet-2012"
    assert source["published"] == "2012-06-01?"
    assert json.loads((folder / "quotes.json").read_text()) == []
    assert any("new-source left something to check" in p for p in src.check(folder))


def test_new_source_refuses_the_same_document_twice(tmp_path: Path):
    """A document already in the folder is refused, and a second document gets an id of its own."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Same title\n2012\n", encoding="utf-8")
    second.write_text("Same title\n2012 again\n", encoding="utf-8")
    src.new_source(first, into=tmp_path / "coding")
    with pytest.raises(CorpusDataError, match="already has the SHA-256"):
        src.new_source(first, into=tmp_path / "coding")
    assert src.new_source(second, into=tmp_path / "coding").id == "same-title-2012-2"


# -- compare ------------------------------------------------------------------------------------


def _quote(qid: str, start: int, kind: QuoteKind, speaker: str = "putin") -> Quote:
    return Quote(id=qid, text="words", speaker_id=speaker, source_id="doc", kind=kind, date=None,
                 evidence=(Evidence(source_id="doc", start=start, end=start + 10),))  # fmt: skip


def _coding(*quotes: Quote) -> Corpus:
    records = small_records()
    records["quotes"] = list(quotes)
    records["events"] = records["positions"] = []
    return Corpus.from_records(**records)  # type: ignore[arg-type]


def test_compare_matches_units_and_measures_each_field():
    """Quotes match by overlapping spans; alpha is 1 where coders agree and lower where they do not."""
    a = _coding(_quote("a1", 0, QuoteKind.DIRECT), _quote("a2", 100, QuoteKind.REPORTED),
                _quote("a3", 200, QuoteKind.DIRECT), _quote("a4", 500, QuoteKind.PARTIAL))  # fmt: skip
    b = _coding(_quote("b1", 2, QuoteKind.DIRECT), _quote("b2", 101, QuoteKind.DIRECT),
                _quote("b3", 203, QuoteKind.DIRECT), _quote("b9", 900, QuoteKind.DIRECT))  # fmt: skip
    report = src.compare(a, b)
    assert report.matched["quotes"] == 3
    assert [(d.field, d.a_id, d.b_id, d.a_value, d.b_value) for d in report.disagreements] == [
        ("kind", "a2", "b2", "reported", "direct")
    ]
    assert report.alpha["kind"] < 1
    assert math.isnan(report.alpha["speaker"]), "one speaker throughout: alpha is undefined"
    assert [q.id for q in report.unmatched["a"]] == ["a4"]
    assert [q.id for q in report.unmatched["b"]] == ["b9"]


def test_compare_of_a_coding_with_itself_is_perfect():
    """A coding compared with itself agrees on every field that varies, with nothing unmatched."""
    report = src.compare(src.load(), src.load())
    assert all(value == 1 for value in report.alpha.values() if not math.isnan(value))
    assert report.disagreements == ()
    assert report.unmatched == {"a": (), "b": ()}


def test_compare_leaves_out_the_base(tmp_path: Path, putin_quote: Quote):
    """With a base, only the coders' own records are compared."""
    mine = Corpus.from_path(write(tmp_path / "a", quotes=[putin_quote]), base=src.load())
    theirs = Corpus.from_path(
        write(tmp_path / "b", quotes=[attrs.evolve(putin_quote, id="theirs")]), base=src.load()
    )
    report = src.compare(mine, theirs, base=src.load())
    assert report.matched == {"quotes": 1, "events": 0, "positions": 0}


def test_compare_without_krippendorff(monkeypatch: pytest.MonkeyPatch):
    """Without the agreement extra, compare says which extra to install."""
    import sys

    monkeypatch.setitem(sys.modules, "krippendorff", None)
    with pytest.raises(MissingDependencyError, match=r"checkout\[agreement\]"):
        src.compare(src.load(), src.load())


def test_compare_command(tmp_path: Path, putin_quote: Quote, capsys: pytest.CaptureFixture[str]):
    """compare DIR_A DIR_B prints the alphas and what went unmatched."""
    first = write(tmp_path / "a", quotes=[putin_quote])
    second = write(tmp_path / "b", quotes=[attrs.evolve(putin_quote, id="theirs", kind=QuoteKind.PARTIAL)])
    assert main(["compare", str(first), str(second)]) == 0
    printed = capsys.readouterr().out
    assert "matched: 1 quotes, 0 events, 0 positions" in printed
    assert "kind: my-putin-quote" in printed


def test_check_with_documents_fills_in_anchors(tmp_path: Path, putin_quote: Quote, documents_dir: Path):
    """check --documents finds every span of the folder and writes the anchors its spans lack."""
    bare = attrs.evolve(
        putin_quote, evidence=tuple(attrs.evolve(e, anchor=None) for e in putin_quote.evidence)
    )
    folder = write(tmp_path / "coding", quotes=[bare])
    assert main(["check", str(folder), "--documents", str(documents_dir)]) == 0
    (written,) = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    assert written["evidence"][0]["anchor"] == unstructure(putin_quote.evidence[0].anchor)


def test_check_with_documents_reports_a_quote_that_is_not_its_span(
    tmp_path: Path, putin_quote: Quote, documents_dir: Path
):
    """A quote whose offsets hold other words is reported with its file, record and span."""
    span = putin_quote.evidence[0]
    moved = attrs.evolve(
        putin_quote, evidence=(attrs.evolve(span, start=span.start + 3, end=span.end + 3, anchor=None),)
    )
    folder = write(tmp_path / "coding", quotes=[moved])
    problems = src.check(folder, base=src.load(), documents=documents_dir, fill_anchors=True)
    assert len(problems) == 1
    assert problems[0].startswith(f"{folder / 'quotes.json'}: record 'my-putin-quote', field 'evidence[0]'")
    (written,) = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    assert "anchor" not in written["evidence"][0] or written["evidence"][0]["anchor"] is None, (
        "nothing written"
    )
