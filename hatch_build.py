"""Build hook: compile the gettext catalogues (registry/i18n/locale/*/LC_MESSAGES/*.po) into the
wheel's ``.mo`` files, so an installed Udpeg reads them as they are. An editable install skips
this; there the ``.mo`` is compiled on first use into the user's cache (registry/i18n)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from registry.i18n import compile_po
        finally:
            sys.path.pop(0)
        out = Path(tempfile.mkdtemp(prefix="udpeg-mo-"))
        for po in sorted(Path(self.root, "registry", "i18n", "locale").glob("*/LC_MESSAGES/*.po")):
            rel = po.relative_to(self.root).with_suffix(".mo")
            mo = out / rel
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(compile_po(po))
            build_data["force_include"][str(mo)] = rel.as_posix()
