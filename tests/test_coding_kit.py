"""The coding kit: a folder built on the bundled corpus, check, new-source and intercoder agreement."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import syria_russia_corpus as src
from syria_russia_corpus import (
    Actor,
    ActorKind,
    Corpus,
    Event,
    EventType,
    Evidence,
    PartialDate,
    Position,
    PositionBasis,
    Quote,
    QuoteKind,
    Source,
    SourceKind,
    Stance,
    Topic,
)
from syria_russia_corpus._cli import main
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus.exceptions import (
    ArgumentTypeError,
    CorpusDataError,
    DocumentError,
    ExportError,
    MissingDependencyError,
)

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
    assert "record 'other', field 'aliases[0]': 'Sergey Lavrov' also names 'lavrov'" in text
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
    with pytest.raises(CorpusDataError, match="already holds this document"):
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
    """check --documents --fill-anchors finds every span of the folder and writes the anchors it lacks."""
    bare = attrs.evolve(
        putin_quote, evidence=tuple(attrs.evolve(e, anchor=None) for e in putin_quote.evidence)
    )
    folder = write(tmp_path / "coding", quotes=[bare])
    assert main(["check", str(folder), "--documents", str(documents_dir), "--fill-anchors"]) == 0
    (written,) = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    assert written["evidence"][0]["anchor"] == unstructure(putin_quote.evidence[0].anchor)


def test_check_with_documents_reports_a_quote_that_is_not_its_span(
    tmp_path: Path, putin_quote: Quote, documents_dir: Path
):
    """A quote whose offsets hold other words is reported as its 'text', with its file, record and span."""
    span = putin_quote.evidence[0]
    moved = attrs.evolve(
        putin_quote, evidence=(attrs.evolve(span, start=span.start + 3, end=span.end + 3, anchor=None),)
    )
    folder = write(tmp_path / "coding", quotes=[moved])
    problems = src.check(folder, base=src.load(), documents=documents_dir, fill_anchors=True)
    assert len(problems) == 1
    assert problems[0].startswith(
        f"{folder / 'quotes.json'}: record 'my-putin-quote', field 'text': evidence[0]"
    )
    (written,) = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    assert "anchor" not in written["evidence"][0] or written["evidence"][0]["anchor"] is None, (
        "nothing written"
    )


def test_fill_anchors_must_be_a_bool(tmp_path: Path, putin_quote: Quote, documents_dir: Path):
    """fill_anchors="no" would count as true; anything but a bool is refused before a file is written."""
    bare = attrs.evolve(
        putin_quote, evidence=tuple(attrs.evolve(e, anchor=None) for e in putin_quote.evidence)
    )
    folder = write(tmp_path / "coding", quotes=[bare])
    before = (folder / "quotes.json").read_bytes()
    with pytest.raises(ArgumentTypeError, match="fill_anchors must be True or False"):
        src.check(folder, base=src.load(), documents=documents_dir, fill_anchors="no")  # type: ignore[arg-type]
    assert (folder / "quotes.json").read_bytes() == before


# -- the base a corpus was built on ---------------------------------------------------------------


def test_a_corpus_remembers_its_base(tmp_path: Path, putin_quote: Quote):
    """from_path(base=...) keeps the base as .base; a folder read alone and the bundled corpus have none."""
    folder = write(tmp_path, quotes=[putin_quote])
    assert Corpus.from_path(folder, base=src.load()).base is src.load()
    assert Corpus.from_path(write(tmp_path / "alone")).base is None
    assert src.load().base is None


def test_compare_leaves_out_the_base_both_codings_share(tmp_path: Path, putin_quote: Quote):
    """Without base=, two folders built on the bundled corpus compare only the coders' own records."""
    mine = Corpus.from_path(write(tmp_path / "a", quotes=[putin_quote]), base=src.load())
    theirs = Corpus.from_path(
        write(tmp_path / "b", quotes=[attrs.evolve(putin_quote, id="theirs", kind=QuoteKind.PARTIAL)]),
        base=src.load(),
    )
    report = src.compare(mine, theirs)
    assert report.matched == {"quotes": 1, "events": 0, "positions": 0}
    assert report.alpha["kind"] == 0.0, "one unit, coded two ways: no agreement beyond chance"


