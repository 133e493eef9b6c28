"""The commands besides build and check: init, new, diff, export, serve."""
