"""TCP sockets and the processes holding them, read from Linux's /proc (as `ss -tlp` does)."""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
LISTEN = "0A"


def available() -> bool:
    return (PROC / "net" / "tcp").exists()


def process_group(pgid: int) -> list[int]:
    """The pids of the processes in process group `pgid`."""
    pids = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Fields after the parenthesised command: state, ppid, pgrp, ...
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(stat[2]) == pgid:
            pids.append(int(entry.name))
    return pids


def socket_inodes(local_port: int, *, remote_port: int | None = None) -> set[str]:
    """Inodes of the sockets on `local_port`: the listener, or the connection from `remote_port`."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        path = PROC / "net" / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, state, inode = fields[1], fields[2], fields[3], fields[9]
            if int(local.rsplit(":", 1)[1], 16) != local_port:
                continue
            wanted = (
                state == LISTEN
                if remote_port is None
                else int(remote.rsplit(":", 1)[1], 16) == remote_port
            )
            if wanted:
                inodes.add(inode)
    return inodes


def holder(inodes: set[str], pids: list[int]) -> int | None:
    """The first of `pids` with a file descriptor on one of the socket `inodes`."""
    wanted = {f"socket:[{inode}]" for inode in inodes}
    for pid in pids:
        fds = PROC / str(pid) / "fd"
        try:
            names = os.listdir(fds)
        except OSError:
            continue
        for fd in names:
            try:
                if os.readlink(fds / fd) in wanted:
                    return pid
            except OSError:
                continue
    return None
