"""Lets `python -m generator` behave like the `plansite` command."""

from generator.cli import main

main()
