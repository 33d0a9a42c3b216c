"""Tier 2: real clients (boto3, the aws CLI, raw sockets) against the real `ebauth` binary.

The binary is taken from EBAUTH_BIN, or .build/debug/ebauth (built by `swift build`).
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import boto3
import pytest
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("EBAUTH_BIN", os.path.join(ROOT, ".build", "debug", "ebauth"))


def require_tool(name):
    """A missing tool skips locally and fails under CI=true (DESIGN.md, test tiers)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required under CI=true but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


class Server:
    """One `ebauth serve` process on a free port."""

    def __init__(self, *args, state=None):
        if not os.path.exists(BINARY):
            pytest.fail(f"ebauth binary not found at {BINARY}; run `swift build` first")
        self.args = list(args)
        self.state = state
        command = [BINARY, "serve", "--port", "0", "--log-level", "debug", *self.args]
        if state:
            command += ["--state", state]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.banner = []
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"ebauth exited before listening: {self.stderr()}")
            self.banner.append(line)
            match = re.search(r"listening on (http://[\d.]+:(\d+))", line)
            if match:
                self.endpoint, self.port = match.group(1), int(match.group(2))
            if line.startswith("export AWS_DEFAULT_REGION"):
                break

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def client(self, service, key="test", secret="test", region="us-east-1", **config):
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            region_name=region,
            config=Config(retries={"max_attempts": 1}, **config),
        )

    def terminate(self, sig=signal.SIGTERM, timeout=30):
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.process.stdout.close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.terminate()


@pytest.fixture
def enforcing_server():
    s = Server("--enforce-iam")
    yield s
    s.terminate()


@pytest.fixture
def state_dir():
    path = tempfile.mkdtemp(prefix="ebauth-state-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def wait_until(predicate, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
