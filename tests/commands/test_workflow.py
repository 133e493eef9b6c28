"""The plan in a team's workflow: editor schemas, the generated CI workflow,
and builds that compare with the feeds live now."""

from __future__ import annotations

import functools
import http.server
import json
import shlex
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from generator.load.marked_yaml import parse_yaml
from generator.load.plan_folder import split_front_matter
from tests.checks.test_newcomer_noise import replace_starter_placeholders
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, PlanFactory, run_cli

KINDS = {
    "site_config": ["../site_config.yml"],
    "plan": ["plan.md"],
    "audit": ["audit.yml"],
    "content": ["content.yml"],
    "inspiration": ["inspiration.yml"],
    "measurement": ["measurement.yml"],
    "goal": ["goals/*.md"],
    "persona": ["personas/*.md"],
    "channel": ["channels/*.md"],
    "calendar": ["calendar/*.yml"],
}


def exported_validators(folder: Path) -> dict[str, jsonschema.Draft202012Validator]:
    """Validators built straight from the exported files, as an editor would use them."""
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in folder.glob("*.schema.json")}
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    return {
        name.removesuffix(".schema.json"): jsonschema.Draft202012Validator(
            schema, registry=registry
        )
        for name, schema in schemas.items()
    }


def data_of(path: Path) -> Any:
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text, path)[0]
    return parse_yaml(text, path).data


def test_schema_writes_every_kind_and_the_example_plan_validates(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path / "schemas"))
    assert result.exit_code == 0, result.output
    validators = exported_validators(tmp_path / "schemas")
    assert set(validators) == {*KINDS, "common"}
    checked = 0
    for kind, patterns in KINDS.items():
        for pattern in patterns:
            for path in sorted(EXAMPLE_PLAN.glob(pattern)) or [EXAMPLE_CONFIG]:
                errors = list(validators[kind].iter_errors(data_of(path)))
                assert errors == [], (path, [e.message for e in errors])
                checked += 1
    assert checked >= 15


def test_exported_schemas_describe_their_fields(tmp_path: Path) -> None:
    run_cli("schema", "--out", str(tmp_path))
    post = json.loads((tmp_path / "calendar.schema.json").read_text())["properties"]["posts"]
    status = post["items"]["properties"]["status"]
    assert status["enum"] == ["idea", "draft", "scheduled", "published", "cancelled"]
    assert json.loads((tmp_path / "goal.schema.json").read_text())["title"]


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    assert run_cli("init", "repo", cwd=tmp_path).exit_code == 0
    return tmp_path / "repo"


def test_init_points_every_yaml_file_at_its_schema(initialised: Path) -> None:
    yaml_files = [initialised / "site_config.yml", *sorted((initialised / "plan").rglob("*.yml"))]
    assert len(yaml_files) >= 6
    for path in yaml_files:
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert schema.is_file(), (path, schema)
    settings = json.loads((initialised / ".vscode" / "settings.json").read_text())
    mapped = settings["yaml.schemas"]
    assert {Path(s).name.removesuffix(".schema.json") for s in mapped} == set(KINDS)
    for schema, globs in mapped.items():
        assert (initialised / schema).is_file()
        assert any(list(initialised.glob(g)) for g in globs), globs
    assert any(g.endswith(".md") for globs in mapped.values() for g in globs)


def workflow(root: Path) -> dict[str, Any]:
    # BaseLoader: the YAML 1.1 loader would turn the key `on` into True.
    data: dict[str, Any] = yaml.load(
        (root / ".github" / "workflows" / "plan.yml").read_text(), Loader=yaml.BaseLoader
    )
    return data


def test_the_generated_workflow_checks_pull_requests_and_publishes(initialised: Path) -> None:
    flow = workflow(initialised)
    assert set(flow["on"]) >= {"pull_request", "push"}
    assert flow["permissions"] == {"contents": "read"}
    check, publish = flow["jobs"]["check"], flow["jobs"]["publish"]
    assert "pull_request" in check["if"]
    runs = [step.get("run", "") for step in check["steps"]]
    assert "plansite check --format github" in runs
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "").split("@")[0] for step in publish["steps"]]
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in uses
    for job in (check, publish):  # nothing the job runs can read the token from .git/config
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["persist-credentials"] == "false"
    build = next(s["run"] for s in publish["steps"] if "plansite build" in s.get("run", ""))
    assert "--previous" in build
    assert "calendar.ics" in build
    build_at = next(
        i for i, s in enumerate(publish["steps"]) if "plansite build" in s.get("run", "")
    )
    assert (
        uses.index("actions/configure-pages")
        < build_at
        < uses.index("actions/upload-pages-artifact")
    )


def test_the_init_output_passes_its_own_check_step(initialised: Path) -> None:
    """Once its example text is replaced (PS701 flags it until then)."""
    replace_starter_placeholders(initialised / "plan")
    step = next(
        s for s in workflow(initialised)["jobs"]["check"]["steps"] if "plansite" in s.get("run", "")
    )
    command = shlex.split(step["run"])
    plansite = str(Path(sys.executable).parent / command[0])
    done = subprocess.run([plansite, *command[1:]], cwd=initialised, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # no annotation: nothing to fix


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A local web server standing for the published site."""
    folder = tmp_path / "published"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_previous_publication_from_a_url(
    make_plan: PlanFactory, feed_server: tuple[Path, str]
) -> None:
    folder, base = feed_server
    root = make_plan()
    assert run_cli("build", "--out", "first", cwd=root).exit_code == 0
    (folder / "calendar.ics").write_bytes((root / "first" / "calendar.ics").read_bytes())
    calendar = root / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("time: 10:00", "time: 11:00"))
    result = run_cli("build", "--out", "second", "--previous", base + "calendar.ics", cwd=root)
    assert result.exit_code == 0, result.output
    feed = icalendar.Calendar.from_ical((root / "second" / "calendar.ics").read_bytes())
    (event,) = feed.walk("VEVENT")
    assert event["SEQUENCE"] == 1


def test_a_missing_live_feed_is_a_first_publication(
    make_plan: PlanFactory, feed_server: tuple[Path, str]
) -> None:
    _, base = feed_server  # nothing published: the site's address answers 404 too
    result = run_cli("build", "--previous", base + "site/calendar.ics", cwd=make_plan())
    assert result.exit_code == 0, result.output


def test_an_unreachable_live_feed_stops_the_build(make_plan: PlanFactory) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/calendar.ics"
    root = make_plan()
    result = run_cli("build", "--previous", url, cwd=root)
    assert result.exit_code == 1
    assert f"error: the previous feed at {url} could not be read" in result.stderr
    assert not (root / "site").exists()


def test_a_live_feed_cut_short_stops_the_build_with_a_message(make_plan: PlanFactory) -> None:
    class CutShort(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"BEGIN:VCALENDAR\r\n")  # and the connection closes

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), CutShort)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/calendar.ics"
    try:
        root = make_plan()
        result = run_cli("build", "--previous", url, cwd=root)
    finally:
        server.shutdown()
    assert result.exit_code == 1
    assert f"error: the previous feed at {url} could not be read (IncompleteRead" in result.stderr
    assert not (root / "site").exists()
