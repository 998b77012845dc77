#!/usr/bin/env python3
"""The viewer under attack, measured: wrk reads a report page from 127.0.0.1 while other loopback
addresses attack the server, all at once: slow connections from one address and slowloris from 33
(16 each, a byte every 3 s: past the 512 connections allowed in all), a flood of uncached searches,
random query strings on the largest report page (the answer cache), comment posts with wrong codes
and, from two more addresses, with right ones (the server runs with --test-captcha, which gives the
answer: the bound measured is the per-address limit), oversized headers and bodies, malformed
requests, path traversal, a forged Host on the site map. Prints wrk's throughput and latency
without and with the attacks, what each attack got, the server's connection counts, its peak
memory, and the comments stored.

usage: bench/attack.py BIN SHARED [SECONDS]     (a measurement, never a test)
"""
import collections
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

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
server = subprocess.Popen([BIN, "serve", "--db", db, "--listen", f"0.0.0.0:{port}", "--test-captcha"],
                          stderr=subprocess.PIPE, text=True)
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
    sock = re.search(r"Socket errors: (.*)", out)
    print(f"{label:34s} {rps:9.0f} req/s   p50 {lat(50):6.2f} ms   p99 {lat(99):6.2f} ms"
          + (f"   non-2xx {errs.group(1)}" if errs else "") + (f"   socket errors: {sock.group(1)}" if sock else "")
          + ("   (p99 under 50 ms)" if lat(99) < 50 else "   (p99 OVER 50 ms)"))


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


def slowloris_many():
    """16 connections from each of 33 addresses, each sending a byte every 3 s; a closed one is
    opened again."""
    label = "slowloris, 33 addresses x 16"
    conns = {}
    while not stop.is_set():
        for a in range(33):
            for k in range(16):
                c = conns.get((a, k))
                if c is None:
                    try:
                        c = socket.create_connection(("127.0.0.1", port), timeout=2, source_address=(f"127.0.1.{a + 1}", 0))
                        c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
                        c.setblocking(False)
                        conns[(a, k)] = c
                        statuses[label]["opened"] += 1
                    except OSError:
                        statuses[label]["refused"] += 1
                    continue
                try:
                    c.send(b"X")
                    if c.recv(64) == b"":
                        raise OSError
                except BlockingIOError:
                    pass
                except OSError:
                    c.close()
                    del conns[(a, k)]
                    statuses[label]["closed by server"] += 1
        stop.wait(3)
    for c in conns.values():
        c.close()


def cache_flood():
    label = "random query strings (127.0.0.6)"
    n = 0
    while not stop.is_set():
        raw("127.0.0.6", f"GET {big}?x={random.random()} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(), label)
        n += 1


def right_answers(source):
    """Comments with the right code (the test key's): the per-address limit is the bound."""
    label = f"right-code comments ({source})"
    while not stop.is_set():
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5, source_address=(source, 0))
            c.request("GET", f"{page}/comment")
            f = c.getresponse().read().decode()
            tok = re.search(r'name="token" value="([0-9a-f]+)"', f).group(1)
            c.request("GET", f"/captcha/{tok}.png")
            r = c.getresponse()
            r.read()
            ans = r.getheader("X-Test-Captcha-Answer")
            body = urllib.parse.urlencode({"token": tok, "answer": ans, "name": "spam", "body": f"spam {random.random()}"})
            c.request("POST", f"{page}/comment", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
            r = c.getresponse()
            r.read()
            statuses[label][str(r.status)] += 1
            c.close()
        except (OSError, AttributeError, http.client.HTTPException):
            statuses[label]["error"] += 1
            time.sleep(0.1)


def flood(source, make, label):
    n = 0
    while not stop.is_set():
        raw(source, make(n), label)
        n += 1


def search(n):
    return f"GET /search?q=%E5%A2%9E%E9%95%BF{n} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()


def comment(n):
    body = f"token={'0' * 72}&answer=12345&body=spam{n}"
    return (f"POST {page}/comment HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}").encode()


def hostile(n):
    return [b"GET /r/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
            f"POST {page}/comment HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 60000\r\nConnection: close\r\n\r\n".encode() + b"b" * 60000,
            b"\x16\x03\x01 not http\r\n\r\n",
            b"BREW /pot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            f"GET /sitemap.xml HTTP/1.1\r\nHost: evil{n}.example\r\nConnection: close\r\n\r\n".encode()][n % 6]


def rss_mib(field):
    return int(re.search(rf"{field}:\s+(\d+)", open(f"/proc/{server.pid}/status").read()).group(1)) / 1024


reports = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/reports?limit=10000"))
top = max(reports, key=lambda r: r["facts"])
big = f"/r/{top['region_code']}/{top['year']}" if top["region_code"] else f"/d/{top['id']}"
print(f"wrk from 127.0.0.1 on {page}, 1 thread, 16 connections, {SECS} s each")
wrk("no attack")
rss_before = rss_mib("VmRSS")
threads = [threading.Thread(target=slowloris), threading.Thread(target=slowloris_many), threading.Thread(target=cache_flood)]
threads += [threading.Thread(target=right_answers, args=(a,)) for a in ("127.0.0.7", "127.0.0.8")]
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
print(f"server memory: {rss_before:.0f} MiB before the attacks, peak {rss_mib('VmHWM'):.0f} MiB (answer cache bound: 32 MiB)")
server.terminate()
server.wait()
print("server: " + (server.stderr.read().strip().splitlines() or ["(nothing)"])[-1])
stored = subprocess.run([BIN, "sql", "--db", db, "--format", "csv", "SELECT count(*) FROM comments"], capture_output=True,
                        text=True).stdout.splitlines()[-1]
print(f"comments stored: {stored} (the limit: 5 per address and 10 minutes, two addresses posting right answers)")
subprocess.run(["rm", "-rf", tmp])
