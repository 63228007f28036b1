"""registry/tables.py: the Core mirror of the model that reads use, and what it saves them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from registry import model, tables
from registry.tables_gen import TARGET, render


def test_the_mirror_is_generated_from_the_current_model():
    assert TARGET.read_text(encoding="utf-8") == render(), (
        "registry/tables.py is out of date: run `python -m registry.tables_gen`")


def test_the_mirror_has_every_column_of_the_tables_it_mirrors():
    for name, table in tables.metadata.tables.items():
        mirrored = model.metadata.tables[name]
        assert [c.name for c in table.columns] == [c.name for c in mirrored.columns]
        assert [c.name for c in table.primary_key] == [c.name for c in mirrored.primary_key]
    assert set(model.metadata.tables) - set(tables.metadata.tables) == {"audit_event"}


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.fixture
def sample_file(tmp_path):
    """The sample registry made by another process (the session's template may still sit in its WAL)."""
    path = tmp_path / "sample.db"
    subprocess.run([sys.executable, "-c", f"from registry.cli import main; raise SystemExit(main(['--db', r'{path}', 'init']))"],
                   capture_output=True, check=True)
    return path


def test_a_registry_wide_check_imports_neither_the_model_nor_sqlmodel(sample_file):
    sample_db = sample_file
    modules = _modules_after(
        "import io, contextlib\n"
        "from registry.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['--db', r'{sample_db}', 'check', '--format', 'json', '--on', '2022-06-01'])\n"
        "assert code in (0, 1), code\n")
    assert "registry.snapshot" in modules and "registry.rules" in modules    # it did check
    assert not {"registry.model", "sqlmodel"} & modules


def test_the_uis_first_page_of_boards_imports_neither_the_model_nor_sqlmodel(sample_file):
    sample_db = sample_file
    modules = _modules_after(
        "from datetime import date\n"
        "from registry import service\n"
        "from registry.db import make_engine, to_url\n"
        "from tui import data\n"
        f"total, rows = data.board_page(service.Context(make_engine(to_url(r'{sample_db}'))), date(2022, 6, 1))\n"
        "assert total == 9 and rows, (total, rows)\n")
    assert not {"registry.model", "sqlmodel", "pydantic"} & modules
