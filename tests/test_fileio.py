"""Reports and edited files are written atomically, except to what is not a plain file:
a device, a named pipe or a symbolic link is written through, never replaced."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from termcheck.cli import main
from termcheck.fileio import atomic_write

ROOT = Path(__file__).resolve().parent.parent


def test_a_regular_file_is_replaced_whole(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    os.chmod(target, 0o600)
    atomic_write(target, ["new ", "text"])
    assert target.read_text() == "new text"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_named_pipe_is_written_through_and_stays_a_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waiting, so a writer never blocks
    try:
        atomic_write(fifo, "through the pipe")
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device node needs root")
def test_a_scan_written_to_a_null_device_leaves_the_device_alone(tmp_path):
    null = tmp_path / "null"  # a node of its own: a regression must not break the real /dev/null
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    code = main(["scan", str(ROOT / "corpora" / "timetable" / "programme-update.md"), "-o", str(null),
                 "-f", "json", "--no-cache", "--no-config", "--no-progress", "--fail-on", "never"])
    assert code == 0
    assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)
