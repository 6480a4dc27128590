"""Which process of a running server holds a given TCP connection, read from Linux's /proc.

With several workers, the kernel hands each accepted connection to whichever worker accepts
first; the server does not say which one answered. The test looks it up from outside instead,
as an operator would with `ss -tp`: the connection's socket inode in /proc/net/tcp, and the
worker whose file descriptors include that socket.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.integration.servers import Server

PROC = Path("/proc")


def require_proc() -> None:
    """Skip where there is no Linux /proc to look connections up in."""
    if not (PROC / "net" / "tcp").exists():
        pytest.skip("needs Linux /proc to tell which worker holds a connection")


def _group(process_group: int) -> list[int]:
    pids = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Fields after the parenthesised command: state, ppid, pgrp, ...
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(stat[2]) == process_group:
            pids.append(int(entry.name))
    return pids


def _socket_inode(server_port: int, client_port: int) -> str:
    """The inode of the server's end of the connection from `client_port`."""
    for table in ("tcp", "tcp6"):
        path = PROC / "net" / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if (
                int(local.rsplit(":", 1)[1], 16) == server_port
                and int(remote.rsplit(":", 1)[1], 16) == client_port
            ):
                return inode
    raise AssertionError(f"no connection from port {client_port} to port {server_port}")


def worker_holding(server: Server, client_port: int) -> int:
    """The pid of the server process that holds the connection from local `client_port`."""
    server_port = int(server.base_url.rsplit(":", 1)[1])
    wanted = f"socket:[{_socket_inode(server_port, client_port)}]"
    for pid in _group(server.process_group):
        fds = PROC / str(pid) / "fd"
        try:
            names = os.listdir(fds)
        except OSError:
            continue
        for fd in names:
            try:
                if os.readlink(fds / fd) == wanted:
                    return pid
            except OSError:
                continue
    raise AssertionError(f"no process of the server holds the connection from {client_port}")
