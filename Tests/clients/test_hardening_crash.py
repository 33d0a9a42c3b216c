"""Crash safety (issue 10): SIGKILL the server while 200 clients write, restart it on the same state,
and check that every acknowledged write is there and intact, the database is sound, and start-up
clean-up leaves no orphan blobs or half-written uploads. Repeated EBAUTH_CRASH_ROUNDS times (20).

Writes: S3 PutObject of small random objects with Content-MD5, SSM PutParameter, and monolithic blob
uploads (POST + PUT ?digest=) to an admin-seeded third-party registry.
"""
import base64
import hashlib
import json
import os
import random
import signal
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import Server
from hardening_support import basic, seed_registry, signed

CLIENTS = 200
ROUNDS = int(os.environ.get("EBAUTH_CRASH_ROUNDS", "20"))
WRITE_SECONDS = float(os.environ.get("EBAUTH_CRASH_WRITE_SECONDS", "1.0"))
# Each client writes at most this many times a round, and the kill lands once 40% of all those
# writes were acknowledged (or WRITE_SECONDS passed): the volume to verify stays bounded however
# fast the machine is, and the kill still meets writes in flight.
WRITES_PER_CLIENT = int(os.environ.get("EBAUTH_CRASH_WRITES_PER_CLIENT", "5"))
BUCKET = "crash-bucket"
USER, PASSWORD = "crasher", "crash-pw-5521"
SSM_HEADERS = {"X-Amz-Target": "AmazonSSM.PutParameter", "Content-Type": "application/x-amz-json-1.1"}


class Acknowledged:
    """Writes the server answered 2xx to, by kind."""

    def __init__(self):
        self.lock = threading.Lock()
        self.objects, self.parameters, self.blobs = {}, {}, {}

    def add(self, kind, key, value):
        with self.lock:
            getattr(self, kind)[key] = value

    @property
    def count(self):
        with self.lock:
            return len(self.objects) + len(self.parameters) + len(self.blobs)


def round_account(round_number):
    """A 12-digit access key acts in that account (secret `test`)."""
    return f"{100000000000 + round_number}"


def writer(server, round_number, client_number, stop, acknowledged):
    session = requests.Session()
    rng = random.Random(f"{round_number}-{client_number}")
    sequence = 0
    registry_auth = {"Authorization": basic(USER, PASSWORD), "Host": "127.0.0.1"}
    while not stop.is_set() and sequence < WRITES_PER_CLIENT:
        sequence += 1
        name = f"r{round_number}/c{client_number}/{sequence}"
        kind = (client_number + sequence) % 3
        try:
            if kind == 0:
                data = rng.randbytes(rng.randint(1, 4096))
                md5 = base64.b64encode(hashlib.md5(data).digest()).decode()
                url, headers = signed(server, "PUT", f"/{BUCKET}/{name}", data, {"Content-MD5": md5})
                response = session.put(url, data=data, headers=headers, timeout=30)
                if response.status_code == 200:
                    acknowledged.add("objects", name, data)
                else:
                    pytest.fail(f"PutObject {name}: {response.status_code} {response.text[:300]}")
            elif kind == 1:
                value = f"value-{rng.getrandbits(64):016x}"
                body = json.dumps({"Name": f"/crash/{name}", "Value": value, "Type": "String"}).encode()
                # Each round writes in its own account: one account holds at most 10,000
                # standard parameters (ParameterLimitExceeded), and 20 fast rounds pass that.
                account = round_account(round_number)
                url, headers = signed(server, "POST", "/", body, SSM_HEADERS, service="ssm", key=account)
                response = session.post(url, data=body, headers=headers, timeout=30)
                if response.status_code == 200:
                    acknowledged.add("parameters", (account, f"/crash/{name}"), value)
                else:
                    pytest.fail(f"PutParameter {name}: {response.status_code} {response.text[:300]}")
            else:
                data = rng.randbytes(rng.randint(1, 4096))
                digest = "sha256:" + hashlib.sha256(data).hexdigest()
                start = session.post(f"{server.endpoint}/v2/crash/blobs/blobs/uploads/", headers=registry_auth, timeout=30)
                if start.status_code != 202:
                    pytest.fail(f"upload start: {start.status_code} {start.text[:300]}")
                location = start.headers["Location"]
                if location.startswith("/"):
                    location = server.endpoint + location
                done = session.put(location + ("&" if "?" in location else "?") + "digest=" + digest, data=data,
                                   headers={**registry_auth, "Content-Type": "application/octet-stream"}, timeout=30)
                if done.status_code == 201:
                    acknowledged.add("blobs", digest, data)
                else:
                    pytest.fail(f"blob upload: {done.status_code} {done.text[:300]}")
        except requests.exceptions.RequestException:
            if stop.is_set():
                return
            # The kill landed between the flag and this request.
            time.sleep(0.01)
            if stop.is_set():
                return
            raise


