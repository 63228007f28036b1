"""CSV files for people open in Danish Excel with æøå intact (issue 12.7): UTF-8 with a byte
order mark in a file; CSV for scripts on standard output (or into a pipe) stays plain UTF-8."""

from __future__ import annotations

import csv
import os
import threading

import pytest

BOM = b"\xef\xbb\xbf"


def _rows(path):
    # as Excel reads it: the BOM says UTF-8 and is not part of the first cell
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_the_danish_vacancy_list_is_utf8_with_a_bom(udpeg, sample_db, tmp_path):
    out = tmp_path / "ledige.csv"
    r = udpeg("--lang", "da", "report", "vacancies", "--on", "2022-06-30", "--format", "csv", "-o", out, db=sample_db)
    assert r.code == 0, r.err
    raw = out.read_bytes()
    assert raw.startswith(BOM) and not raw[3:].startswith(BOM)
    rows = _rows(out)
    # the header of the Danish vacancy list (registry/i18n/catalogs/da): the first cell is clean
    assert rows[0] == ["Bestyrelse", "Pladskategori", "Ledige", "Fra", "Periodens udløb", "Valggruppe"]
    # "ø" is the two UTF-8 bytes C3 B8, not Windows-1252's single F8
    assert "udløb".encode("utf-8") in raw and b"\xf8" not in raw


@pytest.mark.parametrize("cmd", [("report", "annual", "--year", "2022"), ("report", "gender", "--on", "2022-06-30")])
def test_every_csv_report_file_has_a_bom(udpeg, sample_db, tmp_path, cmd):
    out = tmp_path / "r.csv"
    assert udpeg(*cmd, "-o", out, db=sample_db).code == 0
    assert out.read_bytes().startswith(BOM)
    assert _rows(out)[0][0] == "Board"


def test_csv_on_standard_output_has_no_bom(udpeg, sample_db):
    r = udpeg("vacancies", "--on", "2022-06-30", "--format", "csv", db=sample_db)
    assert r.code == 0, r.err
    assert r.out.startswith("board") and "\ufeff" not in r.out


def test_csv_into_a_pipe_has_no_bom(udpeg, sample_db, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []
    t = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    t.start()
    r = udpeg("report", "vacancies", "--on", "2022-06-30", "--format", "csv", "-o", fifo, db=sample_db)
    t.join(timeout=30)
    assert r.code == 0, r.err
    assert got[0].startswith(b"Board,") and BOM not in got[0]
