#!/usr/bin/env python3
"""Does `parley serve` stay responsive while clients stall on purpose?

Starts `parley serve` on the Berlin snapshot fixture, times normal requests on an idle server,
then opens 32 connections that send half a request header and stop (the "slowloris" pattern),
and times normal requests again for 3 s while they stall. Bounded: 32 sockets, held for 3 s
(under the server's 5 s read timeout, so none is dropped while measuring), then closed.

Usage: bench/slow_clients_bench.py [PARLEY_BINARY]   (default: $PARLEY_BINARY or build/parley)
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNAPSHOT = os.path.join(ROOT, "testdata/report/berlin-2025-12.json")
SLOW_CLIENTS = 32
REQUESTS = 200
STALL_SECONDS = 3.0
BAR_MS = 100.0


def start_server(binary):
    server = subprocess.Popen(
        [binary, "--jsonl", "--quiet", "serve", "--snapshot", SNAPSHOT, "--port", "0"],
        stdout=subprocess.PIPE, text=True)
    url = json.loads(server.stdout.readline())["url"]
    host_port = url.split("//")[1].rstrip("/")
    host, port = host_port.split(":")
    return server, host, int(port)


def timed_request(host, port):
    """One complete GET /api/scenario on a fresh connection; returns milliseconds."""
    request = f"GET /api/scenario HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
    started = time.perf_counter()
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(request.encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    elapsed = (time.perf_counter() - started) * 1000
    if not answer.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"unexpected answer: {answer[:80]!r}")
    return elapsed


def measure(host, port, seconds=None):
    """REQUESTS requests, or as many as fit in `seconds` (at least one)."""
    if seconds is None:
        return [timed_request(host, port) for _ in range(REQUESTS)]
    times, deadline = [], time.perf_counter() + seconds
    while not times or time.perf_counter() < deadline:
        times.append(timed_request(host, port))
        time.sleep(0.01)
    return times


def stall(host, port):
    sockets = []
    for _ in range(SLOW_CLIENTS):
        connection = socket.create_connection((host, port), timeout=30)
        connection.sendall(f"GET /api/scenario HTTP/1.1\r\nHost: {host}:{port}\r\nX-Slow: ".encode())
        sockets.append(connection)
    time.sleep(0.2)  # let the server hand each of them to a worker
    return sockets


def report(label, times):
    print(f"{label:32s} median {statistics.median(times):6.2f} ms   worst {max(times):6.2f} ms"
          f"   ({len(times)} requests)")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "PARLEY_BINARY", os.path.join(ROOT, "build/parley"))
    server, host, port = start_server(binary)
    try:
        idle = measure(host, port)
        sockets = stall(host, port)
        started = time.perf_counter()
        stalled = measure(host, port, STALL_SECONDS)
        held = time.perf_counter() - started
        for connection in sockets:
            connection.close()
    finally:
        server.terminate()
        server.wait()
    report("idle server", idle)
    report(f"{SLOW_CLIENTS} slow-header clients open", stalled)
    print(f"slow clients held for {held:.2f} s; bar: worst under {BAR_MS:.0f} ms")
    return 0 if max(stalled) < BAR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
