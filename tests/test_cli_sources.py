"""``python -m checks analyze --source ...``: choosing sources, ZIM not in this build, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.cli import main
from tests.conftest import DEMO_ARTICLE
from tests.test_cli import run


def test_a_missing_zim_file_named_on_the_command_line_fails_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "wikipedia_en.zim"
    result = run(
        "analyze", str(DEMO_ARTICLE), "--source", f"zim:{missing}",
        "--db", str(tmp_path / "z.sqlite3"),
    )  # fmt: skip
    assert result.returncode == 1
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "z.sqlite3").exists()  # nothing was started


def test_unknown_source_is_bad_usage(tmp_path: Path) -> None:
    result = run("analyze", str(DEMO_ARTICLE), "--source", "gopher", "--db", str(tmp_path / "u.db"))
    assert result.returncode == 2
    assert "unknown source 'gopher'" in result.stderr


def test_wikipedia_asked_for_while_switched_off_uses_the_cache_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "analyze", str(DEMO_ARTICLE), "--source", "library", "--source", "wikipedia",
            "--lang", "de", "--full-text", "--db", str(tmp_path / "w.sqlite3"),
        ]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0
    assert "notice: Wikipedia unreachable: used the cache and your library" in err
    assert "no contact set" in err


def test_help_names_the_source_options() -> None:
    sub = run("analyze", "--help")
    for option in ("--source", "--lang", "--full-text", "--refresh", "zim:PATH"):
        assert option in sub.stdout
