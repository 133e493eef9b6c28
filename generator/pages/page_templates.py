"""Our Jinja templates, compiled, with the filters that print plan text safely."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.pages.bodies import BodyRenderer
from generator.pages.markdown_text import finalize, markdown_body, safe_href


class PageTemplates:
    """The Jinja environment of the pages, and the Markdown of authored bodies.

    Compiling the templates is most of the rendering of a small plan's pages:
    a build makes one of these, and whoever builds again in the same process
    (the preview after each edit, the benchmark after its warm-up) passes
    the same one along to keep them compiled.
    """

    def __init__(self) -> None:
        bodies = BodyRenderer()

        @jinja2.pass_context
        def body(context: jinja2.runtime.Context, text: str) -> Markup:
            """The links of a body are written from the page it is on, among the pages."""
            return markdown_body(
                bodies, text, context["page_path"], context["page_paths"], context["addresses"]
            )

        self._environment = jinja2.Environment(
            loader=jinja2.PackageLoader("generator.pages", "templates"),
            autoescape=True,
            finalize=finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self._environment.filters["href"] = safe_href
        self._environment.filters["body"] = body
        self._environment.filters["h"] = lambda value: escape("" if value is None else value)

    def render(self, template: str, variables: dict[str, Any]) -> str:
        return self._environment.get_template(template).render(variables)
