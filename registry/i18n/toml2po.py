"""Merge the old TOML catalogues into the gettext ``.po`` and remove them.

``python -m registry.i18n.toml2po`` reads every ``registry/i18n/catalogs/<lang>/*.toml`` (keyed
by the English text, valued by the translation; a plural is a table
``"{n} board" = { plural = "{n} boards", forms = ["{n} bestyrelse", "{n} bestyrelser"] }``),
adds each text the ``.po`` lacks (or whose translation there is empty), and deletes the TOML
files. A text the ``.po`` already translates keeps the ``.po``'s translation (it may carry a
glossary fix the TOML predates); the differences are listed so a person can look. Running it
again changes nothing. ``--check`` only reports; ``--prefer-toml`` lets the TOML text win;
``--keep`` leaves the TOML files.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import registry.i18n as _i18n
from registry.i18n import DOMAIN, po_path


def LOCALE_DIR() -> Path:  # noqa: N802 - read at call time (tests point it elsewhere)
    return _i18n.LOCALE_DIR

CATALOGS = Path(__file__).parent / "catalogs"
ROOT = Path(__file__).resolve().parents[2]   # the source tree (babel.cfg, pyproject.toml)
PLURAL_FORMS = {"da": "nplurals=2; plural=(n != 1);", "en": "nplurals=2; plural=(n != 1);"}


def read_toml(folder: Path) -> list[tuple[str, object, str]]:
    """(msgid, translation, file name) for every entry of the TOML files in ``folder``."""
    out: dict[str, tuple[str, object, str]] = {}
    for f in sorted(folder.glob("*.toml")):
        with f.open("rb") as fh:
            for key, value in tomllib.load(fh).items():
                out[key] = (key, value, f.name)   # as the TOML loader did: a later file wins
    return list(out.values())


def new_catalog(lang: str):
    from babel.messages.catalog import Catalog

    cat = Catalog(locale=lang, domain=DOMAIN, project="Udpeg", charset="utf-8",
                  header_comment=f"# {lang} texts of Udpeg, keyed by the English text in the code.\n"
                                 "# Edit here; the .mo is compiled at build or on first use.")
    cat.fuzzy = False
    return cat


def load_catalog(lang: str):
    from babel.messages.pofile import read_po

    po = po_path(lang)
    if not po.exists():
        return new_catalog(lang)
    with po.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def write_catalog(cat, lang: str) -> bytes:
    import io

    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, cat, width=0, omit_header=False, sort_output=False, include_previous=False)
    return out.getvalue()


def merge(lang: str, prefer_toml: bool = False, pairs: set[tuple[str, str]] | None = None
          ) -> tuple[object, list[str], list[str]]:
    """The merged catalogue, the msgids added (or made plural), and the msgids whose TOML text
    differs."""
    cat = load_catalog(lang)
    added, differs = [], []
    for msgid, value, where in read_toml(CATALOGS / lang):
        if isinstance(value, dict):
            key: object = (msgid, value["plural"])
            text: object = tuple(value["forms"])
        else:
            key, text = msgid, value
        existing = cat.get(msgid)
        if existing is None or not _translated(existing.string):
            comments = [f"from catalogs/{lang}/{where}"]
            if existing is not None:
                cat.delete(msgid)
            cat.add(key, text, auto_comments=comments)
            added.append(msgid)
        elif _norm(existing.string) != _norm(text):
            differs.append(f"{where}: {msgid!r}: .po {existing.string!r}, TOML {text!r}")
            if prefer_toml:
                existing.string = text
    added += pluralise(cat, plural_pairs() if pairs is None else pairs)
    return cat, added, differs


def plural_pairs(root: Path = ROOT) -> set[tuple[str, str]]:
    """The (singular, plural) msgids the code marks with ``_n``/``N_n`` (Babel's extraction with
    the project's babel.cfg and keywords); empty outside a source tree."""
    cfg, pyproject = root / "babel.cfg", root / "pyproject.toml"
    if not cfg.exists() or not pyproject.exists():
        return set()
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_keywords, parse_mapping_cfg

    with cfg.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    with pyproject.open("rb") as fh:
        conf = tomllib.load(fh).get("tool", {}).get("babel", {}).get("extract_messages", {})
    keywords = parse_keywords(conf.get("keywords") or ["_", "N_", "_n:1,2", "N_n:1,2"])
    return {tuple(msg[:2]) for _f, _l, msg, _c, _ctx in extract_from_dir(root, method_map, options_map, keywords=keywords)
            if isinstance(msg, tuple)}


def pluralise(cat, pairs: set[tuple[str, str]]) -> list[str]:
    """Make one plural entry of a pair the code marks ``_n(singular, plural, n)`` but the
    catalogue holds as two singular texts (a branch that translated each form on its own):
    the forms are the two translations (Danish, like English, has nplurals=2). Returns the
    singular msgids changed."""
    changed = []
    for singular, plural in sorted(pairs):
        one, many = cat.get(singular), cat.get(plural)
        if one is None or one.pluralizable or many is None or many.pluralizable:
            continue
        if not one.string or not many.string:
            continue
        forms = (one.string, many.string)
        comments = list(one.auto_comments)
        cat.delete(singular)
        if plural != singular:
            cat.delete(plural)
        cat.add((singular, plural), forms, auto_comments=comments)
        changed.append(singular)
    return changed


def _translated(s) -> bool:
    return all(s) if isinstance(s, (tuple, list)) else bool(s)


def _norm(s):
    return tuple(s) if isinstance(s, (tuple, list)) else s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m registry.i18n.toml2po", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="report what would change; write nothing")
    ap.add_argument("--prefer-toml", action="store_true", help="a TOML text replaces a different .po text")
    ap.add_argument("--keep", action="store_true", help="do not delete the TOML files")
    args = ap.parse_args(argv)
    langs = sorted({p.name for p in CATALOGS.iterdir() if p.is_dir()} if CATALOGS.is_dir() else set())
    if not langs:
        langs = sorted(p.name for p in LOCALE_DIR().iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists()) \
            if LOCALE_DIR().is_dir() else []
        if not langs:
            return 0
    for lang in langs:
        cat, added, differs = merge(lang, args.prefer_toml)
        print(f"{lang}: {len(added)} texts added or made plural in {po_path(lang)}")
        for d in differs:
            print(f"  kept the {'TOML' if args.prefer_toml else '.po'} text: {d}", file=sys.stderr)
        if args.check:
            continue
        po = po_path(lang)
        po.parent.mkdir(parents=True, exist_ok=True)
        data = write_catalog(cat, lang)
        if not po.exists() or po.read_bytes() != data:
            po.write_bytes(data)
        folder = CATALOGS / lang
        if not args.keep and folder.is_dir():
            for f in folder.glob("*.toml"):
                f.unlink()
            if not any(folder.iterdir()):
                folder.rmdir()
    if not args.keep and not args.check and CATALOGS.is_dir() and not any(CATALOGS.iterdir()):
        CATALOGS.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
