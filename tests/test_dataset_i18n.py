"""A dataset's problems are told in the user's language, each with its place and line."""


BAD = 'format = "udpeg/1"\n\n[[boards]]\nid = "Bad Id"\nname = "x"\ncolour = "red"\n'


def test_problems_in_danish(udpeg, empty_db, tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text(BAD, encoding="utf-8")
    r = udpeg("--lang", "da", "load", str(f), db=empty_db)
    assert r.code == 2
    lines = r.err.splitlines()
    assert lines[0] == "Datasættet blev ikke indlæst (2 problemer; intet blev skrevet):"
    assert f"  {f}: boards[0].colour (linje 6): ukendt nøgle 'colour'" in lines
    assert f"  {f}: boards[0].id (linje 4): 'Bad Id' er ikke et gyldigt id (små bogstaver, cifre og '-')" in lines


def test_one_problem_is_singular_in_both_languages(udpeg, empty_db, tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('format = "udpeg/1"\n\n[[boards]]\nid = "ok"\nname = "x"\nterm_anchor = 3\n', encoding="utf-8")
    en = udpeg("load", str(f), db=empty_db)
    assert en.code == 2 and en.err.startswith("The dataset was not loaded (1 problem; nothing was written):")
    da = udpeg("--lang", "da", "load", str(f), db=empty_db)
    assert da.err.startswith("Datasættet blev ikke indlæst (1 problem; intet blev skrevet):")
    assert "skal være" in da.err or "er ikke" in da.err


def test_a_missing_reference_names_the_kind_in_danish(udpeg, empty_db, tmp_path):
    f = tmp_path / "ref.toml"
    f.write_text('format = "udpeg/1"\n\n[[appointments]]\nboard = "nowhere"\nseat = "s"\nperson = "p"\nstart = 2022-04-01\n',
                 encoding="utf-8")
    r = udpeg("--lang", "da", "load", str(f), db=empty_db)
    assert r.code == 2
    assert "henviser til bestyrelsen 'nowhere', som hverken findes i filen eller i registret" in r.err
    assert "henviser til personen 'p'" in r.err
