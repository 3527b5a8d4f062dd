"""Which module defines each `lsplan` command, with the command's one-line help.

`lsplan` imports a command's module only when that command runs (lsplan.cli.app.LazyGroup), so
`lsplan --version` imports no command module and `lsplan check` only lsplan.cli.check_cmds;
`lsplan --help` lists the commands from this table (lsplan.cli.root_help) without importing any.

To add a command module: write lsplan/cli/<name>_cmds.py registering its commands on
`lsplan.cli.app.app` as the others do (`@app.command("extract")`, or `app.add_typer(...)` for a
group), and add one line below: the module's name, then each command it defines with the first
paragraph of its help (the English msgid: the docstring's first paragraph, or the group's
`help=`). tests/test_cli_lazy.py fails when this table and the modules disagree. A *_cmds module
missing from the table still runs (a name not in the table imports the unlisted modules), but
`lsplan --help` does not list it.
"""

from __future__ import annotations

# The root's own texts (English msgids), shared by the Typer app and lsplan.cli.root_help.
APP_HELP = "Plan-compliance toolkit for Lạng Sơn: plan targets, quarterly submissions, attainment."
VERSION_HELP = "Show the version and exit."
LANG_HELP = "Language of all output: vi (default) or en; also $LSPLAN_LANG."

# (module in lsplan.cli, ((command, first paragraph of its help), ...)), in the order that
# `lsplan --help` lists them.
COMMAND_MODULES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "data_cmds",
        (
            ("plans", "List the plans in the data with their counts of targets and tasks."),
            ("targets", "One row per target, with its lead agencies and source."),
            (
                "show",
                "Everything known about one target: the target, its indicator, who answers for it, "
                "its quote.",
            ),
        ),
    ),
    (
        "check_cmds",
        (
            (
                "check",
                "Check submitted spreadsheets (.xlsx, .csv) cell by cell and list what is wrong, where.",
            ),
            ("template", "Write the lsplan form for one agency and period, ready to fill in and send back."),
        ),
    ),
    (
        "store_cmds",
        (
            ("ingest", "Check submissions and store the accepted ones, with history."),
            ("history", "Every value ever received for an indicator, and where it came from."),
        ),
    ),
    (
        "gaps_cmds",
        (
            ("gaps", "What is lagging, worst first, who answers for it, and which figures are missing."),
            (
                "agency",
                "One agency's whole picture: tasks it leads and supports, its indicators, what is missing.",
            ),
        ),
    ),
    (
        "report_cmds",
        (("report", "Write the quarterly report to the Provincial People's Committee (XLSX or HTML)."),),
    ),
    (
        "extract_cmds",
        (
            (
                "extract",
                "Propose the targets and tasks of a new plan, each with its verbatim quote, for review.",
            ),
        ),
    ),
    (
        "remind_cmds",
        (("remind", "Reminder letters (công văn đôn đốc) to agencies late with figures or behind plan."),),
    ),
    (
        "alias_cmds",
        (("alias", "Names officers use for indicators, taught once (aliases.yaml beside the store)."),),
    ),
    ("data_cmds", (("data", "Check the plan data (data/targets.yaml, data/assignments.yaml)."),)),
)


def module_of(command: str) -> str | None:
    """The module (in lsplan.cli) that defines `command`, or None for a name lsplan does not know."""
    for module, commands in COMMAND_MODULES:
        if any(name == command for name, _help in commands):
            return module
    return None


def command_names() -> list[str]:
    """Every command, in the order of the table (and of `lsplan --help`)."""
    return [name for _module, commands in COMMAND_MODULES for name, _help in commands]


def modules() -> list[str]:
    """Every command module of the table, each once."""
    return list(dict.fromkeys(module for module, _commands in COMMAND_MODULES))


def unlisted_modules() -> list[str]:
    """lsplan/cli/*_cmds.py modules missing from the table (a test requires there are none; until
    then their commands still run, found by importing these when a name is not in the table)."""
    import os

    listed = set(modules())
    here = os.path.dirname(os.path.abspath(__file__))
    found = sorted(name[:-3] for name in os.listdir(here) if name.endswith("_cmds.py"))
    return [name for name in found if name not in listed]
