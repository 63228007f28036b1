"""Tables for people and for pipes (issue 12.6): on a terminal a table fits its width with one
line a row, names shortened with "…" and ids whole; into a pipe it is plain aligned text with no
box drawing."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from datetime import date

from rich.cells import cell_len

from registry.cli.output import table_lines

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
BOX = re.compile("[\u2500-\u257f]")          # the box-drawing block

LONG = "Dialogforum om retssikkerhed (tidl. Retssikkerhedsalliancen) – et meget langt navn"
ROWS = [
    {"id": "danmarks-erhvervsfremmebestyrelse", "name": LONG, "counted": 5, "women": 0, "men": 1,
     "undisclosed": 4, "next_term_end": date(2029, 12, 31)},
    {"id": "brn", "name": "Business Region North Denmark (BRN) – bestyrelse", "counted": 12, "women": 6, "men": 6,
     "undisclosed": 0, "next_term_end": None},
    {"id": "nt", "name": "Nordjyllands\nTrafikselskab", "counted": 0, "women": 0, "men": 0, "undisclosed": 0,
     "next_term_end": date(2030, 3, 31)},
]
COLUMNS = [("id", "Id"), ("name", "Board"), ("counted", "Counted"), ("women", "Women"), ("men", "Men"),
           ("undisclosed", "Undisclosed"), ("next_term_end", "Next term end")]


def test_a_terminal_table_fits_80_columns_one_line_a_row_ids_whole():
    lines = [t.plain for t in table_lines(ROWS, COLUMNS, terminal=True, width=80, title="Boards")]
    assert all(cell_len(line) <= 80 for line in lines), [cell_len(x) for x in lines]
    body = lines[3:]                                  # title, header, rule, then one line a row
    assert len(body) == len(ROWS)
    for line, row in zip(body, ROWS):
        assert line.startswith(row["id"] + " ")       # the id whole, in its own column
        assert str(row["counted"]) in line.split()
    assert "…" in body[0] and LONG not in body[0]     # the long name shortened with an ellipsis
    assert "2029-12-31" in body[0]                    # dates never shortened
    assert "\n" not in "".join(body)


def test_a_wide_terminal_shows_names_whole():
    lines = [t.plain for t in table_lines(ROWS, COLUMNS, terminal=True, width=200)]
    assert LONG in lines[2] and "…" not in "".join(lines)


def test_a_table_into_a_pipe_is_plain_aligned_text():
    lines = [t.plain for t in table_lines(ROWS, COLUMNS, terminal=False, title="Boards")]
    assert not BOX.search("".join(lines))
    assert lines[0] == "Boards" and len(lines) == 2 + len(ROWS)   # the title, a header, one line a row
    start = lines[1].index("Board")
    # every name starts under its header, whole (a line break inside a name became a space)
    assert [line[start:].startswith(r["name"].replace("\n", " ")) for line, r in zip(lines[2:], ROWS)] == [True] * 3
    assert "…" not in "".join(lines)


def test_boards_into_a_pipe_has_no_box_drawing_and_one_line_a_board(udpeg, sample_db):
    r = udpeg("boards", "--on", "2026-04-01", db=sample_db)
    assert r.code == 0, r.err
    ids = [b["id"] for b in udpeg("boards", "--on", "2026-04-01", "--format", "json", db=sample_db).json()]
    lines = r.out.rstrip("\n").split("\n")
    assert not BOX.search(r.out)
    assert lines[0] == "Boards on 2026-04-01" and len(lines) == 2 + len(ids)
    for line, board_id in zip(lines[2:], ids):
        assert f" {board_id} " in line                # grep finds a board by its id on its line


def _in_a_terminal(args, columns=80):
    """Run udpeg with standard output on a pseudo-terminal COLUMNS wide; its output as text."""
    main, other = pty.openpty()
    env = dict(os.environ, COLUMNS=str(columns), LINES="50", NO_COLOR="1", UDPEG_LANG="en")
    p = subprocess.Popen([sys.executable, "-m", "registry", *args], stdout=other, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=env)
    os.close(other)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:                               # the other end closed
            break
        if not chunk:
            break
        out += chunk
    p.wait(timeout=120)
    os.close(main)
    assert p.returncode == 0, p.stderr.read()
    return ANSI.sub("", out.decode("utf-8")).replace("\r\n", "\n")


def test_boards_on_an_80_column_terminal_fits_and_keeps_ids_whole(udpeg, sample_db):
    ids = [b["id"] for b in udpeg("boards", "--on", "2026-04-01", "--format", "json", db=sample_db).json()]
    out = _in_a_terminal(["--db", str(sample_db), "boards", "--on", "2026-04-01"])
    lines = out.rstrip("\n").split("\n")
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    rows = lines[3:]                                  # title, header, rule
    assert len(rows) == len(ids)
    for line, board_id in zip(rows, ids):
        assert line.split()[1] == board_id            # after the status mark: the id, whole
