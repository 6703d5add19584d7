#!/usr/bin/env python3
"""A stand-in for AG Projects' callcontrol daemon, which the call_control module talks to
over a UNIX stream socket (one request: command line, "name: value" lines, empty line; one
reply line). It answers init with "Limited" (a call callcontrol will follow), or
"No credit" when the request's ruri has "nocredit"; start and stop with "Ok". Every request
is logged as one line: "<command> <callid>".

    callcontrol-peer.py SOCKET LOG SECONDS
"""
import os
import socket
import sys
import threading
import time

path, log_path, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
lock = threading.Lock()


def answer(fields, command):
    if command == "init":
        return "No credit\r\n" if "nocredit" in fields.get("ruri", "") else "Limited\r\n"
    if command in ("start", "stop"):
        return "Ok\r\n"
    return "Error\r\n"


def serve(conn):
    buf = b""
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            buf += data
            while b"\r\n\r\n" in buf:
                req, buf = buf.split(b"\r\n\r\n", 1)
                lines = req.decode("utf-8", "replace").split("\r\n")
                command = lines[0].strip()
                fields = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        fields[k.strip()] = v.strip()
                with lock, open(log_path, "a") as log:
                    log.write("%s %s\n" % (command, fields.get("callid", "-")))
                conn.sendall(answer(fields, command).encode())


if os.path.exists(path):
    os.unlink(path)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(16)
srv.settimeout(0.5)
print("ready", flush=True)
end = time.time() + seconds
while time.time() < end:
    try:
        c, _ = srv.accept()
    except socket.timeout:
        continue
    threading.Thread(target=serve, args=(c,), daemon=True).start()
srv.close()
os.unlink(path)
