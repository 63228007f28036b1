"""Under --lang da (or a Danish locale) Typer's and Click's own texts are Danish too: usage
lines, help headings, the help option, and usage errors; English stays as Click words it."""

import pytest

from registry.cli.click_i18n import translate_message


def test_unknown_option_is_danish(udpeg, sample_db):
    r = udpeg("--lang", "da", "boards", "--within", "x", db=sample_db)
    assert r.code == 2
    assert r.err.splitlines() == ["Brug: udpeg boards [TILVALG]", "Prøv 'udpeg boards -h' for at få hjælp.", "",
                                  "Fejl: Tilvalget --within findes ikke"]


def test_invalid_value_is_danish(udpeg, sample_db):
    r = udpeg("--lang", "da", "vacancies", "--within", "x", db=sample_db)
    assert r.code == 2 and "Fejl: Ugyldig værdi for '--within': Skriv et helt tal." in r.err
    r = udpeg("--lang", "da", "vacancies", "--within", "-1", db=sample_db)
    assert r.code == 2 and "Fejl: Ugyldig værdi for '--within': Værdien skal være mindst 0." in r.err
    r = udpeg("--lang", "da", "nominate", "--board", "x", db=sample_db)
    assert r.code == 2 and "Fejl: Tilvalget '--seat' mangler." in r.err


def test_help_is_danish(udpeg):
    r = udpeg("--lang", "da", "boards", "--help")
    assert r.code == 0
    assert r.out.startswith("Brug: udpeg boards [TILVALG]")
    assert "Tilvalg:" in r.out and "Vis denne hjælp og afslut." in r.out and "[standard: table]" in r.out
    assert "Usage" not in r.out and "Show this message" not in r.out


def test_root_help_follows_the_locale_before_any_option_is_parsed(udpeg, monkeypatch):
    monkeypatch.delenv("UDPEG_LANG")
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    r = udpeg("--help")
    assert r.out.startswith("Brug: udpeg [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "Kommandoer:" in r.out and "[miljøvariabel: UDPEG_DB]" in " ".join(r.out.split())   # wrapped as it fits


def test_english_after_danish_is_clicks_own(udpeg, sample_db):
    udpeg("--lang", "da", "boards", "--help")
    r = udpeg("boards", "--within", "x", db=sample_db)
    assert r.err.splitlines() == ["Usage: udpeg boards [OPTIONS]", "Try 'udpeg boards -h' for help.", "",
                                  "Error: No such option: --within"]
    assert "Show this message and exit." in udpeg("boards", "--help").out


@pytest.mark.parametrize("english,danish", [
    ("Missing argument 'NAME=SIZE...'.", "Argumentet 'NAME=SIZE...' mangler."),
    ("Got unexpected extra argument(s) (extra)", "Uventet ekstra argument: extra"),
    ("Got unexpected extra argument(s) (a b)", "Uventede ekstra argumenter: a b"),
    ("Option '--on' requires an argument.", "Tilvalget '--on' kræver en værdi."),
    ("No such command 'nosuch'.", "Kommandoen 'nosuch' findes ikke."),
    ("Invalid value for '--format': Value error, 'bad' is not one of 'table', 'json', 'csv'.",
     "Ugyldig værdi for '--format': 'bad' er ikke en af 'table', 'json', 'csv'."),
    ("No such option: --nope (Possible options: --on)", "Tilvalget --nope findes ikke (mulige tilvalg: --on)"),
    ("Something Click never says", "Something Click never says"),
])
def test_clicks_messages_by_shape(english, danish):
    assert translate_message(english, "da") == danish
    assert translate_message(english, "en") == english


def test_our_own_help_texts_are_danish_too(udpeg):
    r = udpeg("--lang", "da", "boards", "--help")
    assert "Bestyrelser med status, medregnede medlemmer, kvinder/mænd, ledige pladser" in r.out
    assert "Kun bestyrelser, hvis navn eller id indeholder" in r.out
    e = udpeg("boards", "--help")
    assert "Boards with status, counted members" in e.out and "Bestyrelser" not in e.out


def test_every_command_and_option_help_has_a_danish_text():
    """The help texts (docstrings and help=) are looked up in the catalogue under --lang da; a
    new command or option needs its Danish text in udpeg.po (or a TOML file that toml2po merges)."""
    import typer.main

    from registry.cli.app import _register, app
    from registry.cli.click_i18n import help_texts
    from registry.i18n import catalog

    _register()
    da = catalog("da")
    texts = help_texts(typer.main.get_command(app))
    assert len(texts) > 100
    assert [t for t in texts if t not in da] == []
