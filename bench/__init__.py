"""plansite's benchmark: synthetic plans, stage timings and reference tools (see run.py)."""
