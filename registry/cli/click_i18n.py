"""Typer's and Click's own texts in the user's language.

Typer (0.26 and later vendors Click) writes its help headings through ``gettext.gettext``
bound at import (``typer.core._``), and its vendored Click writes usage lines and errors as
f-strings ("Usage: ", "Error: No such option: --x"). Under a language other than English,
:func:`install` points ``typer.core._`` at our catalogue (domain ``udpeg``; Typer's msgids are
marked below so extraction and the completeness test see them) and sets the usage prefix and
help option's text; :func:`usage_error_text` words a usage error from its parts, translating
Click's messages by their shape (the patterns below, each with its msgid).
"""

from __future__ import annotations

import re

from registry.i18n import N_, _, get_language, translate

#: Typer's gettext msgids (typer/core.py), translated through our catalogue.
TYPER_MSGIDS = (N_("Options"), N_("Commands"), N_("Arguments"), N_("default: {default}"), N_("env var: {var}"),
                N_("required"), N_("(dynamic)"), N_("Aborted!"), N_("Missing command."), N_("No such command {name!r}."))

#: Click's and pydantic's messages as vendored Click words them: (pattern, msgid). A message of
#: another shape is shown as it is; our own messages are already translated when raised.
_PATTERNS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p), m) for p, m in (
    (r"^Invalid value for (?P<hint>.+?): (?P<message>.*)$", N_("Invalid value for {hint}: {message}")),
    (r"^Invalid value: (?P<message>.*)$", N_("Invalid value: {message}")),
    (r"^Missing argument (?P<hint>.+)\.$", N_("Missing argument {hint}.")),
    (r"^Missing option (?P<hint>.+)\.$", N_("Missing option {hint}.")),
    (r"^Missing parameter:? (?P<hint>.+?)\.?$", N_("Missing parameter {hint}.")),
    (r"^Option (?P<opt>.+) requires an argument\.$", N_("Option {opt} requires a value.")),
    (r"^Option (?P<opt>.+) does not take a value\.$", N_("Option {opt} does not take a value.")),
    (r"^No such command (?P<name>.+)\.$", N_("No such command {name}.")),
    (r"^Missing command\.$", N_("Missing command.")),
    (r"^No such option: (?P<name>\S+) \(Possible options: (?P<possible>.*)\)$",
     N_("No such option: {name} (possible options: {possible})")),
    (r"^No such option: (?P<name>\S+)$", N_("No such option: {name}")),
    (r"^Value error, (?P<message>.*)$", "{message}"),
    (r"^(?P<value>'.*') is not one of (?P<choices>.*)\.$", N_("{value} is not one of {choices}.")),
    (r"^Input should be a valid integer.*$", N_("Write a whole number.")),
    (r"^Input should be a valid number.*$", N_("Write a number.")),
    (r"^Input should be a valid boolean.*$", N_("Write true or false.")),
    (r"^Input should be greater than or equal to (?P<n>-?\d+)$", N_("The value must be at least {n}.")),
    (r"^Input should be greater than (?P<n>-?\d+)$", N_("The value must be greater than {n}.")),
    (r"^Input should be less than or equal to (?P<n>-?\d+)$", N_("The value must be at most {n}.")),
    (r"^Input should be less than (?P<n>-?\d+)$", N_("The value must be less than {n}.")),
    (r"^File (?P<path>.+) does not exist\.$", N_("The file {path} does not exist.")),
    (r"^Directory (?P<path>.+) does not exist\.$", N_("The folder {path} does not exist.")),
    (r"^Path (?P<path>.+) does not exist\.$", N_("The path {path} does not exist.")),
    (r"^Value (?P<value>.+) is not a valid (?P<kind>\w+)\.$", N_("Value {value} is not a valid {kind}.")),
))


def translate_message(text: str, lang: str | None = None) -> str:
    """Click's message ``text`` in ``lang`` (by its shape; unknown shapes as they are)."""
    lang = lang or get_language()
    if lang == "en":
        return text
    extra = re.fullmatch(r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)", text)
    if extra:
        n = len(extra["args"].split())
        return translate(N_("Unexpected extra arguments: {args}"), lang, args=extra["args"]) if n != 1 else \
            translate(N_("Unexpected extra argument: {args}"), lang, args=extra["args"])
    for pattern, msgid in _PATTERNS:
        m = pattern.match(text)
        if m:
            params = m.groupdict()
            if "message" in params:
                params["message"] = translate_message(params["message"], lang)
            return translate(msgid, lang, **params) if msgid != "{message}" else params["message"]
    return text


def usage_error_text(exc) -> str:
    """The whole text Click's ``UsageError.show`` writes, in the current language."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} {option}' for help.", command=ctx.command_path,
                           option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(_("Error: {message}", message=translate_message(exc.format_message())))
    return "\n".join(lines)


_installed: dict[str, object] = {}


def install() -> None:
    """Point Typer's and Click's own texts at the current language (idempotent; English
    restores them)."""
    try:
        import typer.core as tcore
        from typer._click import decorators, formatting
    except ImportError:  # pragma: no cover - an older Typer with Click apart: its texts stay English
        return
    import typer.main as tmain

    if not _installed:
        _installed.update(gettext=tcore._, write_usage=formatting.HelpFormatter.write_usage,
                          help_option=decorators.help_option, get_command=tmain.get_command)
    if get_language() == "en":
        tcore._ = _installed["gettext"]
        formatting.HelpFormatter.write_usage = _installed["write_usage"]
        decorators.help_option = _installed["help_option"]
        tmain.get_command = _installed["get_command"]
        return
    original_get_command = _installed["get_command"]

    def get_command(typer_instance):
        command = original_get_command(typer_instance)
        if get_language() != "en":
            translate_help(command)
        return command

    tmain.get_command = get_command
    tcore._ = lambda message: translate(message)
    original_usage, original_help = _installed["write_usage"], _installed["help_option"]

    def write_usage(self, prog, args="", prefix=None):
        args = args.replace("[OPTIONS]", _("[OPTIONS]")).replace("COMMAND [ARGS]...", _("COMMAND [ARGS]..."))
        return original_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    def help_option(*param_decls):
        make = original_help(*param_decls)

        def apply(f):
            out = make(f)
            for p in getattr(f, "params", ()):
                if p.help == "Show this message and exit.":
                    p.help = _("Show this message and exit.")
            return out
        return apply

    formatting.HelpFormatter.write_usage = write_usage
    decorators.help_option = help_option



def help_texts(command) -> list[str]:
    """Every help text of ``command`` and its subcommands and parameters (our own English)."""
    out = []

    def walk(c):
        out.extend(t for t in (c.help, getattr(c, "short_help", None)) if t)
        out.extend(p.help for p in c.params if getattr(p, "help", None))
        for sub in getattr(c, "commands", {}).values():
            walk(sub)
    walk(command)
    return list(dict.fromkeys(out))


def translate_help(command) -> None:
    """Put the help texts of ``command`` (and below) into the current language; a text the
    catalogue lacks (a command added since) stays English."""
    command.help = translate(command.help) if command.help else command.help
    if getattr(command, "short_help", None):
        command.short_help = translate(command.short_help)
    for p in command.params:
        if getattr(p, "help", None) and p.help != "Show this message and exit.":
            p.help = translate(p.help)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)
