"""Plan files -> validated documents: marked YAML, schemas, scalars, site settings."""
