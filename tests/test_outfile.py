"""``-o PATH`` never destroys what the path is (issue 13.1): a link is written through, a pipe in
place, a folder or a missing folder refused with exit 2; a failure leaves the old file whole."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading

import pytest

# Keep this import at the top: on code without registry.outfile the module fails to import, so the
# device tests below never run a writer that would replace /dev/null or /dev/full (as root it did).
from registry import outfile

# every command with -o, as (arguments before -o, file name)
COMMANDS = [
    (("export", "--format", "json"), "out.json"),
    (("report", "annual", "--year", "2022", "--format", "md"), "out.md"),
    (("report", "gender", "--on", "2022-06-30", "--format", "csv"), "out.csv"),
    (("report", "vacancies", "--on", "2022-06-30", "--format", "json"), "out.json"),
    (("calendar", "--from", "2022-01-01", "--to", "2022-12-31"), "out.ics"),
    (("synth", "--boards", "3", "--years", "4"), "out.json"),
    (("minutes", "--meeting", "kkr-2022-03-25", "--item", "3.1"), "out.md"),
    (("agenda", "--meeting", "kkr-2026-03-27", "--board", "erhvervshus-nordjylland", "--round", "2026-04-01"), "out.html"),
]


def _leftovers(folder):
    return sorted(n for n in os.listdir(folder) if n.endswith(".part") or n.startswith("."))


@pytest.mark.parametrize("args, name", COMMANDS, ids=lambda v: v[0] if isinstance(v, tuple) else None)
def test_a_symlink_is_written_through_and_stays_a_link(udpeg, sample_db, tmp_path, args, name):
    target = tmp_path / "real" / name
    target.parent.mkdir()
    target.write_text("old contents", encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / ("link-" + name)
    link.symlink_to(target)
    r = udpeg(*args, "-o", link, db=sample_db)
    assert r.code == 0, r.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    text = target.read_text(encoding="utf-8")
    assert text != "old contents" and len(text) > 20
    assert stat.S_IMODE(target.stat().st_mode) == 0o640          # the target keeps its mode
    assert _leftovers(target.parent) == [] and _leftovers(tmp_path) == []


def test_a_dangling_symlink_creates_its_target(udpeg, sample_db, tmp_path):
    target = tmp_path / "made.json"
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = udpeg("export", "--format", "json", "-o", link, db=sample_db)
    assert r.code == 0, r.err
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args, name", COMMANDS[:5], ids=lambda v: v[0] if isinstance(v, tuple) else None)
def test_a_fifo_is_written_in_place_never_replaced(udpeg, sample_db, tmp_path, args, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader():
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    r = udpeg(*args, "-o", fifo, db=sample_db)
    t.join(timeout=30)
    assert not t.is_alive()
    assert r.code == 0, r.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)                 # still the pipe
    assert len(got[0]) > 20
    assert _leftovers(tmp_path) == []


def test_a_character_device_is_written_in_place(udpeg, sample_db):
    r = udpeg("export", "--format", "json", "-o", "/dev/null", db=sample_db)
    assert r.code == 0, r.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_full_device_is_a_sentence_and_stays_a_device(udpeg, sample_db):
    r = udpeg("export", "--format", "json", "-o", "/dev/full", db=sample_db)
    assert r.code == 2 and "/dev/full" in r.err and "Traceback" not in r.err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("args, name", COMMANDS, ids=lambda v: v[0] if isinstance(v, tuple) else None)
def test_a_folder_is_refused_with_exit_2(udpeg, sample_db, tmp_path, args, name):
    folder = tmp_path / name
    folder.mkdir()
    r = udpeg(*args, "-o", folder, db=sample_db)
    assert r.code == 2, r.err
    assert "is a folder" in r.err and "Traceback" not in r.err
    assert os.listdir(folder) == []


@pytest.mark.parametrize("args, name", COMMANDS, ids=lambda v: v[0] if isinstance(v, tuple) else None)
def test_a_missing_folder_is_refused_with_exit_2(udpeg, sample_db, tmp_path, args, name):
    r = udpeg(*args, "-o", tmp_path / "missing" / name, db=sample_db)
    assert r.code == 2, r.err
    assert "does not exist" in r.err and "missing" in r.err and "Traceback" not in r.err
    assert not (tmp_path / "missing").exists()


def test_a_file_as_folder_is_refused_with_exit_2(udpeg, sample_db, tmp_path):
    (tmp_path / "plain").write_text("x")
    r = udpeg("export", "-o", tmp_path / "plain" / "x.toml", db=sample_db)
    assert r.code == 2 and "does not exist" in r.err


def test_a_symlink_loop_is_refused_with_exit_2(udpeg, sample_db, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    r = udpeg("export", "-o", tmp_path / "a", db=sample_db)
    assert r.code == 2 and "circle" in r.err
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_a_failure_midway_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("the previous report", encoding="utf-8")
    with pytest.raises(outfile.OutputError, match="left as it was"):
        with outfile.open_for_writing(out) as fh:
            fh.write(b"half of the new ")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert os.listdir(tmp_path) == ["report.html"]


def test_a_failing_disk_in_a_command_is_exit_2_and_keeps_the_old_file(udpeg, sample_db, tmp_path, monkeypatch):
    out = tmp_path / "export.json"
    out.write_text("the previous export", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outfile.os, "fsync", full)
    r = udpeg("export", "--format", "json", "-o", out, db=sample_db)
    assert r.code == 2 and "No space left on device" in r.err and "Traceback" not in r.err
    assert out.read_text(encoding="utf-8") == "the previous export"
    assert sorted(os.listdir(tmp_path)) == ["export.json", "registry.db"]


def test_a_new_file_gets_the_umask_mode_not_the_temporary_files(tmp_path):
    old = os.umask(0o022)
    try:
        outfile.write(tmp_path / "new.txt", "hello")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert (tmp_path / "new.txt").read_text() == "hello"


def test_messages_are_danish_under_lang_da(udpeg, sample_db, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "a")
    r = udpeg("--lang", "da", "export", "-o", tmp_path / "a", db=sample_db)
    assert r.code == 2 and "fører i ring" in r.err
