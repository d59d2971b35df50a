"""`labeler completion bash|zsh|fish`: a shell completion script, printed on standard output.

The script is generated from the command line's own argparse parser, so a
new subcommand, option or choice is completed as soon as it exists.  It
completes subcommands (with their help in zsh and fish), options, the
choices of options that have them (--lang, --method, …) and file names where
a command takes files.  It is static: pressing Tab never starts Python.

    labeler completion bash > ~/.local/share/bash-completion/completions/labeler
    labeler completion zsh  > ~/.zfunc/_labeler        # with fpath+=(~/.zfunc) before compinit
    labeler completion fish > ~/.config/fish/completions/labeler.fish
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field

from labeler.commands.common import EXIT_OK

SHELLS = ("bash", "zsh", "fish")
# Metavars and destinations that name files or folders.
_FILE_WORDS = {"PATH", "FILE", "DIR", "FOLDER", "KEY", "OUT", "paths", "path", "root", "file", "from_file",
               "scheme", "out", "key"}


def register(sub) -> None:
    p = sub.add_parser("completion", help="Print a shell completion script (bash, zsh or fish).",
                       description="Print a completion script for SHELL on standard output; see the README "
                                   "(\"Shell completion\") for where to put it.")
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    p.set_defaults(func=run)


def run(args) -> int:
    from labeler.cli import parser

    print(script(parser(), args.shell), end="")
    return EXIT_OK


# -- the parser as data -----------------------------------------------------------------------

@dataclass
class Option:
    flags: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...] = ()
    files: bool = False
    repeatable: bool = False


@dataclass
class Command:
    path: tuple[str, ...]  # () for `labeler` itself, ("scheme", "sign") for `labeler scheme sign`
    help: str = ""
    options: list[Option] = field(default_factory=list)
    subcommands: dict[str, Command] = field(default_factory=dict)
    positional_choices: tuple[str, ...] = ()
    takes_files: bool = False  # a positional argument names files


def _clean(text: str | None) -> str:
    if not text or text == argparse.SUPPRESS:
        return ""
    return re.sub(r"\s+", " ", text % {"prog": "labeler", "default": ""} if "%(" in text else text).strip()


def _names_files(action: argparse.Action) -> bool:
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    return metavar.split("|")[0] in _FILE_WORDS or action.dest in _FILE_WORDS


def command_tree(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), help_text: str = "") -> Command:
    """The parser, its options and its subcommands, recursively."""
    command = Command(path, help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: _clean(a.help) for a in action._choices_actions}
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) in seen:
                    continue  # an alias
                seen.add(id(sub))
                command.subcommands[name] = command_tree(sub, path + (name,), helps.get(name, ""))
        elif action.option_strings:
            if action.help == argparse.SUPPRESS:
                continue
            choices = tuple(str(c) for c in action.choices) if action.choices else ()
            command.options.append(Option(tuple(action.option_strings), _clean(action.help), action.nargs != 0,
                                          choices, action.nargs != 0 and not choices and _names_files(action),
                                          isinstance(action, (argparse._CountAction, argparse._AppendAction))))
        else:
            if action.choices:
                command.positional_choices += tuple(str(c) for c in action.choices)
            elif _names_files(action):
                command.takes_files = True
    return command


def walk(command: Command):
    yield command
    for sub in command.subcommands.values():
        yield from walk(sub)


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    tree = command_tree(parser)
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](tree)


# -- bash --------------------------------------------------------------------------------------

def _key(command: Command) -> str:
    return " ".join(("labeler",) + command.path)


def _sh_words(words) -> str:
    return " ".join(words)


def bash(tree: Command) -> str:
    subs, opts, values, files = [], [], [], []
    for c in walk(tree):
        key = _key(c)
        if c.subcommands:
            subs.append(f'        "{key}") echo "{_sh_words(c.subcommands)}" ;;')
        opts.append(f'        "{key}") echo "{_sh_words(f for o in c.options for f in o.flags)}" ;;')
        for o in c.options:
            if o.takes_value:
                kind = "@files" if o.files else (_sh_words(o.choices) if o.choices else "@any")
                values += [f'        "{key}|{flag}") echo "{kind}" ;;' for flag in o.flags]
        if c.takes_files or c.positional_choices:
            kind = _sh_words(c.positional_choices) if c.positional_choices else "@files"
            files.append(f'        "{key}") echo "{kind}" ;;')
    return f"""# bash completion for labeler; generated by `labeler completion bash`.
