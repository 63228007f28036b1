"""Danish and English are complete: every marked string has a Danish translation, in the gettext
catalogue (registry/i18n/locale/da/LC_MESSAGES/udpeg.po), with every plural form."""

import ast
import string
import subprocess
import sys
from pathlib import Path

import pytest

from registry.i18n import catalog, detect_language, plural_catalog, translate

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "registry" / "i18n" / "locale" / "da" / "LC_MESSAGES" / "udpeg.po"


def marked_strings() -> dict[str, str]:
    """Every literal passed to _() or N_() in registry/ and tui/, with where it is."""
    found = {}
    for folder in ("registry", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                        and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_there_are_marked_strings():
    assert len(marked_strings()) > 50


def test_every_marked_string_has_a_danish_translation():
    da = catalog("da")
    missing = [f"{where}: {msgid!r}" for msgid, where in sorted(marked_strings().items(), key=lambda x: x[1])
               if msgid not in da]
    assert missing == [], "\n".join(missing)


def _fields(text: str) -> set[str]:
    return {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f}


def test_translations_keep_the_placeholders():
    bad = [k for k, v in catalog("da").items() if _fields(k) != _fields(v)]
    assert bad == []


def _read_po(path=PO):
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh)


def test_the_po_is_danish_with_two_plural_forms_and_nothing_fuzzy_or_empty():
    cat = _read_po()
    assert cat.plural_forms == "nplurals=2; plural=(n != 1);"
    assert str(cat.locale) == "da"
    bad = []
    for m in cat:
        if not m.id:
            continue
        forms = m.string if m.pluralizable else (m.string,)
        if m.fuzzy or len(forms) != (2 if m.pluralizable else 1) or not all(forms):
            bad.append(m.id)
    assert bad == []


def test_every_plural_form_keeps_the_placeholders():
    cat = _read_po()
    bad = [m.id for m in cat if m.id and m.pluralizable
           and not all(_fields(f) <= _fields(m.id[0]) | _fields(m.id[1]) for f in m.string)]
    assert bad == []
    assert len(plural_catalog("da")) >= 20
    assert plural_catalog("da"), "no plural texts at all"


def test_extraction_finds_no_marked_string_missing_from_the_catalogue(tmp_path):
    """pybabel extract (babel.cfg, keywords from pyproject.toml) against the .po: nothing missing."""
    pot = tmp_path / "udpeg.pot"
    run = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(pot),
                          "--no-location", "--omit-header", "."], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    template = _read_po(pot)
    po = _read_po()
    extracted = {m.id for m in template if m.id}
    assert len(extracted) > 500
    missing = sorted(str(i) for i in extracted if (i[0] if isinstance(i, tuple) else i) not in po)
    assert missing == []
    wrong_kind = sorted(str(i) for i in extracted if isinstance(i, tuple) and not po[i[0]].pluralizable)
    assert wrong_kind == [], "marked as plural in the code but singular in the .po"


@pytest.mark.parametrize("env,lang", [({"LANG": "da_DK.UTF-8"}, "da"), ({"LANG": "en_GB.UTF-8"}, "en"), ({}, "en"),
                                      ({"LC_ALL": "da_DK.UTF-8", "LANG": "en_US"}, "da"),
                                      ({"UDPEG_LANG": "en", "LANG": "da_DK.UTF-8"}, "en")])
def test_language_follows_the_locale(env, lang):
    assert detect_language(env) == lang


def test_translate_fills_placeholders_in_both_languages():
    msg = "There is no board with id {id}. `udpeg boards` lists them."
    assert translate(msg, "en", id="x") == "There is no board with id x. `udpeg boards` lists them."
    assert "x" in translate(msg, "da", id="x") and translate(msg, "da", id="x") != translate(msg, "en", id="x")


def test_catalogues_load_lazily_version_and_english_read_none():
    """P8: --version imports no translation machinery; an English run never opens a catalogue."""
    code = ("import sys; from registry.cli import main; main(['--version']); "
            "print(sorted(m for m in sys.modules if m.startswith(('babel', 'registry.i18n'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"
    code = ("import io, sys, contextlib; from registry.cli.app import run; from registry.i18n import _translations; "
            "contextlib.redirect_stdout(io.StringIO()).__enter__(); "
            "run(['--lang', 'en', 'boards', '--help']); sys.stdout = sys.__stdout__; "
            "print(sorted(_translations), sorted(m for m in sys.modules if m.startswith('babel')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[] []"


def test_no_number_meets_a_noun_with_an_s_in_brackets():
    """"{n} error(s)" is what ngettext is for: a count before a noun is marked _n/N_n instead."""
    import re

    bad = [f"{where}: {m!r}" for m, where in marked_strings().items() if re.search(r"\{\w+\}\s+[\w ]*\(\w+\)", m)]
    bad += [f"{k!r} -> {v!r}" for k, v in catalog("da").items() if re.search(r"\{\w+\}\s+[\w ]*\((er|e|r)\)", v)
            and k in marked_strings()]
    assert bad == []
