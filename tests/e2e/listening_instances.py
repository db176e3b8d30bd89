"""Prints the loopback addresses (127.10.0.0/16, the instances') that processes of one lab listen
on, one "address pid pgid" line each. The processes are found by the FAULTBOX_LAB_DATA_DIR they
carry (argv[1], a prefix), their sockets through /proc/<pid>/fd and /proc/net/tcp. An instance
process leads its process group, whose id the lab lists as the instance's Pid."""
import os
import socket
import struct
import sys

prefix = sys.argv[1].encode()


def listening_sockets():
    """inode → (ip, port) of every listening IPv4 TCP socket."""
    out = {}
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A":
                continue
            ip_hex, port_hex = local.split(":")
            ip = socket.inet_ntoa(struct.pack("<I", int(ip_hex, 16)))
            out[inode] = (ip, int(port_hex, 16))
    return out


def lab_pids():
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if any(v.startswith(b"FAULTBOX_LAB_DATA_DIR=" + prefix) for v in env):
            yield pid


sockets = listening_sockets()
for pid in lab_pids():
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        continue
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            address = sockets.get(target[8:-1])
            if address and address[0].startswith("127.10."):
                print(address[0], pid, os.getpgid(int(pid)))
