"""Reliability and safety: immutability, zip imports, file limits, no unsafe calls."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus, _loading
from syria_russia_corpus.exceptions import CorpusDataError

from .test_loading import write_corpus

PACKAGE = Path(src.__file__).parent


def test_records_and_their_fields_are_immutable():
    """A bundled record cannot be changed, nor its tuple fields."""
    quote = src.quotes()[0]
    with pytest.raises(AttributeError):
        quote.text = "changed"  # type: ignore[misc]
    assert isinstance(quote.topics, tuple)
    assert isinstance(quote.evidence, tuple)
    with pytest.raises(AttributeError):
        quote.evidence[0].start = 0  # type: ignore[misc]


def test_cached_corpus_cannot_be_altered():
    """A caller cannot replace the cached corpus's records or indexes."""
    corpus = src.load()
    with pytest.raises(AttributeError):
        corpus._quotes = corpus._events  # type: ignore[assignment]
    with pytest.raises(TypeError):
        corpus.quotes()[0] = corpus.quotes()[1]  # type: ignore[index]
    assert src.load() is corpus


def _dependencies() -> list[Path]:
    """The files or folders of the installed packages that importing and using the package loads."""
    # From a zip, the package reads its data through importlib.resources (the backport before 3.11).
    code = (
        "import sys, syria_russia_corpus as s; s.quotes_by('Putin'); s.cite();"
        "sys.version_info < (3, 11) and __import__('importlib_resources');"
        "print('\\n'.join(sorted({m.__file__ for m in list(sys.modules.values())"
        " if 'site-packages' in (getattr(m, '__file__', None) or '')})))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    tops = set()
    for line in found.stdout.split():
        path = Path(line)
        root = next(parent for parent in path.parents if parent.name == "site-packages")
        tops.add(root / path.relative_to(root).parts[0])
    return sorted(top for top in tops if not top.name.startswith(("syria_russia_corpus", "_")))


def test_works_when_imported_from_a_zip(tmp_path: Path):
    """From a zip, no installed metadata in sight, the package reads its data and cites version 0+unknown."""
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for top in [PACKAGE, *_dependencies()]:
            files = top.rglob("*") if top.is_dir() else [top]
            for path in files:
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".so":
                    bundle.write(path, path.relative_to(top.parent))
    code = (
        f"import sys; sys.path.insert(0, {str(archive)!r});"
        "import importlib.metadata as m, syria_russia_corpus as s;"
        f"assert s.__file__.startswith({str(archive)!r}), s.__file__;"
        "assert not list(m.distributions()), 'installed metadata is visible';"
        "assert s.__version__ == '0+unknown' and s.__version__ in s.cite();"
        "print(len(s.quotes()), len(s.quotes_by('Putin')))"
    )
    # Isolated (-I) and without site (-S): no site-packages, no PYTHONPATH, no metadata.
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(len(src.quotes())), str(len(src.quotes_by("Putin")))]


def test_package_data_not_in_a_folder_is_read_through_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Where the package has no data folder on disk (a zip), its data is read through importlib.resources."""
    folder = _loading.read_bundled().records
    monkeypatch.setattr(_loading, "__file__", str(tmp_path / "_loading.py"))
    assert _loading.read_bundled().records == folder


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A file past the size limit is refused, named, before it is read."""
    write_corpus(tmp_path)
    size = (tmp_path / "quotes.json").stat().st_size
    monkeypatch.setattr(_loading, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(CorpusDataError, match=r"quotes\.json: [0-9,]+ bytes, more than"):
        Corpus.from_path(tmp_path)


def test_large_valid_file_loads(tmp_path: Path):
    """A large, valid file (10,000 quotes) loads."""
    import json

    data = write_corpus(tmp_path)
    template = data["quotes.json"][0]
    quotes = [{**template, "id": f"q-{i}"} for i in range(10_000)]
    (tmp_path / "quotes.json").write_text(json.dumps(quotes), encoding="utf-8")
    (tmp_path / "positions.json").write_text("[]", encoding="utf-8")
    assert len(Corpus.from_path(tmp_path).quotes()) == 10_000


@pytest.mark.parametrize(
    "pattern",
    [r"\bpickle\b", r"\beval\(", r"\bexec\(", r"\burllib\b", r"\b(import|from) socket\b", r"\bos\.system\b"],
)
def test_no_unsafe_calls_in_the_package(pattern: str):
    """The package neither unpickles, evaluates code nor touches the network."""
    offenders = [p.name for p in PACKAGE.glob("*.py") if re.search(pattern, p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_export_writes_only_inside_the_directory(tmp_path: Path):
    """Every file an export writes is inside the named directory, and nothing else appears."""
    target = tmp_path / "out"
    before = set(tmp_path.iterdir())
    for form in ("csv", "jsonl", "parquet", "datapackage"):
        written = src.export(target / form, format=form)
        assert all(path.resolve().parent == (target / form).resolve() for path in written)
        assert sorted(p.name for p in (target / form).iterdir()) == sorted(p.name for p in written)
    assert set(tmp_path.iterdir()) - before == {target}
