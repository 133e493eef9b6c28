"""Lets `python -m generator` behave like the `plansite` command (both start here)."""

from __future__ import annotations


def run() -> None:
    """The command, ended quietly by a Ctrl+C that comes while Python still loads it
    (click, MkDocs: half a second), before any command could clean up after itself
    and with nothing made yet to clean up. Nothing is imported before the `try`."""
    try:
        # Standard library only: nothing slow comes before the signals are held.
        from generator.runtime.interruptions import loading

        with loading():
            from generator.cli import main
    except KeyboardInterrupt:
        raise SystemExit(130) from None  # interruptions.EXIT_INTERRUPTED
    main()


if __name__ == "__main__":
    run()
