"""The house rules of architecture.md, checked in fresh interpreters."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return set(out.split())


def test_registry_never_imports_the_ui():
    mods = _modules_after("import registry.service, registry.rules, registry.cli.app, registry.dataset.load")
    assert not any(m == "textual" or m.startswith(("textual.", "tui")) for m in mods)


def test_registry_sources_never_import_the_ui():
    """Not even lazily: the ``udpeg`` entry point (tui/launch.py) hands the UI to the core's CLI."""
    offenders = []
    for path in (ROOT / "registry").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "import textual" in line or "from textual" in line or "from tui" in line or "import tui" in line:
                offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert offenders == []


def test_the_core_cli_without_the_ui_says_so(sample_db):
    before = sample_db.read_bytes()
    out = subprocess.run([sys.executable, "-m", "registry", "--db", str(sample_db)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert "The terminal UI is not installed in this copy" in out.stderr
    assert sample_db.read_bytes() == before


def test_version_imports_no_database_orm_or_ui():
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "registry", "--version"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0
    assert out.stdout.startswith("udpeg ")
    imported = out.stderr
    for heavy in ("sqlalchemy", "sqlmodel", "alembic", "textual", "typer", "rich"):
        assert f" {heavy}" not in imported.replace("|", " "), heavy


def test_the_layer_contracts_hold():
    """import-linter's contracts ([tool.importlinter] in pyproject.toml): the core never imports the
    UI, rules touch no database, reports never import the CLI, the database layer only opens and
    migrates. Run as CI runs it (`lint-imports`), so a broken contract fails the suite."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is a test dependency: pip install -e '.[test]'"
    r = subprocess.run([exe, "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "4 kept, 0 broken" in r.stdout
