"""Blocks every network connection except to this machine (loopback), in any Python process.

Put this folder on PYTHONPATH and Python imports it at start-up: the test suite does that
for notebook kernels, so a notebook that tries to reach the network fails loudly. Loopback
stays open because Jupyter kernels talk to their client over local sockets.
"""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


class NetworkBlocked(OSError):
    """Raised instead of a connection to anything but loopback."""


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self, address):
    if not _is_local(address):
        raise NetworkBlocked(f"network blocked by the offline test guard: {address!r}")
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    if not _is_local(address):
        raise NetworkBlocked(f"network blocked by the offline test guard: {address!r}")
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_local((host,)):
        raise NetworkBlocked(f"name lookup blocked by the offline test guard: {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


def block() -> None:
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    socket.getaddrinfo = _guarded_getaddrinfo


def unblock() -> None:
    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect_ex
    socket.getaddrinfo = _getaddrinfo


block()
