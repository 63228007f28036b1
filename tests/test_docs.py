"""The CLI reference is generated from --help and must match the code."""

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_cli_reference_is_current(monkeypatch):
    spec = importlib.util.spec_from_file_location("gen_cli", DOCS / "gen_cli.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    current = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert gen.render() + "\n" == current, "run: python docs/gen_cli.py"


def test_readme_commands_are_the_ci_commands():
    root = DOCS.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in readme and ".venv/bin/python -m pytest" in ci
    assert "pip install -e '.[test]'" in readme and 'pip install --quiet -e ".[test]"' in ci
