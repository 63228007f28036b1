"""Writing a file named by ``-o PATH``: the one way every command writes its output file.

- A regular file (or a path that does not exist yet) is replaced **atomically**: the data goes
  to a temporary file in the same folder, is flushed to disk, and is renamed over the target; a
  failure midway leaves the old file as it was and no temporary file behind. An existing file
  keeps its permissions (and, when allowed, its owner).
- A **symbolic link** is followed: its target is written (atomically, as above); the link stays
  a link. A dangling link creates its target.
- A **pipe or a character device** (a FIFO, a terminal, ``/dev/null``, ``/dev/stdout``) is
  written in place, streamed; it is never replaced by a file.
- A folder, a missing folder, a socket or a block device is refused with a sentence (exit 2)
  before any work is done, and nothing is written.

``check(path)`` is called before a command does its work, so that bad input costs nothing;
``write(path, data)`` and ``open_for_writing(path)`` check again and write.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from registry.errors import RegistryError
from registry.i18n import _

__all__ = ["OutputError", "Target", "check", "open_for_writing", "write"]


class OutputError(RegistryError):
    """The output file cannot be written; nothing was changed (exit 2)."""

    exit_code = 2


@dataclass(frozen=True)
class Target:
    """Where the bytes go: ``path`` as given, ``real`` the file written, ``stream`` when in place."""

    path: Path
    real: Path
    stream: bool
    mode: int | None = None        # the permission bits of an existing regular file
    owner: tuple[int, int] | None = None


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check(path: Path | str) -> Target:
    """What writing ``path`` would do, or an :class:`OutputError` saying why it cannot be done."""
    given = Path(path)
    shown = str(given)
    try:
        st = os.stat(given)                     # follows links (also /dev/stdout's)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise OutputError(_("The folder {folder} does not exist; create it first or choose another.",
                            folder=str(given.parent))) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(_("{file} is a symbolic link that leads round in a circle; give another file name.",
                                file=shown)) from None
        raise OutputError(_("Cannot write {file}: {reason}.", file=shown, reason=_reason(exc))) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(_("{file} is a folder; give a file name.", file=shown))
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            if not os.access(given, os.W_OK):
                raise OutputError(_("Cannot write {file}: {reason}.", file=shown,
                                    reason=os.strerror(errno.EACCES)))
            return Target(given, given, stream=True)
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(_("{file} is not a file that can be written (a socket or a block device); "
                                "give the name of a regular file.", file=shown))
    real = Path(os.path.realpath(given))        # a link's target, also when it does not exist yet
    folder = real.parent
    if not folder.is_dir():
        shown_folder = given.parent if not given.parent.is_dir() else folder   # a link's folder if it is the missing one
        raise OutputError(_("The folder {folder} does not exist; create it first or choose another.",
                            folder=str(shown_folder)))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(_("Cannot write {file}: {reason}.", file=shown, reason=_("the folder {folder} is not writable",
                                                                                 folder=str(folder))))
    if st is None:
        return Target(given, real, stream=False)
    return Target(given, real, stream=False, mode=stat.S_IMODE(st.st_mode), owner=(st.st_uid, st.st_gid))


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def open_for_writing(path: Path | str, text: bool = False, encoding: str = "utf-8",
                     newline: str | None = None) -> Iterator[IO]:
    """A file to write ``path``'s new contents into; they take its place only if the block ends
    without an error (see the module's docstring)."""
    target = check(path)
    shown = str(target.path)
    if target.stream:
        try:
            fh = open(target.real, "w" if text else "wb", **({"encoding": encoding, "newline": newline} if text else {}))
        except OSError as exc:
            raise OutputError(_("Cannot write {file}: {reason}.", file=shown, reason=_reason(exc))) from None
        try:
            with fh:
                yield fh
        except OSError as exc:
            raise OutputError(_("Could not finish writing {file}: {reason}.", file=shown, reason=_reason(exc))) from None
        return
    folder = target.real.parent
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.real.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(_("Cannot write {file}: {reason}.", file=shown, reason=_reason(exc))) from None
    tmp = Path(tmp_name)
    try:
        fh = os.fdopen(fd, "w" if text else "wb", **({"encoding": encoding, "newline": newline} if text else {}))
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, target.mode if target.mode is not None else _umask_mode())
        if target.owner is not None:
            try:
                os.chown(tmp, *target.owner)
            except OSError:
                pass                            # not ours to give away: the new file is the writer's
        os.replace(tmp, target.real)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(_("Could not write {file}: {reason}. It was left as it was.", file=shown,
                                reason=_reason(exc))) from None
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)                        # the rename itself on disk
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write(path: Path | str, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path``: atomically, or in place for a pipe or device."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open_for_writing(path) as fh:
        fh.write(payload)
