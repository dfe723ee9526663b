"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import subprocess
import sys

import syria_russia_corpus as src


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syria_russia_corpus", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_help():
    """--help describes the command and exits 0."""
    result = run("--help")
    assert result.returncode == 0
    assert "usage: syria-russia-corpus" in result.stdout


def test_info_summarizes_the_corpus():
    """info prints the data version and the count of each record kind."""
    result = run("info")
    assert result.returncode == 0, result.stderr
    assert src.DATA_VERSION in result.stdout
    assert f"{len(src.quotes())} quotes" in result.stdout
    assert f"{len(src.sources())} sources" in result.stdout


def test_no_command_means_info():
    """With no command the summary is printed."""
    assert run().stdout == run("info").stdout


def test_bad_command_exits_2_without_traceback():
    """An unknown command exits 2 with a usage line, never a traceback."""
    result = run("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
