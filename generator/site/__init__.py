"""Markdown pages -> HTML with MkDocs and Material: hooks, search, theme, output folder."""
