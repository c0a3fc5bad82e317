#!/usr/bin/env python3
"""`make bench`: drive the release binary with wrk and print one table.

The server is pinned to CPU 0 with one worker, wrk to CPU 1, so the numbers
measure the server, not a fight for cores. Each workload gets a warm-up, then
three 10 s runs; the table shows the median run.
"""

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "mimicus")
DURATION = os.environ.get("BENCH_DURATION", "10s")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "32")
BODY_200B = {"id": 42, "name": "Ada Lovelace", "email": "ada@example.com", "roles": ["admin", "author"],
             "address": {"street": "12 Analytical Engine Way", "city": "London", "zip": "N1 9GU"},
             "active": True, "created": "2024-01-01T00:00:00Z"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")


def import_mocks(base, mocks):
    for i in range(0, len(mocks), 1000):
        report = call(base, "POST", "/api/admin/mocks/bulk-import", {"mocks": mocks[i:i + 1000]})
        if report["errors"]:
            sys.exit(f"bench setup failed: {report['error_details'][:3]}")


def filler(n):
    """n mocks mixing exact, template and regex paths that never match the targets."""
    out = []
    for i in range(n):
        kind = i % 10
        if kind < 8:
            path = f"/api/items/{i}"
        elif kind == 8:
            path = f"/svc{i}/things/{{id}}"
        else:
            path = f"^/rx{i}/[0-9]+$"
        out.append({"mock_name": f"filler {i}", "match_method": "GET", "match_path": path, "response_body": {"i": i}})
    return out


W1 = {"mock_name": "W1 target", "match_method": "GET", "match_path": "/api/users/42", "response_body": BODY_200B}
W2 = {"mock_name": "W2 templated", "match_method": "GET", "match_path": "/api/users/{id}/profile", "is_template": True,
      "response_body": '{"id": "{{ request.path_params.id }}", "trace": "{{ request.headers[\'x-trace\'] }}", "name": "Ada"}'}
W3 = {"mock_name": "W3 body", "match_method": "POST", "match_path": "/api/orders", "response_status": 201,
      "match_body": {"jsonpath": "$.sku", "equals": "A1"}, "response_body": {"order": "created"}}
W4 = {"mock_name": "W4 stateful", "match_method": "GET", "match_path": "/api/orders/next", "is_template": True,
      "response_body": '{"order": {{ sequence(\'orders\') }}}'}

LUA_POST = """wrk.method = "POST"
wrk.body = '{"sku":"A1","qty":2}'
wrk.headers["Content-Type"] = "application/json"
"""
LUA_SESSIONS = """counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/orders/next", {["X-Session-ID"] = "s" .. (counter % 32)})
end
"""


class Server:
    def __init__(self, extra_args=()):
        self.dir = tempfile.mkdtemp(prefix="mimicus-bench-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = ["taskset", "-c", "0", BINARY, "serve", "--port", str(self.port), "--workers", "1",
                "--database-url", os.path.join(self.dir, "bench.db"), *extra_args]
        env = dict(os.environ, RUST_LOG="warn")
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                call(self.base, "GET", "/health")
                return
            except OSError:
                time.sleep(0.05)
        sys.exit("server did not start")

    def rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def dropped(self):
        """Inspector entries dropped so far (queue full): must stay 0 for the numbers to be honest."""
        with urllib.request.urlopen(self.base + "/metrics", timeout=60) as r:
            text = r.read().decode()
        match = re.search(r"^mimicus_inspector_dropped_total (\S+)", text, re.M)
        return int(float(match.group(1))) if match else 0

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


def to_ms(text):
    match = re.match(r"([\d.]+)(\w+)", text)
    if not match:
        sys.exit(f"cannot read a wrk latency from {text!r}")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, script=None, headers=(), duration=DURATION):
    args = ["taskset", "-c", "1", "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{duration}", "--latency"]
    for h in headers:
        args += ["-H", h]
    if script:
        path = os.path.join(tempfile.gettempdir(), f"mimicus-bench-{abs(hash(script))}.lua")
        with open(path, "w") as f:
            f.write(script)
        args += ["-s", path]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # Anchored: a stdev column such as "85.99%" must not pass for the 99th percentile.
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": non2xx, "socket_errors": errors.group(1) if errors else ""}


ONLY = [w.strip() for w in os.environ.get("BENCH_ONLY", "").split(",") if w.strip()]


