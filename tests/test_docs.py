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


def test_contract_copies_are_in_step():
    """docs/contract/ holds copies of the ecosystem's spec; when ../shared is there, they match it."""
    import os

    root = DOCS.parent
    base = Path(os.environ["UDPEG_SHARED"]) if os.environ.get("UDPEG_SHARED") else root.parent / "shared"
    copies = sorted(p.name for p in (DOCS / "contract").glob("*.md") if p.name != "README.md")
    assert {"cli.md", "dataset.md", "domain.md", "quality.md"} <= set(copies)
    if not (base / "spec").is_dir():
        return  # a user's clone: nothing to compare against
    stale = [n for n in copies if (base / "spec" / n).read_bytes() != (DOCS / "contract" / n).read_bytes()]
    assert not stale, f"copy these from {base / 'spec'} into docs/contract: {stale}"