def test_folder_read_alone_is_told_to_build_on_the_bundled_corpus(tmp_path: Path, putin_quote: Quote):
    """A folder read alone that names a bundled actor is told the bundled corpus has it, and how to use it."""
    with pytest.raises(CorpusDataError) as error:
        Corpus.from_path(write(tmp_path, quotes=[putin_quote]))
    (line,) = [p for p in error.value.problems if "field 'speaker_id'" in p]
    assert line.endswith(
        "no actor has the id 'vladimir-putin'; the bundled corpus has it: "
        "build on it with base=src.load() (command line: drop --alone)"
    )


def test_check_alone_gives_the_same_advice(tmp_path: Path, putin_quote: Quote):
    """check with base=None points a bundled reference at the bundled corpus, as from_path does."""
    problems = src.check(write(tmp_path, quotes=[putin_quote]))
    assert any("'vladimir-putin'; the bundled corpus has it: build on it" in p for p in problems)


def test_a_misspelt_id_gets_a_suggestion(tmp_path: Path, putin_quote: Quote):
    """A dangling id close to a known one is answered with "did you mean"."""
    typo = attrs.evolve(putin_quote, speaker_id="vladimir-putn")
    expected = "no actor has the id 'vladimir-putn'; did you mean 'vladimir-putin'"
    with pytest.raises(CorpusDataError, match=expected):
        Corpus.from_path(write(tmp_path, quotes=[typo]), base=src.load())


def test_an_unlike_id_gets_no_suggestion(tmp_path: Path, putin_quote: Quote):
    """A dangling id like no known one is reported without a guess."""
    stranger = attrs.evolve(putin_quote, speaker_id="zzz-nobody-at-all")
    with pytest.raises(CorpusDataError) as error:
        Corpus.from_path(write(tmp_path, quotes=[stranger]), base=src.load())
    assert error.value.problems[0].endswith("no actor has the id 'zzz-nobody-at-all'")


def test_command_and_python_give_the_same_check_problems(
    tmp_path: Path, putin_quote: Quote, capsys: pytest.CaptureFixture[str]
):
    """check DIR prints exactly what src.check(DIR, base=src.load()) returns."""
    folder = write(tmp_path, quotes=[attrs.evolve(putin_quote, id="Bad_Id", evidence=())])
    main(["check", str(folder)])
    printed = capsys.readouterr().out.splitlines()
    problems = src.check(folder, base=src.load())
    assert problems
    assert printed == [*problems, f"{len(problems)} problems"]


def test_command_and_python_give_the_same_alphas(
    tmp_path: Path, putin_quote: Quote, capsys: pytest.CaptureFixture[str]
):
    """compare DIR_A DIR_B prints the report src.compare gives for the two folders on the bundled corpus."""
    first = write(tmp_path / "a", quotes=[putin_quote])
    second = write(tmp_path / "b", quotes=[attrs.evolve(putin_quote, id="theirs", kind=QuoteKind.PARTIAL)])
    main(["compare", str(first), str(second)])
    report = src.compare(*(Corpus.from_path(folder, base=src.load()) for folder in (first, second)))
    assert capsys.readouterr().out == f"{report}\n"


# -- compare: events, positions, spans and every field ----------------------------------------------


def _spans(*starts: int) -> tuple[Evidence, ...]:
    return tuple(Evidence(source_id="doc", start=start, end=start + 10) for start in starts)


def _event(eid: str, type: EventType, *starts: int) -> Event:
    return Event(
        id=eid, title="A meeting", type=type, date=PartialDate.parse("2012-06"), evidence=_spans(*starts)
    )


def _position(pid: str, actor: str, stance: Stance) -> Position:
    return Position(
        id=pid,
        actor_id=actor,
        topic=Topic.SANCTIONS,
        stance=stance,
        date=PartialDate.parse("2012-06"),
        basis=PositionBasis.ANALYSIS,
        evidence=_spans(300),
    )


def _codings(**collections: list[object]) -> Corpus:
    records = small_records()
    records.update({"quotes": [], "events": [], "positions": [], **collections})
    return Corpus.from_records(**records)  # type: ignore[arg-type]


