"""Searchable pickers: type to filter a list of names, Enter returns the id (names shown, never ids).

``PickerDialog`` is the modal list; ``PickField`` (one choice) and ``PickListField`` (several) are the
form fields that open it. The list's rows come from a *source*: a function ``(ctx, text) -> [(id,
label Text)]`` run in a thread worker (it reads through ``registry.service``), so typing never waits
on the database.
"""

from __future__ import annotations

from typing import Callable, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from registry import service
from registry.i18n import N_, _
from tui.widgets.common import B, day, localized, sex_label

Row = tuple[str, Text]
Source = Callable[[object, str], list[Row]]

#: The id a picker returns for "create a new one named as typed" (``PickerDialog(new_label=…)``).
NEW = "\0new"


# --- sources: what each kind of picker lists ----------------------------------------------------

def people_source(ctx, text: str) -> list[Row]:
    rows = service.people(ctx, text.strip() or None, limit=50)
    places = service.body_names(ctx, [r["municipality"] for r in rows if r.get("municipality")])
    out = []
    for r in rows:
        t = Text(r["name"])
        place = places.get(r.get("municipality") or "", r.get("municipality"))
        extra = [sex_label(r["sex"])] + [x for x in (r.get("party"), place) if x]
        t.append("  " + ", ".join(extra), style="dim")
        out.append((r["id"], t))
    return out


ORG_KINDS = {"business": N_("business"), "labour": N_("labour market"), "knowledge": N_("knowledge institution"),
             "kkr": N_("KKR"), "municipality": N_("municipality"), "region": N_("region"), "ministry": N_("ministry"),
             "council-group": N_("council group"), "other": N_("other")}


def org_kind_label(kind: str) -> str:
    return _(ORG_KINDS[kind]) if kind in ORG_KINDS else kind


def organisations_source(ctx, text: str) -> list[Row]:
    out = []
    for r in service.find_organisations(ctx, text):
        t = Text(r["name"])
        t.append("  " + org_kind_label(r["kind"]), style="dim")
        out.append((r["id"], t))
    return out


def boards_source(ctx, text: str) -> list[Row]:
    return [(r["id"], Text(r["name"])) for r in service.find_boards(ctx, text)]


def meeting_label(r: dict) -> Text:
    t = Text(f"{day(r['date'])} {r['body_name']}")
    if r.get("place"):
        t.append("  " + r["place"], style="dim")
    return t


def meetings_source(ctx, text: str) -> list[Row]:
    return [(r["id"], meeting_label(r)) for r in service.find_meetings(ctx, text)]


def seat_groups_source(board: str, on=None) -> Source:
    def source(ctx, text: str) -> list[Row]:
        like = text.strip().lower()
        return [(r["seat"], Text(r["name"])) for r in service.find_seat_groups(ctx, board, on)
                if not like or like in r["name"].lower()]
    return source


def members_source(board: str, on, seat: str | None = None) -> Source:
    def source(ctx, text: str) -> list[Row]:
        like = text.strip().lower()
        return [(r["appointment"], Text(r["name"])) for r in service.board_members(ctx, board, on, seat)
                if not like or like in r["name"].lower()]
    return source


# --- the dialog ---------------------------------------------------------------------------------

