"""Plan -> Markdown pages (page data, HTML rows, charts, authored bodies, templates/)."""