def test_an_event_typed_two_ways_is_a_disagreement():
    """Two coders who give one event different types are paired, and the type is their disagreement."""
    report = src.compare(
        _codings(events=[_event("a-e", EventType.CONSULT, 0)]),
        _codings(events=[_event("b-e", EventType.AGREE, 2)]),
    )
    assert report.matched["events"] == 1
    assert [(d.field, d.a_value, d.b_value) for d in report.disagreements] == [("type", "consult", "agree")]
    assert report.alpha["type"] == 0.0


def test_an_equal_type_breaks_a_tie_between_events():
    """Of two events on the same words, the one of the same type is the partner."""
    a = _codings(events=[_event("a-consult", EventType.CONSULT, 0), _event("a-agree", EventType.AGREE, 0)])
    b = _codings(events=[_event("b-agree", EventType.AGREE, 0)])
    report = src.compare(a, b)
    assert report.disagreements == ()
    assert [e.id for e in report.unmatched["a"]] == ["a-consult"]


def test_position_alpha_is_krippendorffs():
    """Stances (support, support), (oppose, oppose), (support, oppose) give alpha 4/9, as worked by hand.

    Coincidences: support-support 2, oppose-oppose 2, support-oppose 1 each way; n = 6,
    3 of each value. Observed disagreement 2/6; expected 2*3*3/(6*5) = 0.6; alpha = 1 - (1/3)/0.6.
    """
    a = _codings(
        positions=[
            _position("a1", "lavrov", Stance.SUPPORT),
            _position("a2", "putin", Stance.OPPOSE),
            _position("a3", "russia", Stance.SUPPORT),
        ]
    )
    b = _codings(
        positions=[
            _position("b1", "lavrov", Stance.SUPPORT),
            _position("b2", "putin", Stance.OPPOSE),
            _position("b3", "russia", Stance.OPPOSE),
        ]
    )
    report = src.compare(a, b)
    assert report.matched["positions"] == 3
    assert report.alpha["stance"] == pytest.approx(4 / 9)
    assert [(d.a_id, d.b_id, d.field) for d in report.disagreements] == [("a3", "b3", "stance")]


def test_quotes_match_over_all_their_spans():
    """A quote coded in two spans matches one coded from its second span alone."""
    report = src.compare(
        _codings(quotes=[attrs.evolve(_quote("a-split", 0, QuoteKind.DIRECT), evidence=_spans(0, 50))]),
        _codings(quotes=[_quote("b-second", 50, QuoteKind.DIRECT)]),
    )
    assert report.matched["quotes"] == 1


def test_every_field_has_an_alpha():
    """Every coded field is in alpha, NaN for a kind of which no unit was matched."""
    report = src.compare(
        _codings(quotes=[_quote("a1", 0, QuoteKind.DIRECT)]),
        _codings(quotes=[_quote("b1", 0, QuoteKind.REPORTED)]),
    )
    assert set(report.alpha) == {"speaker", "kind", "topics", "date", "type", "stance", "basis"}
    assert math.isnan(report.alpha["type"])
    assert math.isnan(report.alpha["stance"])


# -- new-source on bad input --------------------------------------------------------------------------


def _document(tmp_path: Path) -> Path:
    document = tmp_path / "article.txt"
    document.write_text("A title\n\nMOSCOW, 14 June 2012 - words.\n", encoding="utf-8")
    return document


def test_new_source_reads_a_day_month_year_date(tmp_path: Path):
    """'14 June 2012' in the text is suggested as the publication date."""
    assert str(src.new_source(_document(tmp_path), into=tmp_path / "coding").published) == "2012-06-14?"


@pytest.mark.parametrize(
    ("sources_json", "expected"),
    [
        (b"not json", "invalid JSON"),
        (b'{"a": 1}', "expected a JSON array"),
        (b"[1]", "expected a JSON object"),
        (b"\xff[]", "not UTF-8"),
    ],
)
def test_new_source_refuses_a_bad_sources_file(tmp_path: Path, sources_json: bytes, expected: str):
    """A sources.json that is not a JSON array of sources is a CorpusDataError naming the file."""
    folder = tmp_path / "coding"
    folder.mkdir()
    (folder / "sources.json").write_bytes(sources_json)
    with pytest.raises(CorpusDataError, match=expected) as error:
        src.new_source(_document(tmp_path), into=folder)
    assert error.value.problems[0].startswith(str(folder / "sources.json"))
    assert (folder / "sources.json").read_bytes() == sources_json, "nothing written"


