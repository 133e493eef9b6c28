"""When the build keeps Python's cyclic garbage collector out of its way.

A plan's model is millions of small objects with no cycles. The collector's
passes over them cost more than anything it could free: reading a 50k-post
plan took four times longer with them, and a preview rebuild of 10k posts a
quarter longer. Each place the build holds the collector back is here, with
what it saves; docs/performance.md has the figures.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Off while the plan is read and checked: that makes objects and no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def model_frozen() -> Iterator[None]:
    """Keep the collector off what is read so far (the model lives as long as the
    build): its passes over a large model slowed the pages and MkDocs, and made
    the forked feeds process copy the pages of memory they touched."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def collected_at_the_end() -> Iterator[None]:
    """Off during a preview rebuild, then a pass over what the rebuild made.

    What the preview keeps between rebuilds (parsed files, events, the last
    model) is not looked at again; a rebuild does leave cycles behind (tens of
    thousands of MkDocs' and Jinja's objects), and they are all in the
    youngest generation, the objects made since the rebuild began.
    """
    try:
        with collector_paused():
            yield
    finally:
        gc.collect(0)


def stop_collecting() -> None:
    """For a short-lived forked process: the collector's passes would write to
    (and so copy) every page of memory it shares with the build."""
    gc.disable()