_labeler_subcommands() {{
    case "$1" in
{chr(10).join(subs)}
    esac
}}
_labeler_options() {{
    case "$1" in
{chr(10).join(opts)}
    esac
}}
_labeler_option_value() {{
    case "$1" in
{chr(10).join(values)}
    esac
}}
_labeler_positionals() {{
    case "$1" in
{chr(10).join(files)}
    esac
}}
_labeler() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" path="labeler" word i skip=0 dashdash=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        if ((skip)); then skip=0; continue; fi
        if ((dashdash)); then continue; fi
        case "$word" in
            --) dashdash=1 ;;
            -*=*) ;;
            -*) [[ -n "$(_labeler_option_value "$path|$word")" ]] && skip=1 ;;
            *) [[ " $(_labeler_subcommands "$path") " == *" $word "* ]] && path="$path $word" ;;
        esac
    done
    local kind=""
    if ((skip)); then
        kind="$(_labeler_option_value "$path|${{COMP_WORDS[COMP_CWORD-1]}}")"
    elif [[ "$cur" == -* ]] && ((!dashdash)); then
        COMPREPLY=($(compgen -W "$(_labeler_options "$path")" -- "$cur"))
        return
    else
        kind="$(_labeler_positionals "$path")"
        local subcommands="$(_labeler_subcommands "$path")"
        if [[ -n "$subcommands" ]]; then
            COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
            return
        fi
    fi
    case "$kind" in
        "" | @any) COMPREPLY=() ;;
        @files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "$kind" -- "$cur")) ;;
    esac
}}
complete -o bashdefault -F _labeler labeler
"""


# -- zsh ---------------------------------------------------------------------------------------

def _zsh_text(text: str) -> str:
    """Text inside a single-quoted _arguments spec's [description]."""
    return text.replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def _zsh_function(command: Command) -> str:
    return "_labeler" + "".join("_" + re.sub(r"\W", "_", part) for part in command.path)


def zsh(tree: Command) -> str:
    functions = []
    for c in walk(tree):
        specs = []
        for o in c.options:
            for flag in o.flags:
                action = ""
                if o.takes_value:
                    what = o.flags[-1].lstrip("-").upper()
                    action = f":{what}:" + ("_files" if o.files else f"({' '.join(o.choices)})" if o.choices
                                            else "")
                specs.append(f"'{'*' if o.repeatable else ''}{flag}[{_zsh_text(o.help)}]{action}'")
        lines = [f"{_zsh_function(c)}() {{"]
        if c.subcommands:
            described = " ".join("'" + f"{name}:{sub.help}".replace("'", "'\\''") + "'"
                                 for name, sub in c.subcommands.items())
            lines += ["    local curcontext=\"$curcontext\" state line",
                      "    typeset -A opt_args",
                      "    _arguments -C \\",
                      *[f"        {spec} \\" for spec in specs],
                      "        '1:command:->command' \\",
                      "        '*::argument:->argument'",
                      "    case $state in",
                      f"        command) local -a commands; commands=({described}); "
                      "_describe -t commands command commands ;;",
                      "        argument) case $words[1] in"]
            lines += [f"            {name}) {_zsh_function(sub)} ;;" for name, sub in c.subcommands.items()]
            lines += ["        esac ;;", "    esac"]
        else:
            if c.positional_choices:
                specs.append(f"'*:argument:({' '.join(c.positional_choices)})'")
            elif c.takes_files:
                specs.append("'*:file:_files'")
            lines += ["    _arguments \\", *[f"        {spec} \\" for spec in specs], "        && return 0"]
        lines.append("}")
        functions.append("\n".join(lines))
    return ("#compdef labeler\n# zsh completion for labeler; generated by `labeler completion zsh`.\n\n"
            + "\n\n".join(functions) + "\n\n_labeler \"$@\"\n")


# -- fish --------------------------------------------------------------------------------------

def _fish_text(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(tree: Command) -> str:
    commands = [_key(c) for c in walk(tree)]
    value_options = [f"{_key(c)}|{flag}" for c in walk(tree) for o in c.options if o.takes_value
                     for flag in o.flags]
    lines = ["# fish completion for labeler; generated by `labeler completion fish`.",
             "set -g __labeler_commands " + " ".join(_fish_text(k) for k in commands),
             "set -g __labeler_value_options " + " ".join(_fish_text(k) for k in value_options),
             "function __labeler_path --description 'the labeler subcommand being typed'",
             "    set -l path labeler",
             "    set -l skip 0",
             "    set -l words (commandline -opc)",
             "    set -e words[1]",
             "    for word in $words",
             "        if test $skip = 1",
             "            set skip 0",
             "            continue",
             "        end",
             "        switch $word",
             "            case '--'",
             "                break",
             "            case '-*=*'",
             "            case '-*'",
             "                contains -- \"$path|$word\" $__labeler_value_options; and set skip 1",
             "            case '*'",
             "                contains -- \"$path $word\" $__labeler_commands; and set path \"$path $word\"",
             "        end",
             "    end",
             "    echo $path",
             "end",
             "function __labeler_at --argument-names wanted",
             "    test (__labeler_path) = \"$wanted\"",
             "end",
             "complete -c labeler -f"]
    for c in walk(tree):
        at = f"-n \"__labeler_at '{_key(c)}'\""
        for name, sub in c.subcommands.items():
            lines.append(f"complete -c labeler {at} -a {name} -d {_fish_text(sub.help)}")
        for o in c.options:
            parts = []
            for flag in o.flags:
                parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
            value = ""
            if o.takes_value:
                value = " -r -F" if o.files else (f" -x -a {_fish_text(' '.join(o.choices))}" if o.choices else " -x")
            lines.append(f"complete -c labeler {at} {' '.join(parts)}{value} -d {_fish_text(o.help)}")
        if c.positional_choices:
            lines.append(f"complete -c labeler {at} -x -a {_fish_text(' '.join(c.positional_choices))}")
        elif c.takes_files:
            lines.append(f"complete -c labeler {at} -F")
    return "\n".join(lines) + "\n"