def verify(server, acknowledged):
    registry_auth = {"Authorization": basic(USER, PASSWORD), "Host": "127.0.0.1"}

    def check_object(item):
        key, data = item
        url, headers = signed(server, "GET", f"/{BUCKET}/{key}")
        response = requests.get(url, headers=headers, timeout=30)
        assert (response.status_code, response.content) == (200, data), f"object {key} lost or changed"

    def check_parameter(item):
        (account, name), value = item
        body = json.dumps({"Name": name}).encode()
        url, headers = signed(server, "POST", "/", body, {**SSM_HEADERS, "X-Amz-Target": "AmazonSSM.GetParameter"},
                              service="ssm", key=account)
        response = requests.post(url, data=body, headers=headers, timeout=30)
        assert response.status_code == 200, f"parameter {name} lost: {response.text}"
        assert response.json()["Parameter"]["Value"] == value

    def check_blob(item):
        digest, data = item
        response = requests.get(f"{server.endpoint}/v2/crash/blobs/blobs/{digest}", headers=registry_auth, timeout=30)
        assert (response.status_code, response.content) == (200, data), f"blob {digest} lost or changed"

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(check_object, list(acknowledged.objects.items())))
        list(pool.map(check_parameter, list(acknowledged.parameters.items())))
        list(pool.map(check_blob, list(acknowledged.blobs.items())))


def check_state_at_rest(state):
    database = sqlite3.connect(os.path.join(state, "ebauth.sqlite3"))
    try:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = {digest for (digest,) in database.execute("SELECT digest FROM blob")}
    finally:
        database.close()
    files = set()
    blobs = os.path.join(state, "blobs", "sha256")
    for root, _, names in os.walk(blobs):
        files.update("sha256:" + name for name in names)
    assert files - rows == set(), f"orphan blob files: {sorted(files - rows)[:5]}"
    assert rows - files == set(), f"blob rows without a file: {sorted(rows - files)[:5]}"


def test_sigkill_under_200_writers_loses_no_acknowledged_write(tmp_path):
    state = str(tmp_path / "state")
    totals = {"objects": 0, "parameters": 0, "blobs": 0}
    interrupted = 0
    started = time.monotonic()
    for round_number in range(ROUNDS):
        server = Server(state=state)
        if round_number == 0:
            url, headers = signed(server, "PUT", f"/{BUCKET}")
            assert requests.put(url, headers=headers, timeout=10).status_code == 200
            seed_registry(server, {"host": "registry.crash.test", "aliases": ["127.0.0.1"], "auth": "basic",
                                   "users": [{"user": USER, "password": PASSWORD}]})
        acknowledged, stop = Acknowledged(), threading.Event()
        failures = []

        def run(number):
            try:
                writer(server, round_number, number, stop, acknowledged)
            except BaseException as error:  # noqa: BLE001 — reported below
                failures.append(f"client {number}: {error!r}")
        threads = [threading.Thread(target=run, args=(number,)) for number in range(CLIENTS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + WRITE_SECONDS
        while time.monotonic() < deadline and acknowledged.count < CLIENTS * WRITES_PER_CLIENT * 2 // 5:
            time.sleep(0.005)
        stop.set()
        server.process.send_signal(signal.SIGKILL)
        server.terminate(timeout=10)
        for thread in threads:
            thread.join(timeout=30)
        assert not failures, failures[:5]
        assert acknowledged.objects and acknowledged.parameters and acknowledged.blobs, "no writes acknowledged"

        interrupted += len(os.listdir(os.path.join(state, "uploads")))
        server = Server(state=state)
        try:
            uploads = os.path.join(state, "uploads")
            assert os.listdir(uploads) == [], f"uploads/ after start-up: {os.listdir(uploads)[:5]}"
            verify(server, acknowledged)
        finally:
            assert server.terminate() == 0
        check_state_at_rest(state)
        for kind in totals:
            totals[kind] += len(getattr(acknowledged, kind))
    elapsed = time.monotonic() - started
    print(f"\ncrash safety: {ROUNDS} SIGKILLs under {CLIENTS} writers in {elapsed:.0f} s; acknowledged and verified "
          f"{totals['objects']} objects, {totals['parameters']} parameters, {totals['blobs']} registry blobs; "
          f"{interrupted} interrupted uploads found in uploads/ after the kills, all cleaned at start-up")
