"""The documents of an appointment round (issue 17), checked against the KKR's own documents.

The expected people, groups and organisations are read by hand from the seeds: the minutes of
25-03-2022, point 3.1 ("Beslutning"), and the agenda of 27-03-2026, point 4.1. Golden files in
tests/golden/documents/ hold each document in each format (DOCX as a text dump of python-docx).
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.golden_util import assert_golden

TODAY = {"UDPEG_TODAY": "2026-03-27"}
EH = "erhvervshus-nordjylland"


def _doc(db, *args, lang="da"):
    """Build a document model in-process (the same builders the CLI uses)."""
    from registry.db import open_registry, to_url
    from registry.documents import build
    from registry.i18n import set_language
    from registry.service import Context

    set_language(lang)
    engine = open_registry(to_url(str(db)))
    try:
        return getattr(build, args[0])(Context(engine, actor="test"), *args[1:])
    finally:
        engine.dispose()
        set_language("en")


def _groups(doc):
    """{group label: [bullet lines]} of a decision text, and its other paragraphs."""
    from registry.documents import Para

    groups, other, current = {}, [], None
    for b in doc.blocks:
        if isinstance(b, Para) and b.style == "strong":
            current = b.text
            groups[current] = []
        elif isinstance(b, Para) and b.style == "bullet" and current is not None:
            groups[current].append(b.text)
        elif isinstance(b, Para):
            other.append(b.text)
    return groups, other


def _norm(text: str) -> str:
    return text.lower().replace("&", "og")


# --- the 2022 decision text against the minutes -------------------------------------------------

#: R22 3.1, "Beslutning", by hand: group, then (name, organisation as the minutes write it)
MINUTES_2022 = {
    "business": [("Richard Fynbo", "Dansk Industri"), ("Birthe Dyrberg", "Dansk Erhverv"),
                 ("Rikke Gandrup", "Horesta"), ("Hanne Kvist", "Landbrug og Fødevarer")],
    "knowledge": [("Dorte Stigaard", None)],
    "labour": [("Jan O. Gregersen", None)],
}
GROUP_LABEL = {"business": "Virksomhedsrepræsentanter (4)", "knowledge": "Repræsentant fra en videninstitution (1)",
               "labour": "Repræsentant fra en arbejdstagerorganisation (1)"}


def test_the_2022_decision_names_the_people_groups_and_organisations_of_the_minutes(sample_db):
    from datetime import date

    from registry.documents import build

    doc = _doc(sample_db, "decision", "kkr-2022-03-25", "3.1")
    groups, other = _groups(doc)
    assert list(groups) == [GROUP_LABEL[g] for g in ("business", "knowledge", "labour")]
    for g, expected in MINUTES_2022.items():
        lines = groups[GROUP_LABEL[g]]
        assert len(lines) == len(expected)
        for name, org in expected:       # the same people, whatever the order within the group
            line = next(line for line in lines if line.startswith(name))
            if org is None:
                assert line == name       # the minutes name no organisation, nor does the registry
            else:
                assert _norm(org) in _norm(line), (line, org)
    assert "KKR Nordjylland udpegede følgende til bestyrelsen for Erhvervshus Nordjylland:" in other
    noted = [p for p in other if "til efterretning" in p]
    assert len(noted) == 1 and "Mads Duedal" in noted[0] and "Region Nordjylland" in noted[0]
    assert "SAG-2022-01302" in other
    # the political members and the chair were decided at the constituent meeting, not under 3.1
    text = doc.text()
    for name in ("Mogens Christen Gade", "Thomas Kastrup Larsen", "Leon Sebbelin", "Per Møller"):
        assert name not in text
    assert build.long_date(date(2022, 3, 25), "da") == "25. marts 2022"


# --- the 2026 agenda item against the agenda -----------------------------------------------------

#: D26 4.1, by hand: the organisations that nominated, per seat group (as the agenda names them)
AGENDA_2026 = {
    "Virksomhedsrepræsentanter": ["DI", "Dansk Erhverv", "HORESTA", "Landbrug & Fødevarer", "SMVdanmark", "Tekniq",
                                  "Finans Danmark"],
    "Repræsentant fra en videninstitution": ["Aalborg Universitet (AAU)", "UCN", "nordjyske erhvervsskoler", "MARTEC"],
    "Repræsentant fra en arbejdstagerorganisation": ["FH", "AC"],
}


def test_the_2026_agenda_item_has_the_seats_organisations_and_a_flagged_deadline(sample_db):
    from registry.documents import Heading, Para, Table

    from datetime import date

    item, annex = _doc(sample_db, "agenda", "kkr-2026-03-27", EH, date(2026, 4, 1), "4.1")
    heads = [b.text for b in item.blocks if isinstance(b, Heading)]
    assert heads[:4] == [item.title, "Baggrund", "Indstilling", "Sagsfremstilling"]
    assert item.title.startswith("4.1. ") and "2026-2030" in item.title
    paras = [b for b in item.blocks if isinstance(b, Para)]
    assert any(p.text == "SAG-2026-00797" and p.style == "meta" for p in paras)
    # Indstilling: "Det indstilles, at KKR Nordjylland udpeger" four, one and one (D26 4.1)
    i = item.blocks.index(Heading("Indstilling", 2))
    assert item.blocks[i + 1] == Para("Det indstilles, at KKR Nordjylland udpeger")
    bullets = [b.text for b in item.blocks[i + 2:i + 5]]
    assert bullets == ["4 medlemmer (Virksomhedsrepræsentanter)", "1 medlem (Repræsentant fra en videninstitution)",
                       "1 medlem (Repræsentant fra en arbejdstagerorganisation)"]
    # Sagsfremstilling: each group, and the organisations that nominated — Finans Danmark included
    for group, orgs in AGENDA_2026.items():
        g = item.blocks.index(Heading(group, 3))
        table = next(b for b in item.blocks[g:] if isinstance(b, Table))
        names = [r[0] for r in table.rows]
        assert len(names) == len(orgs)
        for org in orgs:
            assert sum(org.lower() in n.lower() for n in names) == 1, (org, names)
    # the deadline is shown as written, and flagged, not silently copied or corrected
    deadline = [p for p in paras if "27. februar 2030" in p.text]
    assert deadline and deadline[0].style == ""
    flags = [p for p in paras if p.style == "flag" and "27-02-2030" in p.text]
    assert len(flags) == 1 and "01-04-2026" in flags[0].text
    assert "2026-02-27" not in item.text() and "27. februar 2026" not in item.text()
    # FH and AC each nominated alone: the agenda says so
    assert any(p.style == "flag" and "ikke indstillet i forening" in p.text for p in paras)
    assert annex.confidential and not item.confidential


def test_the_agenda_item_names_only_chosen_seat_groups(sample_db):
    from datetime import date

    from registry.documents import Heading

    item, _annex = _doc(sample_db, "agenda", "kkr-2026-03-27", EH, date(2026, 4, 1), None, None, ["labour"])
    heads = [b.text for b in item.blocks if isinstance(b, Heading)]
    assert "Repræsentant fra en arbejdstagerorganisation" in heads and "Virksomhedsrepræsentanter" not in heads
    assert "Finans Danmark" not in item.text()


# --- letters and follow-ups ----------------------------------------------------------------------


def test_a_request_goes_to_each_entitled_organisation_with_the_10a_duty(sample_db):
    from datetime import date

    letters = _doc(sample_db, "letters", EH, date(2026, 4, 1))
    # 2026 composition: 7 business organisations (Finans Danmark now among them), 4 knowledge, FH and AC
    assert len(letters) == 7 + 4 + 2
    by_name = {d.name: d for d in letters}
    fh = by_name[f"anmodning-{EH}-labour-fh"].text()
    di = by_name[f"anmodning-{EH}-business-di"].text()
    assert "Til: FH – Fagbevægelsens Hovedorganisation" in fh and "AC – Akademikerne" in fh
    assert "Fælles indstilling" in fh and "Fælles indstilling" not in di
    for text in (fh, di):
        assert "både en kvinde og en mand" in text and "lige mange kvinder og mænd" in text and "særlige grunde" in text
        assert "Lov om erhvervsfremme § 13" in text and "01-04-2026 – 31-03-2030" in text
        assert "Kontrollér datoen: 27-02-2030" in text      # the recorded deadline, flagged
    assert f"anmodning-{EH}-business-finans-danmark" in by_name
    assert "internationaliseringserfaring" in di and "internationaliseringserfaring" not in fh


def test_a_given_deadline_replaces_the_recorded_one(sample_db):
    from datetime import date

    letters = _doc(sample_db, "letters", EH, date(2026, 4, 1), ["knowledge"], date(2026, 2, 27))
    assert len(letters) == 4
    text = letters[0].text()
    assert "senest den 27. februar 2026" in text
    assert "27. februar 2030" not in text and "27-02-2030" not in text and "Kontrollér datoen" not in text


def _plant(db: Path, udpeg):
    """A candidate with an e-mail, nominated by DI with special reasons (women only, one seat)."""
    from registry.db import open_registry, to_url
    from registry.service import Context, save_person

    engine = open_registry(to_url(str(db)))
    try:
        save_person(Context(engine, actor="test"), "karen-kandidat", {"name": "Karen Kandidatsen", "sex": "woman"},
                    create=True)
    finally:
        engine.dispose()
    with sqlite3.connect(db) as con:
        con.execute("UPDATE person SET contact = ? WHERE id = 'karen-kandidat'",
                    (json.dumps({"email": "karen.hemmelig@example.dk"}),))
    r = udpeg("nominate", "--board", EH, "--seat", "business", "--round", "2026-04-01", "--org", "di",
              "--candidate", "karen-kandidat", "--candidate", "rikke-gandrup",
              "--reasons", "PLANTET-GRUND: ingen mandlige kandidater", db=db, env=TODAY)
    assert r.code == 0, r.err


def test_followups_go_to_nominations_that_fail_10a_or_the_joint_rule(sample_db, udpeg):
    from datetime import date

    _plant(sample_db, udpeg)
    r = udpeg("nominate", "--board", EH, "--seat", "knowledge", "--round", "2026-04-01", "--org", "aau",
              "--candidate", "birthe-dyrberg", db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    docs = _doc(sample_db, "followups", EH, date(2026, 4, 1), date(2026, 4, 10), date(2026, 3, 27))
    names = sorted(d.name for d in docs)
    # AAU: one woman for one seat (no reasons) fails § 10 a; FH and AC: not joint. DI stated reasons
    # that await a decision: not a failure to follow up. The others have no candidates yet.
    assert names == ["opfoelgning-n-2026-eh-ac", "opfoelgning-n-2026-eh-fh",
                     "opfoelgning-n-erhvervshus-nordjylland-knowledge-2026-04-01-aau"]
    aau = next(d for d in docs if d.name.endswith("aau")).text()
    assert "også at indstille en mand" in aau.lower() or "mand" in aau
    assert "Ligestillingsloven § 10 a" in aau and "10. april 2026" in aau
    assert "1 kvinde og 0 mænd" in aau   # a number meets its noun in the singular
    fh = next(d for d in docs if d.name.endswith("fh")).text()
    assert "i forening" in fh and "AC – Akademikerne" in fh and "Lov om erhvervsfremme § 13" in fh


# --- confidentiality -------------------------------------------------------------------------------


def _all_text(path: Path) -> str:
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_text(encoding="utf-8")


def test_candidates_and_reasons_appear_only_in_the_annex(sample_db, udpeg, tmp_path):
    _plant(sample_db, udpeg)
    secrets = ("PLANTET-GRUND", "karen.hemmelig@example.dk", "Karen Kandidatsen")
    written = []
    for fmt in ("md", "html", "docx"):
        for lang in ("da", "en"):
            out = tmp_path / f"{lang}-{fmt}"
            out.mkdir()
            runs = [
                ("agenda", "--meeting", "kkr-2026-03-27", "--board", EH, "--round", "2026-04-01", "--item", "4.1",
                 "-o", out / f"item.{fmt}", "--annex", out / f"annex.{fmt}"),
                ("letters", "--board", EH, "--round", "2026-04-01", "-o", out / "letters", "--format", fmt),
                ("letters", "--kind", "follow-up", "--board", EH, "--round", "2026-04-01", "-o", out / "followups",
                 "--format", fmt),
                ("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1", "-o", out / f"minutes.{fmt}"),
            ]
            for args in runs:
                r = udpeg("--lang", lang, *args, db=sample_db, env=TODAY)
                assert r.code == 0, (args, r.err)
            written += [p for p in out.rglob(f"*.{fmt}")]
    annexes = [p for p in written if p.stem == "annex"]
    others = [p for p in written if p.stem != "annex"]
    assert len(annexes) == 6 and len(others) > 6
    assert any("opfoelgning-n-erhvervshus-nordjylland-business-2026-04-01-di" in p.name for p in others) is False
    for p in others:
        text = _all_text(p)
        for s in secrets:
            assert s not in text, (p, s)
        assert "Rikke Gandrup" not in text or p.stem == "minutes", p   # a 2022 member, a 2026 candidate
    for p in annexes:
        text = _all_text(p)
        for s in secrets:
            assert s in text, (p, s)


# --- escaping and DOCX safety -------------------------------------------------------------------


def test_user_text_is_escaped_in_html_and_cleaned_for_docx(sample_db, udpeg, tmp_path):
    with sqlite3.connect(sample_db) as con:
        con.execute("UPDATE organisation SET name = ? WHERE id = 'di'", ("<script>alert(1)</script> & Co\x07",))
    html = tmp_path / "m.html"
    r = udpeg("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1", "-o", html, db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    md = tmp_path / "m.md"
    assert udpeg("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1", "-o", md, db=sample_db, env=TODAY).code == 0
    assert "<script>" not in md.read_text(encoding="utf-8")
    docx = tmp_path / "m.docx"
    r = udpeg("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1", "-o", docx, db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    with zipfile.ZipFile(docx) as z:
        names = z.namelist()
        assert not [n for n in names if n.endswith((".bin", "vbaProject.bin")) or "activeX" in n or "embeddings" in n]
        ctype = z.read("[Content_Types].xml").decode()
        assert "macroEnabled" not in ctype
        body = z.read("word/document.xml").decode()
        assert "&lt;script&gt;" in body and "\x07" not in body
        assert "w:fldSimple" not in body and "w:instrText" not in body and "w:hyperlink" not in body


def test_the_docx_opens_with_headings_tables_and_danish_letters(sample_db, udpeg, tmp_path):
    from docx import Document

    out = tmp_path / "item.docx"
    r = udpeg("--lang", "da", "agenda", "--meeting", "kkr-2026-03-27", "--board", EH, "--round", "2026-04-01",
              "--item", "4.1", "-o", out, db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    d = Document(str(out))
    heads = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads[0][0] == "Heading 1" and heads[0][1].startswith("4.1. Udpegning")
    assert ("Heading 2", "Baggrund") in heads and ("Heading 2", "Sagsfremstilling") in heads
    assert ("Heading 3", "Repræsentant fra en videninstitution") in heads
    assert len(d.tables) == 3
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "Landbrug & Fødevarer" in cells and "Professionshøjskolen UCN (University College Nordjylland)" in cells
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Kønsbalance" in text or ("Heading 3", "Kønsbalance") in heads
    assert "æ" in text and "ø" in text and "å" in text
    assert d.core_properties.title.startswith("4.1. Udpegning")


# --- the CLI: bad input is a sentence, exit 2, nothing written -----------------------------------


@pytest.mark.parametrize("args,says", [
    (("minutes", "--meeting", "kkr-1999-01-01", "--item", "3.1"), "no meeting"),
    (("minutes", "--meeting", "kkr-2022-03-25", "--item", "9.9"), "No appointments"),
    (("agenda", "--meeting", "kkr-2026-03-27", "--board", "nope", "--round", "2026-04-01"), "no board"),
    (("agenda", "--meeting", "kkr-2026-03-27", "--board", EH, "--round", "2026-04-01", "--seat", "nope"), "no seat group"),
    (("agenda", "--meeting", "kkr-2026-03-27", "--board", EH, "--round", "someday"), "not a date"),
])
def test_bad_input_exits_2_and_writes_nothing(sample_db, udpeg, tmp_path, args, says):
    out = tmp_path / "out.md"
    r = udpeg(*args, "-o", out, db=sample_db, env=TODAY)
    assert r.code == 2, r.err
    assert says in r.err and "Traceback" not in r.err
    assert not out.exists()


def test_a_file_where_a_folder_is_wanted_is_refused(sample_db, udpeg, tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    r = udpeg("letters", "--board", EH, "--round", "2026-04-01", "-o", f, db=sample_db, env=TODAY)
    assert r.code == 2 and "folder" in r.err
    r = udpeg("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1", "-o", tmp_path / "x.pdf", db=sample_db, env=TODAY)
    assert r.code == 2 and not (tmp_path / "x.pdf").exists()


# --- golden files: each document in each format ----------------------------------------------------


def _dump(path: Path) -> str:
    if path.suffix == ".docx":
        from registry.documents.render import docx_dump

        return docx_dump(path.read_bytes())
    return path.read_text(encoding="utf-8")


DOCUMENTS = {
    "decision-2022-03-25-3.1": (("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1"), None),
    "agenda-2026-03-27-4.1": (("agenda", "--meeting", "kkr-2026-03-27", "--board", EH, "--round", "2026-04-01",
                               "--item", "4.1"), None),
    "annex-2026-03-27-4.1": (("agenda", "--meeting", "kkr-2026-03-27", "--board", EH, "--round", "2026-04-01",
                              "--item", "4.1"), "annex"),
    "letter-2026-labour-fh": (("letters", "--board", EH, "--round", "2026-04-01", "--seat", "labour"),
                              f"anmodning-{EH}-labour-fh"),
    "followup-2026-ac": (("letters", "--kind", "follow-up", "--board", EH, "--round", "2026-04-01", "--by", "2026-04-10"),
                         "opfoelgning-n-2026-eh-ac"),
}


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_golden(sample_db, udpeg, tmp_path, name, fmt):
    args, pick = DOCUMENTS[name]
    if args[0] == "letters":
        out = tmp_path / "dir"
        r = udpeg("--lang", "da", *args, "-o", out, "--format", fmt, db=sample_db, env=TODAY)
        path = out / f"{pick}.{fmt}"
    elif pick == "annex":
        path = tmp_path / f"annex.{fmt}"
        r = udpeg("--lang", "da", *args, "-o", tmp_path / f"item.{fmt}", "--annex", path, db=sample_db, env=TODAY)
    else:
        path = tmp_path / f"doc.{fmt}"
        r = udpeg("--lang", "da", *args, "-o", path, db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    assert_golden(f"documents/{name}.{fmt}" + (".txt" if fmt == "docx" else ""), _dump(path))


def test_english_decision_golden(sample_db, udpeg, tmp_path):
    path = tmp_path / "doc.md"
    r = udpeg("--lang", "en", "minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1", "-o", path, db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    text = path.read_text(encoding="utf-8")
    assert "KKR Nordjylland appointed the following" in text and "25 March 2022" in text
    assert_golden("documents/decision-2022-03-25-3.1.en.md", text)


def test_annex_with_candidates_golden(sample_db, udpeg, tmp_path):
    """The annex once candidates are registered: names, declared sex, e-mail and the reasons text."""
    _plant(sample_db, udpeg)
    path = tmp_path / "annex.md"
    r = udpeg("--lang", "da", "agenda", "--meeting", "kkr-2026-03-27", "--board", EH, "--round", "2026-04-01",
              "--seat", "business", "-o", tmp_path / "item.md", "--annex", path, db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    text = path.read_text(encoding="utf-8")
    assert "| Karen Kandidatsen | kvinde |" in text and "karen.hemmelig@example.dk" in text
    assert "PLANTET-GRUND: ingen mandlige kandidater" in text and "endnu ikke afgjort" in text
    assert_golden("documents/annex-2026-business-candidates.md", text)


from hypothesis import given, strategies as st  # noqa: E402


@given(st.dates())
def test_dates_read_as_the_kkr_writes_them(d):
    from datetime import datetime

    from registry.documents import long_date, short_date

    assert datetime.strptime(short_date(d), "%d-%m-%Y").date() == d
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]
    assert long_date(d, "da") == f"{d.day}. {months[d.month - 1]} {d.year}"
    import calendar

    assert long_date(d, "en") == f"{d.day} {calendar.month_name[d.month]} {d.year}"


def test_the_constituent_meeting_decided_the_chair_and_the_political_members(sample_db):
    """R22 3.1, Baggrund: at the constituent meeting 21-01-2022 "Der blev peget på borgmester Mogens
    Christen Gade, som formand, borgmester Thomas Kastrup Larsen, byrådsmedlem Leon Sebbelin og 1.
    viceborgmester Per Møller" (no item number recorded: every decision of the meeting). The region's
    member is taken to note once, on 25-03-2022, not again here."""
    doc = _doc(sample_db, "decision", "kkr-2022-01-21", None)
    groups, other = _groups(doc)
    assert list(groups) == ["Formand (1)", "Kommunale politiske repræsentanter (3)"]
    assert groups["Formand (1)"] == ["Mogens Christen Gade"]
    assert sorted(groups["Kommunale politiske repræsentanter (3)"]) == ["Leon Sebbelin", "Per Møller", "Thomas Kastrup Larsen"]
    assert not [p for p in other if "efterretning" in p]
    assert doc.title == "Udpegninger til bestyrelsen for Erhvervshus Nordjylland"


def test_an_entitled_organisation_that_did_not_nominate_is_listed_as_such(sample_db):
    from datetime import date

    from registry.documents import Heading, Table

    with sqlite3.connect(sample_db) as con:
        con.execute("DELETE FROM nomination WHERE id = 'n-2026-eh-martec'")
    item, _annex = _doc(sample_db, "agenda", "kkr-2026-03-27", EH, date(2026, 4, 1), "4.1")
    g = item.blocks.index(Heading("Repræsentant fra en videninstitution", 3))
    table = next(b for b in item.blocks[g:] if isinstance(b, Table))
    assert len(table.rows) == 4
    assert table.rows[-1] == ("Maritime and Polytechnic College (MARTEC)", "—", "ingen indstilling modtaget")
    lead = next(b.text for b in item.blocks[g:] if "indstillet kandidater fra" in getattr(b, "text", ""))
    assert "MARTEC" not in lead


def test_a_recorded_item_is_enough_for_its_agenda_item_as_the_contract_writes(sample_db, udpeg, tmp_path):
    """`udpeg agenda --meeting M --item I` (contract): for R22 3.1 the board and round come from the
    decisions recorded with the item, and the board is seen as before the meeting. R22 3.1's
    Indstilling: "Udpeger 4 erhvervsrepræsentanter … 1 repræsentant for videninstitutionerne … 1
    repræsentant for arbejdstagerorganisationerne … Tager udpegningen af Region Nordjyllands
    repræsentant … til efterretning"; "De faglige organisationer har ikke indstillet i forening"."""
    out = tmp_path / "a.md"
    r = udpeg("--lang", "da", "agenda", "--meeting", "kkr-2022-03-25", "--item", "3.1", "-o", out,
              db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    recommendation = text.split("## Indstilling", 1)[1].split("## Sagsfremstilling", 1)[0]
    assert [line for line in recommendation.splitlines() if line.startswith("- ")] == [
        "- 4 medlemmer (Virksomhedsrepræsentanter)", "- 1 medlem (Repræsentant fra en videninstitution)",
        "- 1 medlem (Repræsentant fra en arbejdstagerorganisation)",
        "- tager udpegningen til Udpeget af regionsrådet ved Regionsrådet, Region Nordjylland til efterretning"]
    assert "SAG-2022-01302" in text and "valgperioden 2022-2026" in text
    assert "har ikke indstillet i forening" in text
    assert "Finans Danmark" not in text            # entitled only from 2026
    assert "Richard Fynbo" not in text              # decided at this meeting: not yet on the board


def test_agenda_needs_an_item_or_a_board_and_round(sample_db, udpeg, tmp_path):
    r = udpeg("agenda", "--meeting", "kkr-2026-03-27", "-o", tmp_path / "a.md", db=sample_db, env=TODAY)
    assert r.code == 2 and "--item" in r.err
    r = udpeg("agenda", "--meeting", "kkr-2026-03-27", "--item", "4.1", "-o", tmp_path / "a.md", db=sample_db, env=TODAY)
    assert r.code == 2 and "--board" in r.err and not (tmp_path / "a.md").exists()


def test_letters_to_one_organisation_and_follow_ups_by_kind(sample_db, udpeg, tmp_path):
    r = udpeg("letters", "--board", EH, "--round", "2026-04-01", "--org", "finans-danmark", "--format", "md",
              "-o", tmp_path / "req", db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    assert [p.name for p in (tmp_path / "req").iterdir()] == [f"anmodning-{EH}-business-finans-danmark.md"]
    r = udpeg("letters", "--kind", "follow-up", "--board", EH, "--round", "2026-04-01", "--org", "fh", "--format", "md",
              "-o", tmp_path / "fu", db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    assert [p.name for p in (tmp_path / "fu").iterdir()] == ["opfoelgning-n-2026-eh-fh.md"]
    r = udpeg("letters", "--board", EH, "--round", "2026-04-01", "--org", "nope", "-o", tmp_path / "x",
              db=sample_db, env=TODAY)
    assert r.code == 2 and "not entitled" in r.err and not (tmp_path / "x").exists()


def test_documents_are_danish_unless_english_is_asked_for(udpeg, sample_db, tmp_path, monkeypatch):
    """The KKR's documents are in Danish (issue 17) whatever the interface's locale; --lang en (or
    UDPEG_LANG=en) asks for English. The message around them keeps the interface's language."""
    monkeypatch.delenv("UDPEG_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    args = ("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1")
    r = udpeg(*args, "-o", tmp_path / "da.md", db=sample_db, env=TODAY)
    assert r.code == 0, r.err
    assert "KKR Nordjylland udpegede følgende" in (tmp_path / "da.md").read_text(encoding="utf-8")
    assert r.err.startswith("Wrote ")            # the interface stays English under an English locale
    r = udpeg("--lang", "en", *args, "-o", tmp_path / "en.md", db=sample_db, env=TODAY)
    assert "KKR Nordjylland appointed the following" in (tmp_path / "en.md").read_text(encoding="utf-8")