@pytest.mark.parametrize(
    ("arguments", "error", "expected"),
    [
        (("missing.txt", "coding"), DocumentError, "no such file"),
        ((".", "coding"), DocumentError, "a directory, not a regular file"),
        (("latin1.txt", "coding"), DocumentError, "not UTF-8 text"),
        (("nul\x00.txt", "coding"), DocumentError, "NUL character"),
        (("article.txt", "article.txt"), ExportError, "a file, not a folder"),
        (("article.txt", "in\x00side"), ExportError, "NUL character"),
        (("article.txt", "article.txt/below"), ExportError, "cannot be created"),
        ((None, "coding"), ArgumentTypeError, "document must be a str or a path"),
        (("article.txt", 5), ArgumentTypeError, "into must be a str or a path"),
    ],
)
def test_new_source_refuses_bad_paths(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: tuple[object, object],
    error: type,
    expected: str,
):
    """Each bad document or folder is the package's own error, saying what is wrong."""
    monkeypatch.chdir(tmp_path)
    _document(tmp_path)
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    document, into = arguments
    with pytest.raises(error, match=expected):
        src.new_source(document, into=into)  # type: ignore[arg-type]


def test_new_source_refuses_a_bundled_document(tmp_path: Path, documents_dir: Path):
    """A document the bundled corpus codes already is refused, naming its source; nothing is written."""
    (document,) = [p for p in documents_dir.glob("*.txt") if _sha256(p) == src.sources()[0].sha256]
    expected = f"the bundled corpus already holds this document .* {src.sources()[0].id!r}"
    with pytest.raises(CorpusDataError, match=expected):
        src.new_source(document, into=tmp_path / "coding")
    assert not (tmp_path / "coding").exists()


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_source_command_says_what_is_wrong_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """new-source with a bad sources.json exits 2 with one line, never a traceback."""
    (tmp_path / "coding").mkdir()
    (tmp_path / "coding" / "sources.json").write_text("[1]")
    assert main(["new-source", str(_document(tmp_path)), "--into", str(tmp_path / "coding")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("syria-russia-corpus: error: ")
    assert "sources.json" in line


# -- check: the codebook's mechanical rules -------------------------------------------------------------


def _source(**changes: object) -> Source:
    fields: dict[str, object] = {
        "id": "my-source",
        "title": "A new article",
        "outlet": None,
        "kind": SourceKind.NEWS_ARTICLE,
        "published": PartialDate.parse("2012-06-14"),
        "author": None,
        "sha256": "1" * 64,
        "url": "https://example.org/article",
    }
    return Source(**{**fields, **changes})  # type: ignore[arg-type]


def _actor(**changes: object) -> Actor:
    fields: dict[str, object] = {
        "id": "new-actor",
        "name": "Somebody New",
        "kind": ActorKind.PERSON,
        "description": "A person the new article quotes.",
    }
    return Actor(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("collection", "record", "expected"),
    [
        (
            "sources",
            _source(published=PartialDate.parse("2012-06?")),
            "record 'my-source', field 'published': '2012-06?' is inferred (flagged or a range), "
            "and the notes are empty",
        ),
        ("sources", _source(url=None), "field 'url': no address, and the notes do not say why"),
        (
            "sources",
            _source(url="www.example.org"),
            "field 'url': 'www.example.org' is not an http(s) address",
        ),
        ("actors", _actor(description=""), "field 'description': '' is not a one-line description"),
        ("actors", _actor(description="Two\nlines"), "'Two\\nlines' is not a one-line description"),
        ("actors", _actor(name="Sergei Lavrov"), "field 'name': 'Sergei Lavrov' also names 'sergei-lavrov'"),
    ],
)
def test_check_applies_the_codebook_rule(tmp_path: Path, collection: str, record: object, expected: str):
    """Each mechanical codebook rule is reported on a record that breaks it, and only that."""
    problems = src.check(write(tmp_path, **{collection: [record]}), base=src.load())
    assert len(problems) == 1
    assert expected in problems[0]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"date": PartialDate.parse("2012-03-07?"), "notes": ""},
            "field 'date': '2012-03-07?' is inferred (flagged or a range), and the notes are empty",
        ),
        (
            {"date": PartialDate.parse("2012-03-01/2012-03-07"), "notes": ""},
            "field 'date': '2012-03-01/2012-03-07' is inferred",
        ),
        (
            {"date": PartialDate.parse("2012-03~/.."), "notes": ""},
            "field 'date': '2012-03~/..' is open-ended",
        ),
        ({"text": "two  spaces"}, "field 'text': 'two  spaces' is not written as the codebook says"),
    ],
)
def test_check_applies_the_codebook_rule_to_quotes(
    tmp_path: Path, putin_quote: Quote, changes: dict[str, object], expected: str
):
    """A quote with an unexplained inferred date or unnormalized text is reported, and only that."""
    problems = src.check(write(tmp_path, quotes=[attrs.evolve(putin_quote, **changes)]), base=src.load())
    assert len(problems) == 1
    assert f"record 'my-putin-quote', {expected}" in problems[0]


