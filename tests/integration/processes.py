"""Which process of a running server holds a given TCP connection, read from Linux's /proc.

With several workers, the kernel hands each accepted connection to whichever worker accepts
first; the server does not say which one answered. The test looks it up from outside instead,
as an operator would with `ss -tp`: the connection's socket inode in /proc/net/tcp, and the
worker whose file descriptors include that socket.
"""

from __future__ import annotations

import pytest

from tests.integration import proc_net
from tests.integration.servers import Server


def require_proc() -> None:
    """Skip where there is no Linux /proc to look connections up in."""
    if not proc_net.available():
        pytest.skip("needs Linux /proc to tell which worker holds a connection")


def worker_holding(server: Server, client_port: int) -> int:
    """The pid of the server process that holds the connection from local `client_port`."""
    server_port = int(server.base_url.rsplit(":", 1)[1])
    inodes = proc_net.socket_inodes(server_port, remote_port=client_port)
    assert inodes, f"no connection from port {client_port} to port {server_port}"
    pid = proc_net.holder(inodes, proc_net.process_group(server.process_group))
    assert pid is not None, f"no process of the server holds the connection from {client_port}"
    return pid
