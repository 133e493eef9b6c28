"""The `plansite` command. It parses arguments, calls the pipeline and prints;
the work itself lives in the stage modules."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import click

from generator import __version__
from generator.check import Checked, Inputs, check_plan
from generator.commands import export
from generator.commands.diff import DiffUsageError, RevisionError, changes_since, text_from_changes
from generator.commands.init import TargetExists, init_repository
from generator.commands.new import AuthoringError, Draft, DraftValueError, create
from generator.commands.new_entry_check import EntryWouldNotCheck
from generator.commands.report_formats import FORMATS, as_github, as_json, as_text
from generator.diagnostics import PlanError, Report
from generator.load.control_characters import shown_in_terminal
from generator.load.validation import write_schemas
from generator.model.ids import slugify
from generator.runtime.interruptions import EXIT_INTERRUPTED, loading, stop_like_ctrl_c

EXIT_PLAN_ERRORS = 1  # click itself exits 2 on usage errors

plan_option = click.option(
    "--plan",
    "plan_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("plan"),
    show_default=True,
    help="Folder holding the plan files.",
)
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("site_config.yml"),
    show_default=True,
    help="Site configuration file.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings as errors (exit 1 when there are any)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plansite")
def main() -> None:
    """Turn a social-media marketing plan kept as YAML and Markdown into a website."""


@main.command("check")
@plan_option
@config_option
@strict_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for pull-request annotations.",
)
def check_command(plan_dir: Path, config_file: Path, strict: bool, output_format: str) -> None:
    """Validate the plan, run the plan checks and print every finding; write nothing."""
    try:
        report = check_plan(Inputs(plan_dir, config_file)).report
    except PlanError as exc:
        report = exc.report
    if output_format == "text":
        _print(report)
    else:
        click.echo(as_json(report) if output_format == "json" else as_github(report), nl=False)
    if report.errors or (strict and report.warnings):
        click.echo(f"{report.summary()}; nothing was written.", err=True)
        sys.exit(EXIT_PLAN_ERRORS)
    click.echo(f"{report.summary()}; the plan is valid.", err=True)


@main.command("build")
@plan_option
@config_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="Folder the site is written to (replaced only when the build succeeds).",
)
@click.option(
    "--previous",
    help="The last publication when it is not in --out: a site folder, its calendar.ics, "
    "or the live feed's URL.",
)
@strict_option
@click.option(
    "--offline",
    is_flag=True,
    help="Build a copy that opens from its folder or a zip, with no server: "
    "pages as .html files, search included.",
)
def build_command(
    plan_dir: Path, config_file: Path, out: Path, previous: str | None, strict: bool, offline: bool
) -> None:
    """Check the plan and build the site and its calendar feeds."""
    # SIGTERM (CI cancelling a job) unwinds like Ctrl+C: the scratch folder is
    # removed and the published site stays as it was.
    stop_like_ctrl_c()
    try:
        # MkDocs and icalendar are imported only by the commands that need them:
        # `plansite check` of a small plan took longer to import them than to check.
        with loading():
            from generator.build import build

        checked = build(Inputs(plan_dir, config_file), out, strict, previous, offline=offline)
    except PlanError as exc:
        _fail(exc.report)
    except KeyboardInterrupt:
        click.echo(f"interrupted; {out}/ was left as it was.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    _print(checked.report)
    click.echo(f"{checked.report.summary()}; site written to {out}/", err=True)


@main.command("serve")
@plan_option
@config_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets other devices of the network open the preview "
    "by this machine's IP address.",
)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--traceback",
    "show_traceback",
    is_flag=True,
    help="Print where a rebuild failed unexpectedly (for a bug report).",
)
def serve_command(
    plan_dir: Path, config_file: Path, host: str, port: int, show_traceback: bool
) -> None:
    """Preview the site, rebuilding it whenever the plan or the theme changes."""
    # Ctrl+C, SIGTERM or a closed terminal stop the preview at any moment, its
    # first build included; its temporary folder is removed.
    stop_like_ctrl_c()
    try:
        with loading():
            from generator.commands.serve import serve

        serve(Inputs(plan_dir, config_file), host, port, show_traceback)
    except KeyboardInterrupt:
        click.echo("preview stopped.", err=True)
        sys.exit(EXIT_INTERRUPTED)


@main.group("export")
def export_group() -> None:
    """Export the calendar: every occurrence as CSV or JSON, or Hootsuite bulk files."""


def _checked_or_fail(plan_dir: Path, config_file: Path) -> Checked:
    try:
        return check_plan(Inputs(plan_dir, config_file))
    except PlanError as exc:
        _fail(exc.report)


def _rows_command(output_format: str) -> Callable[..., None]:
    @plan_option
    @config_option
    @click.option("--channel", help="Only this channel's posts.")
    @click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), help="First day.")
    @click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), help="Last day.")
    def command(
        plan_dir: Path,
        config_file: Path,
        channel: str | None,
        first: datetime | None,
        last: datetime | None,
    ) -> None:
        checked = _checked_or_fail(plan_dir, config_file)
        if channel is not None and channel not in {c.id for c in checked.plan.channels}:
            raise click.BadParameter(f"unknown channel '{channel}'", param_hint="--channel")
        found = export.rows(
            checked.plan,
            channel,
            first.date() if first else None,
            last.date() if last else None,
            checked.config.site_url,
        )
        click.echo(
            export.as_csv(found) if output_format == "csv" else export.as_json(found), nl=False
        )

    command.__doc__ = f"Every post occurrence (repeats expanded) as {output_format.upper()}."
    return command


export_group.command("csv")(_rows_command("csv"))
export_group.command("json")(_rows_command("json"))


@export_group.command("hootsuite")
@plan_option
@config_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("exports/hootsuite"),
    show_default=True,
    help="Folder for the files, one per channel (split every 350 rows).",
)
@click.option(
    "--date-format",
    type=click.Choice(sorted(export.HOOTSUITE_FORMATS)),
    default="dmy",
    show_default=True,
    help="Day/month order: pick the same one in Hootsuite's upload form.",
)
def hootsuite_command(plan_dir: Path, config_file: Path, out: Path, date_format: str) -> None:
    """Hootsuite bulk-composer CSV files: date and time, message, link."""
    from generator.feeds.calendars import build_time  # the feeds' clock; see build_command

    checked = _checked_or_fail(plan_dir, config_file)
    files, warnings = export.hootsuite(checked.plan, checked.config, build_time(), date_format)
    out.mkdir(parents=True, exist_ok=True)
    for file in files:
        (out / file.name).write_text(file.text, encoding="utf-8")
        click.echo(f"wrote {out / file.name}", err=True)
    for warning in warnings:
        click.echo(shown_in_terminal(f"warning: {warning}"), err=True)


@main.command("new")
@click.argument("kind", type=click.Choice(["goal", "persona", "channel", "post", "campaign"]))
@plan_option
@config_option
@click.option("--id", "entity_id", help="Its id (default: made from the title).")
@click.option("--title", default="", help="Title, name or campaign name.")
@click.option("--network", default="instagram", show_default=True, help="For a channel.")
@click.option("--date", default="", help="For a post (its day) or a campaign (its start).")
@click.option("--time", "at", default="", help="For a post: HH:MM (absent: all day).")
@click.option("--channel", default="", help="For a post: the channel id.")
def new_command(
    kind: str,
    plan_dir: Path,
    config_file: Path,
    entity_id: str | None,
    title: str,
    network: str,
    date: str,
    at: str,
    channel: str,
) -> None:
    """Add a goal, persona, channel, post or campaign with the fields to fill."""
    if kind in ("post", "campaign") and not date:
        raise click.UsageError(f"a {kind} needs --date YYYY-MM-DD")
    if kind == "post" and not channel:
        raise click.UsageError("a post needs --channel")
    if not entity_id and not title:
        raise click.UsageError("give --id or --title")
    name = title or (entity_id or "").replace("-", " ").capitalize()
    chosen = entity_id or slugify(title)
    if not chosen:
        raise click.BadParameter(f"'{title}' makes no id: give one with --id", param_hint="--title")
    draft = Draft(kind, chosen, name, network, date, at, channel)
    stop_like_ctrl_c()  # SIGTERM unwinds like Ctrl+C: no temporary file left
    try:
        written = create(plan_dir, draft, config_file)
    except EntryWouldNotCheck as exc:
        _fail(exc.report)  # as `check` prints it, at the lines the entry would have
    except KeyboardInterrupt:
        click.echo(f"interrupted; {plan_dir}/ was left as it was.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except DraftValueError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except AuthoringError as exc:
        click.echo(shown_in_terminal(f"error: {exc}"), err=True)
        sys.exit(EXIT_PLAN_ERRORS)
    except OSError as exc:  # a read-only folder, a full disk: the file is as it was
        click.echo(f"error: cannot write to {exc.filename or plan_dir}: {exc.strerror}", err=True)
        sys.exit(EXIT_PLAN_ERRORS)
    click.echo(
        f"wrote {kind} '{chosen}' to {written}; fill in its fields, then plansite check", err=True
    )


@main.command("diff")
@click.argument("revision")
@plan_option
@config_option
def diff_command(revision: str, plan_dir: Path, config_file: Path) -> None:
    """Goals, missions, accounts and posts added, removed or changed since a git REVISION."""
    try:
        found = changes_since(revision, Inputs(plan_dir, config_file))
    except PlanError as exc:
        _fail(exc.report)
    except DiffUsageError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except RevisionError as exc:
        # The plan is fine; the revision is not one to compare it with: the
        # command line is what to change (exit 2), and the message says how.
        raise click.BadParameter(shown_in_terminal(str(exc)), param_hint="REVISION") from None
    click.echo(text_from_changes(revision, found), nl=False)


@main.command("schema")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schemas into.",
)
def schema_command(out: Path) -> None:
    """Write the JSON Schema of every plan file kind, for YAML editors."""
    for path in write_schemas(out):
        click.echo(f"wrote {path}", err=True)


@main.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
def init_command(directory: Path) -> None:
    """Start a new plan repository in DIRECTORY (default: here) that builds at once."""
    try:
        written = init_repository(directory)
    except TargetExists as exc:
        click.echo(f"error: {exc} (init never overwrites; pick an empty folder)", err=True)
        sys.exit(EXIT_PLAN_ERRORS)
    for path in written:
        click.echo(f"created {path}", err=True)
    click.echo(f"next: cd {directory} && plansite serve", err=True)


def _print(report: Report) -> None:
    click.echo(as_text(report), err=True, nl=False)


def _fail(report: Report) -> NoReturn:
    _print(report)
    click.echo(f"{report.summary()}; nothing was written.", err=True)
    sys.exit(EXIT_PLAN_ERRORS)