def test_check_refuses_a_second_source_of_a_bundled_document(tmp_path: Path):
    """A source with the SHA-256 of a bundled source is reported, naming the bundled one."""
    bundled = src.sources()[0]
    problems = src.check(write(tmp_path, sources=[attrs.evolve(bundled, id="my-copy")]), base=src.load())
    assert problems == (
        f"{tmp_path / 'sources.json'}: record 'my-copy', field 'sha256': the source {bundled.id!r} is the "
        "same document; one document is one source, so code into the existing one",
    )


def test_check_documents_runs_despite_rule_problems(tmp_path: Path, putin_quote: Quote, documents_dir: Path):
    """With --documents, spans are checked in the same pass as the rules, whatever the rules found."""
    span = putin_quote.evidence[0]
    moved = attrs.evolve(
        putin_quote,
        id="Not_A_Slug",
        evidence=(attrs.evolve(span, start=span.start + 3, end=span.end + 3, anchor=None),),
    )
    problems = src.check(write(tmp_path, quotes=[moved]), base=src.load(), documents=documents_dir)
    assert [p.split(", ", 1)[1].split(":")[0] for p in problems] == ["field 'id'", "field 'text'"]


def test_check_documents_waits_for_a_folder_that_loads(
    tmp_path: Path, putin_quote: Quote, documents_dir: Path
):
    """A folder that does not load has its problems reported, and says its spans wait for it."""
    folder = write(tmp_path, quotes=[attrs.evolve(putin_quote, speaker_id="nobody-known")])
    problems = src.check(folder, base=src.load(), documents=documents_dir)
    assert "no actor has the id 'nobody-known'" in problems[0]
    waiting = "the documents are checked once the folder loads (mend the problems above)"
    assert problems[-1] == f"{documents_dir}: {waiting}"


def test_check_documents_writes_nothing_unasked(tmp_path: Path, putin_quote: Quote, documents_dir: Path):
    """check --documents without --fill-anchors leaves the folder's files as they were."""
    bare = attrs.evolve(
        putin_quote, evidence=tuple(attrs.evolve(e, anchor=None) for e in putin_quote.evidence)
    )
    folder = write(tmp_path, quotes=[bare])
    before = (folder / "quotes.json").read_bytes()
    assert main(["check", str(folder), "--documents", str(documents_dir)]) == 0
    assert (folder / "quotes.json").read_bytes() == before


# -- loading: conflicts and other export formats -------------------------------------------------------------


def test_conflict_shows_both_values(tmp_path: Path):
    """A conflicting field shows the base's value and the folder's, as the files hold them."""
    putin = attrs.evolve(src.actor("Putin"), name="V. Putin")
    with pytest.raises(CorpusDataError, match=r"\(name: base \"Vladimir Putin\", yours \"V. Putin\"\)"):
        Corpus.from_path(write(tmp_path, actors=[putin]), base=src.load())