def measure(workloads):
    """Runs the workloads round-robin: a warm-up each, then RUNS rounds of one
    run per workload. The VM's speed drifts over minutes; interleaving lets
    every workload (and the `health` baseline the ratios divide by) see the
    same drift, instead of one workload catching a slow minute."""
    chosen = [w for w in workloads if not ONLY or w[0] in ONLY]
    runs = {w[0]: [] for w in chosen}
    dropped = {w[0]: 0 for w in chosen}
    for name, server, path, script, headers in chosen:
        wrk(server.base + path, script, headers, duration="3s")
    time.sleep(1)
    for _ in range(RUNS):
        for name, server, path, script, headers in chosen:
            before = server.dropped()
            runs[name].append(wrk(server.base + path, script, headers))
            time.sleep(0.3)  # let the writer finish the last batch before counting
            dropped[name] += server.dropped() - before
    results = []
    for name, server, path, script, headers in workloads:
        if name not in runs:
            results.append({"name": name, "rps": float("nan"), "p50": float("nan"), "p99": float("nan"),
                            "non2xx": 0, "rss": server.rss_mb(), "dropped": 0})
            continue
        ordered = sorted(runs[name], key=lambda r: r["rps"])
        median = dict(ordered[len(ordered) // 2])
        median["non2xx"] = sum(r["non2xx"] for r in ordered)
        median["rss"] = server.rss_mb()
        median["dropped"] = dropped[name]
        median["name"] = name
        print(f"  {name}: {median['rps']:.0f} req/s", file=sys.stderr, flush=True)
        results.append(median)
    return results


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")

    # All three servers stay up (idle ones sleep) so their runs can interleave.
    main_server = Server()
    import_mocks(main_server.base, filler(99) + [W1, W2, W3, W4])
    quiet = Server(["--inspector-max-entries", "0"])
    import_mocks(quiet.base, filler(99) + [W1])
    large = Server()
    started = time.time()
    import_mocks(large.base, filler(9_999) + [W1])
    print(f"  imported 10,000 mocks in {time.time() - started:.1f} s", file=sys.stderr)
    results = measure([
        ("health", main_server, "/health", None, ()),
        ("W1 static", main_server, "/api/users/42", None, ()),
        ("W2 templated", main_server, "/api/users/7/profile", None, ["X-Trace: abc123"]),
        ("W3 body match", main_server, "/api/orders", LUA_POST, ()),
        ("W4 stateful", main_server, "/api/orders/next", LUA_SESSIONS, ()),
        ("W1 no-inspector", quiet, "/api/users/42", None, ()),
        ("W1 @10k", large, "/api/users/42", None, ()),
    ])
    for server in (main_server, quiet, large):
        server.stop()

    # Startup time with 10,000 mocks already in the database.
    server = Server()
    import_mocks(server.base, filler(9_999) + [W1])
    db = os.path.join(server.dir, "bench.db")
    server.proc.terminate()
    server.proc.wait(timeout=30)
    port = free_port()
    started = time.time()
    proc = subprocess.Popen([BINARY, "serve", "--port", str(port), "--database-url", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            call(f"http://127.0.0.1:{port}", "GET", "/health")
            break
        except OSError:
            time.sleep(0.01)
    startup = time.time() - started
    proc.terminate()
    proc.wait(timeout=30)
    shutil.rmtree(server.dir, ignore_errors=True)

    by = {r["name"]: r for r in results}
    health = by["health"]["rps"]
    print()
    print(f"| workload | req/s | % of health | p50 ms | p99 ms | non-2xx | inspector dropped | server RSS MB |")
    print(f"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['name']} | {r['rps']:.0f} | {100 * r['rps'] / health:.0f} % | {r['p50']:.3f} | "
              f"{r['p99']:.3f} | {r['non2xx']} | {r['dropped']} | {r['rss']:.1f} |")
    print()
    w1 = by["W1 static"]["rps"]
    print(f"W1 @10k / W1: {100 * by['W1 @10k']['rps'] / w1:.0f} %   "
          f"W1 (inspector on) / W1 no-inspector: {100 * w1 / by['W1 no-inspector']['rps']:.0f} %")
    print(f"startup with 10,000 stored mocks: {startup * 1000:.0f} ms to healthy")
    print(f"connections: {CONNECTIONS}, runs: median of {RUNS} x {DURATION} (interleaved across workloads), "
          f"server: 1 worker on CPU 0, wrk on CPU 1")


if __name__ == "__main__":
    main()
