"""Who is acting, for the audit log (kept light: the CLI needs it before any database import).

The **claimed** name comes from ``--as``, ``UDPEG_USER`` or the OS login name (``LOGNAME``,
``USER``, … as :func:`getpass.getuser` reads them): anyone can give any of these, so it is bounded
(at most :data:`MAX_ACTOR` characters, no control or format characters) and recorded as a claim.
The **authenticated** identity is recorded beside it by the database layer (docs/architecture.md).
"""

import getpass
import os
import unicodedata

#: The longest claimed name accepted (characters).
MAX_ACTOR = 100


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return os.environ.get("USER", "unknown")


def checked_actor(claimed: str | None) -> str:
    """The claimed name (``--as``/``UDPEG_USER``, else the OS login name), refused with a sentence
    (:class:`~registry.errors.RegistryError`, exit 2) when it is too long or holds a control
    character such as a newline."""
    from registry.errors import RegistryError
    from registry.i18n import _

    name = claimed or default_actor()
    shown = repr(name[:40] + ("…" if len(name) > 40 else ""))
    if len(name) > MAX_ACTOR:
        raise RegistryError(_("The acting user's name {name} is {n} characters long; give a name of at most {max} "
                              "characters with --as or UDPEG_USER.", name=shown, n=len(name), max=MAX_ACTOR))
    if any(unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") for c in name):
        raise RegistryError(_("The acting user's name {name} holds a control character (such as a newline); give a "
                              "plain name with --as or UDPEG_USER.", name=shown))
    if not name.strip():
        raise RegistryError(_("The acting user's name is blank; give a name with --as or UDPEG_USER."))
    return name
