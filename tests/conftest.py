"""Shared fixtures: registries on files in tmp_path (never in-memory: workers need a real file),
and an in-process ``udpeg`` runner that captures standard output and error."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_udpeg(*args: str, db: Path | str | None = None, env: dict | None = None) -> Result:
    """Run ``udpeg`` in-process (fast) with captured output; returns exit code, stdout, stderr."""
    from registry.cli import main
    from registry.i18n import set_language

    argv = ([f"--db={db}"] if db is not None else []) + [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(argv)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        set_language("en")
    return Result(int(code), out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path, _cache_dir):
    """No test touches the user's data or cache directory or depends on the machine's locale."""
    monkeypatch.setenv("UDPEG_LANG", "en")
    monkeypatch.setenv("UDPEG_CACHE_DIR", str(_cache_dir))   # the .mo compiled on first use
    monkeypatch.delenv("UDPEG_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "registry.db"
    r = run_udpeg("init", db=path)
    assert r.code == 0, r.err
    return path


@pytest.fixture
def sample_db(_sample_template, tmp_path) -> Path:
    """A fresh copy of the sample registry (made once per session, copied per test)."""
    path = tmp_path / "registry.db"
    shutil.copy(_sample_template, path)
    return path


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "empty.db"
    r = run_udpeg("init", "--empty", db=path)
    assert r.code == 0, r.err
    return path


@pytest.fixture
def udpeg():
    return run_udpeg
