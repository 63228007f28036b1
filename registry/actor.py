"""Who is acting, for the audit log (kept light: the CLI needs it before any database import)."""

import getpass
import os


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return os.environ.get("USER", "unknown")
