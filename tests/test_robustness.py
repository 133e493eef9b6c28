"""Hostile input gets nowhere, a failed or interrupted build loses nothing, and no
plan makes the tool crash."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import check
from generator.commands import preview_rebuild
from generator.load import plan_folder, validation
from generator.load.marked_yaml import YamlError, parse_yaml
from generator.load.plan_folder import split_front_matter
from tests.conftest import MINIMAL_FILES, PlanFactory, run_cli, write_plan

SCRIPT = "<script>alert(1)</script>"
JS_LINK = "javascript:alert(1)"


def quoted(text: str) -> str:
    return yaml.safe_dump(text, default_style='"').strip()


# Markdown that tries to smuggle script past a body's rendering: attribute lists
# adding handlers, script addresses hidden by character references, tabs or
# case, raw HTML of every kind.
HOSTILE_BODY = "\n\n".join(
    [
        f"Summary {SCRIPT} [click]({JS_LINK}) <a href='{JS_LINK}'>raw</a>",
        '![x](x.png){: onerror="alert(1)" }',
        '## Heading {: onfocus="alert(1)" autofocus tabindex=1 }',
        "[c](&#x6a;avascript&#x3a;alert(1)) [d](java\tscript:alert(1)) [e](JaVaScRiPt:alert(1))",
        "[f](vbscript:msgbox(1)) ![g](data:text/html,<script>alert(1)</script>)",
        '[h](https://ok.example/){: href="javascript:alert(1)" style="position:fixed" }',
        "<svg onload=alert(1)></svg> <iframe src=javascript:alert(1)></iframe>",
        "<form action=javascript:alert(1)><button formaction=javascript:alert(1)>b</button></form>",
    ]
)


def hostile_plan(make_plan: PlanFactory) -> Path:
    """Markup and script addresses in every kind of field that reaches a page."""
    evil = quoted(f"{SCRIPT} [x]({JS_LINK}) <img src=x onerror=alert(1)>")
    return make_plan(
        {
            "site_config.yml": f"site_name: {evil}\nlanguage: en\ntimezone: Europe/Paris\n",
            "plan/plan.md": f"---\ntitle: {evil}\norganization: {evil}\n"
            f"period: {{start: 2027-01-01, end: 2027-06-30}}\nteam: [{{name: {evil}}}]\n---\n"
            f"{HOSTILE_BODY}\n",
            "plan/audit.yml": f"accounts:\n  - id: insta\n    network: instagram\n"
            f"    handle: {evil}\n    owner: {evil}\n    purpose: {evil}\n"
            f"competitors:\n  - name: {evil}\n    accounts: [{{network: instagram}}]\n",
            "plan/goals/followers.md": f"---\ntitle: {evil}\nobjective: {evil}\nowner: {evil}\n"
            f"channels: [instagram]\nmetric: {{name: {evil}, baseline: 1, target: 2}}\n"
            f"progress: [{{date: 2027-02-01, value: 1, note: {evil}}}]\n---\n"
            f"[body]({JS_LINK}) ![i](data:text/html,{SCRIPT})\n\n{HOSTILE_BODY}\n",
            "plan/channels/instagram.md": textwrap.dedent(
                MINIMAL_FILES["plan/channels/instagram.md"]
            )
            + HOSTILE_BODY
            + "\n",
            "plan/calendar/q1.yml": f"posts:\n  - id: hello\n    date: 2027-01-05\n"
            f"    channel: instagram\n    title: {evil}\n    copy: {evil}\n    owner: {evil}\n",
        }
    )


def test_plan_text_never_becomes_markup_or_a_script_address(make_plan: PlanFactory) -> None:
    root = hostile_plan(make_plan)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 10
    for html_file in pages:
        html = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        for script in html.find_all("script"):
            assert "alert(1)" not in script.get_text(), html_file
        for element in html.find_all(True):
            for attribute in ("href", "src", "action", "formaction", "xlink:href"):
                # As a browser reads an address (WHATWG URL): tabs and line breaks
                # anywhere and controls or spaces around it do not count.
                address = re.sub(r"[\t\n\r]", "", str(element.get(attribute, "")))
                value = address.strip("".join(map(chr, range(0x21)))).lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:")), (
                    html_file,
                    element,
                )
            assert not any(name.startswith("on") for name in element.attrs), (html_file, element)
            assert "position" not in str(element.get("style", "")), (html_file, element)
        # Material's own forms (search, palette) sit outside the content; inside it,
        # only the calendar's filters and view buttons, which plansite writes.
        for content in html.select(".md-content"):
            assert not content.find_all(["iframe", "object", "embed"]), html_file
            for control in content.find_all(["form", "button", "input"]):
                assert control.find_parent(class_="ps-calendar"), (html_file, control)
    overview = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert overview.title is not None
    assert SCRIPT in overview.title.get_text()  # shown as the text it is


def test_a_file_over_the_size_limit_is_refused(make_plan: PlanFactory) -> None:
    big = "posts:\n" + "  # padding\n" * 100_000
    config = str(MINIMAL_FILES["site_config.yml"]).rstrip(" ") + "        max_file_mb: 0.5\n"
    root = make_plan({"plan/calendar/big.yml": big, "site_config.yml": config})
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "plan/calendar/big.yml: error: file is too large (1200007 bytes, the limit is 524288) "
        "(split it into several files)"
    )


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_tool_never_writes_into_the_plan_or_its_config(make_plan: PlanFactory) -> None:
    root = make_plan()
    plan_before = snapshot(root / "plan")
    config_before = snapshot(root)["site_config.yml"]
    assert run_cli("build", cwd=root).exit_code == 0
    assert run_cli("check", cwd=root).exit_code == 0
    assert snapshot(root / "plan") == plan_before
    assert snapshot(root)["site_config.yml"] == config_before


def big_plan(root: Path) -> Path:
    """A plan with enough posts for the build to be interrupted while it runs."""
    posts = "posts:\n" + "".join(
        f"  - {{id: p{i}, date: 2027-{1 + i % 6:02d}-{1 + i % 28:02d}, time: '{8 + i % 12}:00', "
        f"channel: instagram, type: tips, title: Post {i}, link: 'https://shop.example/{i}'}}\n"
        for i in range(3000)
    )
    return write_plan(root, {"plan/calendar/q1.yml": posts})


def interrupt_build(root: Path, signum: int) -> subprocess.CompletedProcess[str]:
    """Start a build, and signal it as soon as it has started writing its scratch folder."""
    command = [sys.executable, "-m", "generator", "build"]
    process = subprocess.Popen(
        command,
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal, whatever this suite inherited (a shell's `&` ignores SIGINT).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.startswith(".plansite-build-") for p in root.iterdir()):
            process.send_signal(signum)
            break
        time.sleep(0.01)
    _, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(command, process.returncode, "", stderr)


def test_an_interrupted_build_keeps_the_previous_site(tmp_path: Path) -> None:
    root = big_plan(tmp_path)
    assert run_cli("build", cwd=root).exit_code == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    for signum in (signal.SIGINT, signal.SIGTERM):
        (root / "plan" / "calendar" / "q1.yml").write_text(
            (root / "plan" / "calendar" / "q1.yml").read_text().replace("Post 1,", "Post one,")
        )
        done = interrupt_build(root, signum)
        assert done.returncode == 130, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().endswith("interrupted; site/ was left as it was.")
        after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
        assert after == before
        assert [p.name for p in root.iterdir() if p.name.startswith(".plansite")] == []


# -- random plans: success or plan errors, never a traceback --------------------------

PLAN_FILES = [name for name in MINIMAL_FILES if name.startswith("plan/")]
YAML_NOISE = st.sampled_from(
    [":", "- ", "  ", "\t", '"', "'", "[", "]", "{", "}", "#", "&a ", "*a", "!!str ", "---\n",
     "\n", "2027-02-30", "25:00", "null", "~", "yes", "no", "10:00", "@x", "\x00", "é", "%",
     # values beyond their bounds, and ids that end in a line break
     "1e999", "-1e999", "1e30", "9" * 5000, "2.0", "0001-01-01", "9999-12-31", "2100-01-01",
     "99999999999h", "745h", "Europe", '"hello\\n"', "'x\n'", "2147483648",
     # control characters, raw and as escapes in double quotes
     "\x1b[2J", "\r", "\x85", "\x7f", "\x9b", '"\\e[31m"', '"\\x1b"', '"\\r"', '"\\0"',
     '"\\N"', '"\\u009b"']
)  # fmt: skip


# A value after "key: ", up to the end of its line or flow item.
VALUE = re.compile(r"(?<=: )[^,}\]\n]+")


@st.composite
def mutated_plans(draw: st.DrawFn) -> dict[str, str | None]:
    """The minimal plan with a few files cut, spliced with YAML noise, or removed, or
    with a value replaced by noise (a value beyond its bounds, a control character)."""
    files: dict[str, str | None] = {}
    for name in draw(st.lists(st.sampled_from(PLAN_FILES), min_size=1, max_size=3, unique=True)):
        text = str(MINIMAL_FILES[name])
        action = draw(st.sampled_from(["cut", "insert", "replace", "remove", "value"]))
        at = draw(st.integers(0, len(text)))
        if action == "remove":
            files[name] = None
        elif action == "value":
            spot = draw(st.sampled_from(list(VALUE.finditer(text))))
            files[name] = text[: spot.start()] + draw(YAML_NOISE) + text[spot.end() :]
        elif action == "cut":
            files[name] = text[:at]
        else:
            noise = "".join(draw(st.lists(YAML_NOISE, min_size=1, max_size=4)))
            end = at + draw(st.integers(0, 12)) if action == "replace" else at
            files[name] = text[:at] + noise + text[end:]
    return files


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=mutated_plans())
def test_random_plans_never_crash_check(tmp_path: Path, files: dict[str, str | None]) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    write_plan(root, files)
    result = run_cli("check", cwd=root)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    last = result.stderr.splitlines()[-1]
    assert last.endswith(("; the plan is valid.", "; nothing was written."))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=mutated_plans())
def test_random_plans_never_crash_build(tmp_path: Path, files: dict[str, str | None]) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    write_plan(root, files)
    result = run_cli("build", cwd=root)
    assert result.exit_code in (0, 1), result.output
    assert (result.exit_code == 0) == (root / "site" / "index.html").is_file()


KIND_OF = {"plan/plan.md": "plan", "plan/audit.yml": "audit", "plan/content.yml": "content",
           "plan/measurement.yml": "measurement", "plan/calendar/q1.yml": "calendar",
           "plan/channels/instagram.md": "channel", "plan/goals/followers.md": "goal",
           "plan/goals/reach.md": "goal", "plan/goals/leads.md": "goal"}  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(files=mutated_plans())
def test_the_compiled_validator_agrees_with_jsonschema(files: dict[str, str | None]) -> None:
    """The compiled fast path may only say 'valid' where jsonschema finds no error."""
    for name, text in files.items():
        if text is None or name not in KIND_OF:
            continue
        path = Path(name)
        try:
            front = split_front_matter(text, path)[0] if path.suffix == ".md" else text
            data = parse_yaml(textwrap.dedent(front), path).data
        except YamlError:
            continue
        if not isinstance(data, dict):
            continue
        kind = KIND_OF[name]
        slow = not list(validation._validators()[kind].iter_errors(data))
        assert validation._fast_validators()[kind](data) == slow, (name, data)


def test_a_rebuild_reparses_only_what_changed(
    make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`plansite serve` rebuilds in one process: unchanged files are reused, an edited
    one is read again, and the result is the same as a fresh build."""
    root = make_plan()
    inputs = check.Inputs(root / "plan", root / "site_config.yml")
    preview = preview_rebuild.Preview(inputs, tmp_path / "preview")
    preview.rebuild()
    parsed = reparsed_after_edit(root, preview, monkeypatch)
    assert parsed == ["q1.yml"]
    rows = json.loads(run_cli("export", "json", cwd=root).stdout)
    assert [r["title"] for r in rows] == ["Hello again"]


def reparsed_after_edit(
    root: Path, preview: preview_rebuild.Preview, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Edit one calendar file, rebuild, and tell which files were parsed again."""
    parsed: list[str] = []
    real_parse = plan_folder.parse_yaml

    def counting(text: str, path: Path, *args: Any, **kwargs: Any) -> Any:
        parsed.append(path.name)
        return real_parse(text, path, *args, **kwargs)

    monkeypatch.setattr(plan_folder, "parse_yaml", counting)
    calendar = root / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("title: Hello", "title: Hello again"))
    preview.rebuild()
    return parsed
