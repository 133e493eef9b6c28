"""The theme's compiled templates kept between builds (site/compiled_templates.py),
against compiling every template again, the plain way."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest

from generator.site.compiled_templates import CompiledTemplates

TEMPLATES = {
    "base.html": "<title>{% block title %}{{ name|e }}{% endblock %}</title>"
    "{% block body %}{% endblock %}",
    "page.html": "{% extends 'base.html' %}"
    "{% block body %}{% for x in items %}<li>{{ x }}</li>{% endfor %}{% endblock %}",
}


def environment(templates: dict[str, str], cache: CompiledTemplates | None) -> jinja2.Environment:
    """A new environment for each build, as MkDocs makes them."""
    return jinja2.Environment(
        loader=jinja2.DictLoader(templates), autoescape=True, bytecode_cache=cache
    )


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    names: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *a: Any) -> Any:
        names.append(name)
        return compile_template(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def render(env: jinja2.Environment) -> str:
    return env.get_template("page.html").render(name="<Plan>", items=["a", "<b>"])


def test_a_kept_template_renders_as_a_compiled_one_and_is_not_compiled_again(
    compiled: list[str | None],
) -> None:
    cache = CompiledTemplates()
    plain = render(environment(TEMPLATES, None))
    assert compiled == ["page.html", "base.html"]
    compiled.clear()
    assert render(environment(TEMPLATES, cache)) == plain
    assert compiled == ["page.html", "base.html"]
    compiled.clear()
    assert render(environment(TEMPLATES, cache)) == plain
    assert compiled == []


def test_a_changed_template_is_compiled_again(compiled: list[str | None]) -> None:
    cache = CompiledTemplates()
    render(environment(TEMPLATES, cache))
    compiled.clear()
    changed = {**TEMPLATES, "base.html": TEMPLATES["base.html"].replace("<title>", "<h1>")}
    kept = render(environment(changed, cache))
    assert compiled == ["base.html"]  # the page's own code is still good
    assert kept == render(environment(changed, None))
    assert kept.startswith("<h1>")
