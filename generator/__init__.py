"""plansite: a social-media marketing plan kept as YAML and Markdown, published as a site."""

__version__ = "0.1.0"
