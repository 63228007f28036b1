"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer is a row of widgets, one per key, and it rebuilds the row on every "bindings
updated" signal. Opening a screen sends three or four of those (the screen resumes, a widget takes
the focus, the screen goes idle) although the keys stay the same, and every rebuild mounts and
styles each key again: the largest part of the first paint after Textual itself (quality.md P4).
This Footer rebuilds only when what it would show differs from what it shows.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: tuple | None = None

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def _shows(self) -> tuple:
        """Everything ``compose`` reads, as a value (the keys, their state, the footer's options)."""
        app = self.app
        keys = tuple((binding.key, app.get_key_display(binding), binding.description, binding.action, binding.show,
                      enabled, tooltip, binding.tooltip, binding.group)
                     for _node, binding, enabled, tooltip in self.screen.active_bindings.values())
        return (keys, self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, app.COMMAND_PALETTE_BINDING,
                app.size.width)

    PALETTE_WIDTH = 14

    def compose(self):
        """Textual's keys, but only as many as fit whole: a key is never cut mid-word ("r Genindlæ");
        the ones left out are in the help (F1) and the command palette."""
        from textual.widgets._footer import FooterKey

        budget = self.app.size.width - self.PALETTE_WIDTH
        used, out, full = 0, [], False
        for w in super().compose():
            if isinstance(w, FooterKey) and not w.has_class("-command-palette"):
                need = len(w.key_display) + len(w.description) + 3
                if full or used + need > budget:
                    full = True
                    continue
                used += need
            out.append(w)
        self.styles.grid_size_columns = len(out)
        yield from out

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        shows = self._shows()
        if shows != self._shown:
            self._shown = shows
            await self.recompose()
