"""The `plansite` command. It parses arguments, calls the pipeline and prints;
the work itself lives in the stage modules."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import NoReturn

import click

from generator import __version__
from generator.diagnostics import PlanError, Report
from generator.pipeline import Inputs, build, check_plan
from generator.report_formats import FORMATS, as_github, as_json
from generator.scaffold import TargetExists, init_repository
from generator.schema_validation import write_schemas

EXIT_OK, EXIT_PLAN_ERRORS = 0, 1  # click itself exits 2 on usage errors
EXIT_INTERRUPTED = 130  # the shell's convention for a command stopped by a signal

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
def build_command(
    plan_dir: Path, config_file: Path, out: Path, previous: str | None, strict: bool
) -> None:
    """Check the plan and build the site and its calendar feeds."""
    # SIGTERM (CI cancelling a job) unwinds like Ctrl+C: the scratch folder is
    # removed and the published site stays as it was.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        checked = build(Inputs(plan_dir, config_file), out, strict, previous)
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
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve_command(plan_dir: Path, config_file: Path, host: str, port: int) -> None:
    """Preview the site, rebuilding it whenever the plan or the theme changes."""
    from generator.preview import serve

    serve(Inputs(plan_dir, config_file), host, port)


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


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _print(report: Report) -> None:
    for diagnostic in report.sorted():
        click.echo(diagnostic.format(), err=True)


def _fail(report: Report) -> NoReturn:
    _print(report)
    click.echo(f"{report.summary()}; nothing was written.", err=True)
    sys.exit(EXIT_PLAN_ERRORS)