@localized
class PickerDialog(ModalScreen[tuple[str, str] | None]):
    """Type to filter; ↓ to the list; Enter picks. Returns (id, name) or None (Escape).

    With ``new_label`` the list ends with "+ <new_label>: <typed text>", which returns (NEW, text).
    """

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "picker.cancel")]

    def __init__(self, title: str, source: Source, new_label: str | None = None, initial: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.source = source
        self.new_label = new_label
        self.initial = initial
        self.labels: dict[str, Text] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static(Text(self.title_text, style="bold"))
            yield Input(value=self.initial, placeholder=_("Type to search by name…"), id="picker-search")
            yield OptionList(id="picker-list")
            yield Static(Text(_("↓ to the list, Enter picks, Escape cancels"), style="dim"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#picker-search", Input).focus()
        self.search(self.initial)

    @on(Input.Changed, "#picker-search")
    def _changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True, group="picker", exit_on_error=False)
    def search(self, text: str) -> None:
        from tui.screens.base import deliver, fail

        try:
            rows = self.source(self.app.ctx, text)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show, text, rows)

    def show(self, text: str, rows: list[Row]) -> None:
        ol = self.query_one("#picker-list", OptionList)
        ol.clear_options()
        self.labels = {rid: label for rid, label in rows}
        options = [Option(label, id=rid) for rid, label in rows]
        if self.new_label and text.strip():
            options.append(Option(Text("+ " + _("{what}: {name}", what=self.new_label, name=text.strip()),
                                       style="bold"), id=NEW))
            self.labels[NEW] = Text(text.strip())
        if not options:
            options.append(Option(Text(_("Nothing matches."), style="dim"), disabled=True))
        ol.add_options(options)
        if not ol.get_option_at_index(0).disabled:
            ol.highlighted = 0

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#picker-search", Input):
            self.query_one("#picker-list", OptionList).focus()
            event.stop()

    @on(Input.Submitted, "#picker-search")
    def _submitted(self) -> None:
        ol = self.query_one("#picker-list", OptionList)
        if ol.highlighted is not None:
            self._pick(ol.get_option_at_index(ol.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, rid: str | None) -> None:
        if rid is None or rid not in self.labels:
            return
        label = self.labels[rid]
        name = label.plain.split("  ")[0] if rid != NEW else label.plain
        self.dismiss((rid, name))

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- form fields ----------------------------------------------------------------------------------

class PickField(Button):
    """A form field showing the chosen name; Enter (or a click) opens the picker. ``value`` is the id."""

    class Changed(Message):
        def __init__(self, field: "PickField") -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> "PickField":
            return self.field

    def __init__(self, title: str, source: Source | None, *, placeholder: str = "", value: str | None = None,
                 name_: str = "", new_label: str | None = None, id: str | None = None, classes: str = "") -> None:
        self.title_text = title
        self.source = source
        self.placeholder = placeholder or _("(choose…)")
        self.value: str | None = value
        self.chosen_name = name_
        self.new_label = new_label
        super().__init__(self._label(), id=id, classes=("pick " + classes).strip(), compact=True)

    def _label(self) -> Text:
        if self.value:
            return Text(self.chosen_name or self.value)
        return Text(self.placeholder, style="dim")

    def set(self, value: str | None, name: str = "") -> None:
        self.value = value
        self.chosen_name = name
        self.label = self._label()
        self.post_message(self.Changed(self))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.source is None:
            return
        self.app.push_screen(PickerDialog(self.title_text, self.source, self.new_label), self._picked)

    def _picked(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        rid, name = answer
        if rid == NEW:
            self.post_message(PickListField.NewRequested(self, name))
            return
        self.set(rid, name)


class PickListField(Button):
    """Several choices: Enter adds one through the picker, Backspace removes the last. ``values`` are ids."""

    class Changed(Message):
        def __init__(self, field: "PickListField") -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> "PickListField":
            return self.field

    class NewRequested(Message):
        """The user asked to create a new record named ``name`` (the picker's "+ new" row)."""

        def __init__(self, field, name: str) -> None:
            super().__init__()
            self.field = field
            self.name = name

        @property
        def control(self):
            return self.field

    def __init__(self, title: str, source: Source, *, placeholder: str = "",
                 chosen: Sequence[tuple[str, str]] = (), new_label: str | None = None, id: str | None = None) -> None:
        self.title_text = title
        self.source = source
        self.placeholder = placeholder or _("(Enter adds one…)")
        self.chosen: list[tuple[str, str]] = list(chosen)
        self.new_label = new_label
        super().__init__(self._label(), id=id, classes="pick", compact=True)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(i for i, _n in self.chosen)

    def _label(self) -> Text:
        if not self.chosen:
            return Text(self.placeholder, style="dim")
        t = Text(", ".join(n for _i, n in self.chosen))
        t.append("  " + _("(Enter adds, Backspace removes)"), style="dim")
        return t

    def add(self, rid: str, name: str) -> None:
        if rid not in self.values:
            self.chosen.append((rid, name))
            self.label = self._label()
            self.post_message(self.Changed(self))

    def remove_last(self) -> None:
        if self.chosen:
            self.chosen.pop()
            self.label = self._label()
            self.post_message(self.Changed(self))

    def on_key(self, event) -> None:
        if event.key in ("backspace", "delete"):
            self.remove_last()
            event.stop()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(PickerDialog(self.title_text, self.source, self.new_label), self._picked)

    def _picked(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        rid, name = answer
        if rid == NEW:
            self.post_message(self.NewRequested(self, name))
            return
        self.add(rid, name)
