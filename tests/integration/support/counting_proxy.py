#!/usr/bin/env python3
"""A unix-socket proxy in front of the Docker engine that records who asked what.

Usage: counting_proxy.py LISTEN_SOCKET ENGINE_SOCKET LOG_FILE
Each request line seen from a client is appended to LOG_FILE as "<user agent>\t<method> <path>",
so a test can tell meshprobe's requests from compose's. Runs until killed.
"""
import os
import re
import socket
import sys
import threading

REQUEST = re.compile(rb"^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP/1\.[01]\r?$", re.M)
AGENT = re.compile(rb"^User-Agent: *(.*?)\r?$", re.M | re.I)

listen_path, engine_path, log_path = sys.argv[1:4]
log_lock = threading.Lock()


def pump(source, sink, record):
    pending = b""
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            if record:
                pending += data
                # Headers end at a blank line; record each request once its headers are whole.
                while b"\r\n\r\n" in pending:
                    head, pending = pending.split(b"\r\n\r\n", 1)
                    line = REQUEST.search(head)
                    if line:
                        agent = AGENT.search(head)
                        entry = b"%s\t%s %s\n" % (agent.group(1) if agent else b"-", line.group(1), line.group(2))
                        with log_lock, open(log_path, "ab") as log:
                            log.write(entry)
                if len(pending) > 1 << 20:
                    pending = pending[-65536:]
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client):
    engine = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    engine.connect(engine_path)
    threading.Thread(target=pump, args=(engine, client, False), daemon=True).start()
    pump(client, engine, True)


if os.path.exists(listen_path):
    os.unlink(listen_path)
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(listen_path)
server.listen(64)
open(log_path, "ab").close()
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
