"""python -m registry.i18n.toml2po: TOML texts (other branches still add them) merged into the .po."""

import shutil

import pytest

import registry.i18n as i18n
from registry.i18n import toml2po


@pytest.fixture
def tree(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    (locale / "da" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(i18n.po_path("da"), locale / "da" / "LC_MESSAGES" / "udpeg.po")
    catalogs = tmp_path / "catalogs"
    (catalogs / "da").mkdir(parents=True)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    monkeypatch.setattr(toml2po, "CATALOGS", catalogs)
    return tmp_path


def _po(tree):
    from babel.messages.pofile import read_po

    with (tree / "locale" / "da" / "LC_MESSAGES" / "udpeg.po").open("rb") as fh:
        return read_po(fh)


def test_new_texts_are_merged_the_old_ones_kept_and_the_toml_removed(tree, capsys):
    (tree / "catalogs" / "da" / "cli.toml").write_text(
        '"A brand-new text {x}" = "En helt ny tekst {x}"\n'
        '"Board" = "Bord"\n'                                   # an old text: the .po's own stays
        '"{n} new board" = { plural = "{n} new boards", forms = ["{n} ny bestyrelse", "{n} nye bestyrelser"] }\n',
        encoding="utf-8")
    (tree / "catalogs" / "da" / "zz.toml").write_text('"Another one" = "Endnu en"\n', encoding="utf-8")
    assert toml2po.main([]) == 0
    po = _po(tree)
    assert po["A brand-new text {x}"].string == "En helt ny tekst {x}"
    assert po["Another one"].string == "Endnu en"
    assert po["Board"].string == "Bestyrelse"
    assert po["{n} new board"].string == ("{n} ny bestyrelse", "{n} nye bestyrelser")
    assert "'Board'" in capsys.readouterr().err            # the difference is named for a person to look at
    assert not (tree / "catalogs").exists()


def test_running_again_changes_nothing(tree):
    (tree / "catalogs" / "da" / "a.toml").write_text('"X {a}" = "Y {a}"\n', encoding="utf-8")
    toml2po.main([])
    first = (tree / "locale" / "da" / "LC_MESSAGES" / "udpeg.po").read_bytes()
    (tree / "catalogs" / "da").mkdir(parents=True)
    (tree / "catalogs" / "da" / "a.toml").write_text('"X {a}" = "Y {a}"\n', encoding="utf-8")
    toml2po.main([])
    assert (tree / "locale" / "da" / "LC_MESSAGES" / "udpeg.po").read_bytes() == first
    assert toml2po.main([]) == 0                            # no TOML left: nothing to do
    assert (tree / "locale" / "da" / "LC_MESSAGES" / "udpeg.po").read_bytes() == first


def test_the_merged_po_is_what_the_program_reads(tree, monkeypatch):
    (tree / "catalogs" / "da" / "a.toml").write_text('"Fresh {a}" = "Frisk {a}"\n', encoding="utf-8")
    toml2po.main([])
    monkeypatch.setattr(i18n, "_translations", {})
    monkeypatch.setenv("UDPEG_CACHE_DIR", str(tree / "cache"))
    assert i18n.translate("Fresh {a}", "da", a=1) == "Frisk 1"
    assert i18n.translate("Board", "da") == "Bestyrelse"


def test_two_singular_texts_of_a_pair_the_code_marks_plural_become_one_plural_entry(tree):
    """Another branch translated _n("{n} open seat", "{n} open seats", …) as two TOML keys."""
    from babel.messages.pofile import read_po, write_po

    po_file = tree / "locale" / "da" / "LC_MESSAGES" / "udpeg.po"
    with po_file.open("rb") as fh:
        cat = read_po(fh)
    cat.delete("{n} open seat")
    with po_file.open("wb") as fh:
        write_po(fh, cat)
    (tree / "catalogs" / "da" / "cli.toml").write_text(
        '"{n} open seat" = "{n} ledig plads"\n"{n} open seats" = "{n} ledige pladser"\n', encoding="utf-8")
    toml2po.main([])
    po = _po(tree)
    assert po["{n} open seat"].pluralizable
    assert po["{n} open seat"].string == ("{n} ledig plads", "{n} ledige pladser")
    assert po.get("{n} open seats") is None
