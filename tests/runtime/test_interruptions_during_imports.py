"""A stopping signal that comes while a module is imported waits for the import's end."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# A module whose import takes a while and receives SIGTERM half-way; then the
# command sleeps, to be stopped outside any import.
SCRIPT = textwrap.dedent(
    """
    import signal, sys, time
    sys.path.insert(0, sys.argv[1])
    from generator.runtime.interruptions import stop_like_ctrl_c
    stop_like_ctrl_c()
    try:
        import slow_module
        time.sleep(5)
        print("not stopped")
    except KeyboardInterrupt:
        print("stopped after", "slow_module" in sys.modules, slow_module.DONE)
        sys.exit(130)
    """
)


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGINT"])
def test_a_signal_during_an_import_arrives_once_it_is_done(tmp_path: Path, signum: str) -> None:
    (tmp_path / "slow_module.py").write_text(
        "import os, signal, time\n"
        f"os.kill(os.getpid(), signal.{signum})\n"
        "time.sleep(0.3)\n"
        "DONE = True\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout) == (130, "stopped after True True\n"), result.stderr


def test_a_signal_inside_code_run_from_text_ends_the_command_with_its_own_code() -> None:
    """dataclasses writes functions as text and runs them with exec(): a
    KeyboardInterrupt raised in there would make CPython kill the process with
    SIGINT at exit, whatever exit code the command chose."""
    script = textwrap.dedent(
        """
        import os, signal, sys, time
        from generator.runtime.interruptions import stop_like_ctrl_c
        stop_like_ctrl_c()
        try:
            exec("import os, signal, time\\nos.kill(os.getpid(), signal.SIGTERM)\\ntime.sleep(0.3)")
            time.sleep(5)
        except KeyboardInterrupt:
            sys.exit(130)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 130, result.stderr
