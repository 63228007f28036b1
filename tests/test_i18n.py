"""Danish and English are complete: every marked string has a Danish translation."""

import ast
import string
from pathlib import Path

import pytest

from registry.i18n import catalog, detect_language, translate

ROOT = Path(__file__).resolve().parents[1]


def marked_strings() -> dict[str, str]:
    """Every literal passed to _() or N_() in registry/ and tui/, with where it is."""
    found = {}
    for folder in ("registry", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                count = {"_": 1, "N_": 1, "_n": 2}.get(node.func.id, 0)   # _n: singular and plural
                for arg in node.args[:count]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
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


@pytest.mark.parametrize("env,lang", [({"LANG": "da_DK.UTF-8"}, "da"), ({"LANG": "en_GB.UTF-8"}, "en"), ({}, "en"),
                                      ({"LC_ALL": "da_DK.UTF-8", "LANG": "en_US"}, "da"),
                                      ({"UDPEG_LANG": "en", "LANG": "da_DK.UTF-8"}, "en")])
def test_language_follows_the_locale(env, lang):
    assert detect_language(env) == lang


def test_translate_fills_placeholders_in_both_languages():
    msg = "There is no board with id {id}. `udpeg boards` lists them."
    assert translate(msg, "en", id="x") == "There is no board with id x. `udpeg boards` lists them."
    assert "x" in translate(msg, "da", id="x") and translate(msg, "da", id="x") != translate(msg, "en", id="x")
