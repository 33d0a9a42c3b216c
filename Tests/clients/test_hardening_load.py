"""Load (issue 10): 256 concurrent keep-alive clients, mixed SSM / S3 / ECR token / registry manifest
traffic for EBAUTH_LOAD_SECONDS (20 by default, 60 for the issue's full run): zero errors, no refused
connection, every client on one kept-alive connection, resident memory bounded; prints p50/p99
latency as the clients see it (dominated by 256 Python threads sharing one GIL) and as the server
measures it (its request log), and the peak RSS.
"""
import base64
import hashlib
import json
import os
import random
import re
import threading
import time

import requests

from conftest import Server
from hardening_support import basic, seed_registry, signed

CLIENTS = 256
SECONDS = float(os.environ.get("EBAUTH_LOAD_SECONDS", "20"))
RSS_LIMIT = 512 * 1024 * 1024
BUCKET = "load-bucket"
USER, PASSWORD = "loader", "load-pw-7719"
MANIFEST_ACCEPT = ("application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, "
                   "application/vnd.oci.image.index.v1+json")


def resident_bytes(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_256_keep_alive_clients_of_mixed_traffic_see_no_error():
    server = Server()
    try:
        url, headers = signed(server, "PUT", f"/{BUCKET}")
        assert requests.put(url, headers=headers, timeout=10).status_code == 200
        seed_registry(server, {"host": "registry.load.test", "aliases": ["127.0.0.1"], "auth": "basic",
                               "users": [{"user": USER, "password": PASSWORD}],
                               "images": [{"repository": "load/app", "tag": "latest", "layers": 1}]})
        registry_headers = {"Authorization": basic(USER, PASSWORD), "Host": "127.0.0.1", "Accept": MANIFEST_ACCEPT}

        latencies = {"ssm-put": [], "ssm-get": [], "s3-put": [], "s3-get": [], "ecr-token": [], "registry-manifest": []}
        errors, lock, stop, go = [], threading.Lock(), threading.Event(), threading.Event()
        peak = [resident_bytes(server.process.pid)]
        opened = []

        def client(number):
            session = requests.Session()
            adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=1)
            session.mount("http://", adapter)
            rng = random.Random(number)
            mine = {name: [] for name in latencies}
            sequence = 0
            go.wait()
            try:
                while not stop.is_set():
                    sequence += 1
                    kind = rng.choice(list(latencies))
                    started = time.monotonic()
                    if kind == "ssm-put":
                        body = json.dumps({"Name": f"/load/c{number}", "Value": f"v{sequence}", "Type": "String",
                                           "Overwrite": True}).encode()
                        url, headers = signed(server, "POST", "/", body, {"X-Amz-Target": "AmazonSSM.PutParameter",
                                              "Content-Type": "application/x-amz-json-1.1"}, service="ssm")
                        response = session.post(url, data=body, headers=headers, timeout=30)
                        ok = response.status_code == 200
                    elif kind == "ssm-get":
                        body = json.dumps({"Name": "/load/shared"}).encode()
                        url, headers = signed(server, "POST", "/", body, {"X-Amz-Target": "AmazonSSM.GetParameter",
                                              "Content-Type": "application/x-amz-json-1.1"}, service="ssm")
                        response = session.post(url, data=body, headers=headers, timeout=30)
                        ok = response.status_code == 200 and response.json()["Parameter"]["Value"] == "shared"
                    elif kind == "s3-put":
                        data = rng.randbytes(rng.randint(1, 8192))
                        md5 = base64.b64encode(hashlib.md5(data).digest()).decode()
                        url, headers = signed(server, "PUT", f"/{BUCKET}/c{number}", data, {"Content-MD5": md5})
                        response = session.put(url, data=data, headers=headers, timeout=30)
                        ok = response.status_code == 200
                    elif kind == "s3-get":
                        url, headers = signed(server, "GET", f"/{BUCKET}/shared")
                        response = session.get(url, headers=headers, timeout=30)
                        ok = response.status_code == 200 and response.content == b"shared object"
                    elif kind == "ecr-token":
                        url, headers = signed(server, "POST", "/", b"{}", {
                            "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken",
                            "Content-Type": "application/x-amz-json-1.1"}, service="ecr")
                        response = session.post(url, data=b"{}", headers=headers, timeout=30)
                        ok = response.status_code == 200 and response.json()["authorizationData"]
                    else:
                        response = session.get(f"{server.endpoint}/v2/load/app/manifests/latest", headers=registry_headers,
                                               timeout=30)
                        ok = response.status_code == 200 and response.headers.get("Docker-Content-Digest")
                    mine[kind].append(time.monotonic() - started)
                    if not ok:
                        with lock:
                            errors.append(f"{kind}: {response.status_code} {response.text[:200]}")
            except Exception as error:  # noqa: BLE001 — any exception is an error the test reports
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
            finally:
                with lock:
                    for name, values in mine.items():
                        latencies[name].extend(values)
                    opened.append(sum(pool.num_connections for pool in adapter.poolmanager.pools._container.values()))
                session.close()

        body = json.dumps({"Name": "/load/shared", "Value": "shared", "Type": "String"}).encode()
        url, headers = signed(server, "POST", "/", body, {"X-Amz-Target": "AmazonSSM.PutParameter",
                              "Content-Type": "application/x-amz-json-1.1"}, service="ssm")
        assert requests.post(url, data=body, headers=headers, timeout=10).status_code == 200
        url, headers = signed(server, "PUT", f"/{BUCKET}/shared", b"shared object")
        assert requests.put(url, data=b"shared object", headers=headers, timeout=10).status_code == 200

        threads = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
        for thread in threads:
            thread.start()
        cpu_before = cpu_seconds(server.process.pid)
        started = time.monotonic()
        go.set()
        while time.monotonic() - started < SECONDS:
            peak[0] = max(peak[0], resident_bytes(server.process.pid))
            time.sleep(0.2)
        stop.set()
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(server.process.pid) - cpu_before
        for thread in threads:
            thread.join(timeout=60)
        assert server.process.poll() is None
        everything = [value for values in latencies.values() for value in values]
        print(f"\nload: {CLIENTS} keep-alive clients for {elapsed:.0f} s: {len(everything)} requests "
              f"({len(everything) / elapsed:.0f}/s), {len(errors)} errors, peak RSS {peak[0] / 1048576:.0f} MiB, "
              f"{sum(opened)} connections opened in all, "
              f"server CPU {cpu / elapsed * 100:.0f}% of one core")
        print(f"  all: p50 {percentile(everything, 0.5) * 1000:.1f} ms, p99 {percentile(everything, 0.99) * 1000:.1f} ms")
        for name, values in latencies.items():
            if values:
                print(f"  {name}: {len(values)} requests, p50 {percentile(values, 0.5) * 1000:.1f} ms, "
                      f"p99 {percentile(values, 0.99) * 1000:.1f} ms")
        # The server's own time per request (its request log), free of the Python clients' GIL.
        handled = [float(match) / 1000 for match in re.findall(r"\[AWSCore\] \S+ \S+ \S+ \d{3} ([\d.]+)ms", server.stderr())]
        if handled:
            print(f"  server-side (its request log): {len(handled)} requests, p50 {percentile(handled, 0.5) * 1000:.1f} ms, "
                  f"p99 {percentile(handled, 0.99) * 1000:.1f} ms, max {max(handled) * 1000:.1f} ms")
        assert not errors, errors[:10]
        assert all(latencies.values()), "some kind of request never ran"
        assert peak[0] < RSS_LIMIT, f"peak RSS {peak[0] / 1048576:.0f} MiB"
        # Keep-alive held: each client used one connection for all its requests.
        assert sum(opened) == CLIENTS, f"{sum(opened)} connections for {CLIENTS} clients"
    finally:
        server.terminate()
