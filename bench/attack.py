#!/usr/bin/env python3
"""The viewer under attack, measured: wrk reads a report page from 127.0.0.1 while other loopback
addresses attack the server (slow connections, a flood of uncached searches, comment posts with
wrong codes, oversized headers and bodies, malformed requests, path traversal). Prints wrk's
throughput and latency without and with the attacks, and what status each attack got.

usage: bench/attack.py BIN SHARED [SECONDS]     (a measurement, never a test)
"""
import collections
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

BIN, SHARED = sys.argv[1], sys.argv[2]
SECS = int(sys.argv[3]) if len(sys.argv) > 3 else 10
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tmp = tempfile.mkdtemp()
db = os.path.join(tmp, "a.db")
inputs = [os.path.join(root, "examples")]
if os.path.isdir(os.path.join(SHARED, "corpus", "reports")):
    inputs += [os.path.join(SHARED, "corpus", "reports"), os.path.join(SHARED, "seed")]
subprocess.run([BIN, "ingest", "--db", db] + inputs, capture_output=True)
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
server = subprocess.Popen([BIN, "serve", "--db", db, "--listen", f"0.0.0.0:{port}", "--quiet"],
                          stderr=subprocess.DEVNULL)
time.sleep(1)
page = "/r/441882/2023" if os.path.isdir(os.path.join(SHARED, "seed")) else "/d/1"


def wrk(label):
    out = subprocess.run(["wrk", "-t1", "-c16", f"-d{SECS}s", "--latency", f"http://127.0.0.1:{port}{page}"],
                         capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def lat(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", out, re.M)
        v, u = float(m.group(1)), m.group(2)
        return v / 1000 if u == "us" else v * 1000 if u == "s" else v
    errs = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    print(f"{label:34s} {rps:9.0f} req/s   p50 {lat(50):6.2f} ms   p99 {lat(99):6.2f} ms"
          + (f"   non-2xx {errs.group(1)}" if errs else ""))


stop = threading.Event()
statuses = collections.defaultdict(collections.Counter)


def raw(source, payload, label, read=True):
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
        c.sendall(payload)
        data = c.recv(64) if read else b""
        c.close()
        m = re.match(rb"HTTP/1\.[01] (\d+)", data)
        statuses[label][m.group(1).decode() if m else "closed"] += 1
    except OSError:
        statuses[label]["refused"] += 1


def slowloris():
    held = []
    while not stop.is_set():
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=2, source_address=("127.0.0.2", 0))
            c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            held.append(c)
            statuses["slowloris (127.0.0.2)"]["opened"] += 1
        except OSError:
            statuses["slowloris (127.0.0.2)"]["refused"] += 1
        for c in list(held):
            try:
                c.sendall(b"X-a: b\r\n")
            except OSError:
                held.remove(c)
                statuses["slowloris (127.0.0.2)"]["closed by server"] += 1
        time.sleep(0.2)
    for c in held:
        c.close()


def flood(source, make, label):
    n = 0
    while not stop.is_set():
        raw(source, make(n), label)
        n += 1


def search(n):
    return f"GET /search?q=%E5%A2%9E%E9%95%BF{n} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()


def comment(n):
    body = f"token={'0' * 56}&answer=12345&body=spam{n}"
    return (f"POST /d/1/comment HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}").encode()


def hostile(n):
    return [b"GET /r/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
            b"POST /d/1/comment HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 40000\r\nConnection: close\r\n\r\n" + b"b" * 40000,
            b"\x16\x03\x01 not http\r\n\r\n",
            b"BREW /pot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"][n % 5]


print(f"wrk from 127.0.0.1 on {page}, 1 thread, 16 connections, {SECS} s each")
wrk("no attack")
threads = [threading.Thread(target=slowloris)]
threads += [threading.Thread(target=flood, args=("127.0.0.3", search, "search flood (127.0.0.3)")) for _ in range(4)]
threads += [threading.Thread(target=flood, args=("127.0.0.4", comment, "wrong-code comments (127.0.0.4)"))]
threads += [threading.Thread(target=flood, args=("127.0.0.5", hostile, "hostile requests (127.0.0.5)"))]
for t in threads:
    t.start()
time.sleep(2)
wrk("during the attacks")
stop.set()
for t in threads:
    t.join()
for label, c in statuses.items():
    print(f"  {label:34s} " + ", ".join(f"{k}: {v}" for k, v in sorted(c.items())))
server.terminate()
server.wait()
subprocess.run(["rm", "-rf", tmp])