def test_conflict_cuts_a_long_value_short(tmp_path: Path):
    """A long conflicting value is cut to about 80 characters."""
    putin = attrs.evolve(src.actor("Putin"), description="x" * 500)
    with pytest.raises(CorpusDataError) as error:
        Corpus.from_path(write(tmp_path, actors=[putin]), base=src.load())
    assert f'yours "{"x" * 78}…)' in error.value.problems[0]
    assert "x" * 81 not in error.value.problems[0]


@pytest.mark.parametrize("format", ["jsonl", "csv", "datapackage"])
def test_another_export_format_is_named(tmp_path: Path, format: str):
    """A folder holding another export format gets one problem naming it and how to export json."""
    src.export(tmp_path / "export", format=format)
    with pytest.raises(CorpusDataError) as error:
        Corpus.from_path(tmp_path / "export")
    (problem,) = error.value.problems
    assert f"holds a {format} export" in problem
    assert 'format="json"' in problem


# -- command-line flags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--data", "{folder}", "check", "{folder}"], "--data does not apply to this command"),
        (["--data", "{folder}", "compare", "{folder}", "{folder}"], "--data does not apply to this command"),
        (["--alone", "info"], "--alone reads the folder of --data by itself"),
        (["check", "{folder}", "--fill-anchors"], "--fill-anchors needs --documents"),
    ],
)
def test_a_flag_the_command_would_ignore_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
):
    """--data with check or compare, --alone without --data, --fill-anchors without documents: exit 2."""
    folder = write(tmp_path)
    with pytest.raises(SystemExit) as raised:
        main([arg.format(folder=folder) for arg in argv])
    assert raised.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert expected in line


@pytest.mark.parametrize("argv", [["--alone", "check", "{folder}"], ["check", "--alone", "{folder}"]])
def test_check_alone_reads_the_folder_by_itself(
    tmp_path: Path, putin_quote: Quote, capsys: pytest.CaptureFixture[str], argv: list[str]
):
    """--alone, before or after the command, reads the folder without the bundled corpus."""
    folder = write(tmp_path, quotes=[putin_quote])
    assert main([arg.format(folder=folder) for arg in argv]) == 1
    assert "the bundled corpus has it" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW, Dec. 19, 2006 - words", "2006-12-19?"),
        ("on June 31, 2012, or rather 2012-06-05", "2012-06-05?"),
        ("Sept. 3 2015", "2015-09-03?"),
        ("only a year, 2013", "2013?"),
        ("no date at all", "2000?"),
    ],
)
def test_new_source_suggests_the_first_real_date(tmp_path: Path, text: str, expected: str):
    """The first date the text writes that is a real day is suggested; else a year; else a placeholder."""
    document = tmp_path / "article.txt"
    document.write_text(f"A title\n{text}\n", encoding="utf-8")
    assert str(src.new_source(document, into=tmp_path / "coding").published) == expected


def test_check_of_a_missing_folder_is_a_problem(tmp_path: Path):
    """check of a folder that does not exist returns the problem instead of raising."""
    (problem,) = src.check(tmp_path / "nowhere")
    assert problem.startswith(f"{tmp_path / 'nowhere'}: not a directory")


@pytest.mark.parametrize(
    "call", [lambda: src.check(".", base="bundled"), lambda: src.compare(src.load(), "b")]
)
def test_coding_functions_refuse_what_is_not_a_corpus(call: Callable[[], object]):
    """A base or a coding that is not a Corpus is an ArgumentTypeError naming its type."""
    with pytest.raises(ArgumentTypeError, match="not str"):
        call()


def test_a_json_export_of_the_command_loads_back(
    tmp_path: Path, putin_quote: Quote, capsys: pytest.CaptureFixture[str]
):
    """export DIR (json) of a folder on the bundled corpus is read back by --data with the same records."""
    folder = write(tmp_path / "mine", quotes=[putin_quote])
    assert main(["--data", str(folder), "export", str(tmp_path / "export")]) == 0
    capsys.readouterr()
    exported = Corpus.from_path(tmp_path / "export", base=src.load())
    assert exported.quotes() == Corpus.from_path(folder, base=src.load()).quotes()
    assert main(["--data", str(tmp_path / "export"), "info", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["quotes"] == len(src.quotes()) + 1
