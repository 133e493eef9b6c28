"""plansite: a social-media marketing plan kept as YAML and Markdown, published as a site."""

# The one place the version is written: pyproject.toml reads it from here
# ([tool.hatch.version]), so the wheel and `plansite --version` always agree.
__version__ = "0.1.0"
