"""Tier 3 support: a real Docker engine, reached through DOCKER_HOST.

The engine is started outside the tests (`scripts/dockerd.sh start DIR HOSTS_FILE`, which
`.ci/tier3-docker` does): its own roots and socket, --bridge=none (containers use the host's
network) and a private /etc/hosts that maps the default account's ECR names to 127.0.0.1.
Without DOCKER_HOST the tests skip locally and fail under CI=true.
"""
import io
import os
import socket
import subprocess
import tarfile
import uuid

import pytest

from conftest import ROOT, require_tool

ACCOUNT = "000000000000"
ECR_NAME = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com"
# docker/registry/htpasswd (README.md, "Run it as a container").
REGISTRY_USER, REGISTRY_PASSWORD = "testuser", "testpassword"


class DockerEngine:
    """The docker CLI against the engine at DOCKER_HOST, each call with a given DOCKER_CONFIG."""

    def __init__(self, host):
        self.host = host
        self.docker = require_tool("docker")

    def env(self, config=None):
        env = dict(os.environ, DOCKER_HOST=self.host)
        if config is not None:
            os.makedirs(config, exist_ok=True)
            env["DOCKER_CONFIG"] = config
        return env

    def run(self, *args, config=None, stdin=None, timeout=300):
        return subprocess.run([self.docker, *args], capture_output=True, text=True, env=self.env(config),
                              input=stdin, timeout=timeout)

    def check(self, *args, **kwargs):
        result = self.run(*args, **kwargs)
        assert result.returncode == 0, f"docker {' '.join(args)}: {result.stderr}{result.stdout}"
        return result.stdout.strip()

    def has_image(self, reference):
        return self.run("image", "inspect", reference).returncode == 0

    def image_id(self, reference):
        return self.check("image", "inspect", "--format", "{{.Id}}", reference)

    def import_image(self, reference, seed):
        """A one-file image made with `docker import` (no base image, nothing pulled); its id."""
        data = io.BytesIO()
        with tarfile.open(fileobj=data, mode="w") as tar:
            content = f"{seed}\n".encode()
            info = tarfile.TarInfo("hello.txt")
            info.size = len(content)
            info.mtime = 1_767_225_600
            tar.addfile(info, io.BytesIO(content))
        result = subprocess.run([self.docker, "import", "--change", 'CMD ["/hello"]', "-", reference],
                                input=data.getvalue(), capture_output=True, env=self.env(), timeout=120)
        assert result.returncode == 0, result.stderr.decode()
        return self.image_id(reference)


@pytest.fixture(scope="session")
def docker_engine():
    host = os.environ.get("DOCKER_HOST")
    if not host:
        message = ("DOCKER_HOST is not set: tier 3 needs a Docker engine "
                   "(eval \"$(scripts/dockerd.sh start /tmp/ebauth-dockerd HOSTS_FILE)\"; see .ci/tier3-docker)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    engine = DockerEngine(host)
    version = engine.run("version", "--format", "{{.Server.Version}}", timeout=30)
    if version.returncode != 0:
        pytest.fail(f"the Docker engine at DOCKER_HOST={host} does not answer: {version.stderr}")
    return engine


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def compose_command():
    """Debian's docker-compose (1.29), or the CLI plugin `docker compose` where that is installed."""
    for candidate in (["docker-compose"], ["docker", "compose"]):
        try:
            if subprocess.run([*candidate, "version"], capture_output=True, timeout=60).returncode == 0:
                return candidate
        except FileNotFoundError:
            continue
    require_tool("docker-compose")
    return ["docker-compose"]


OFFLINE_IMAGES = ("ebauth:local", "registry:2")


def ensure_offline_images(engine, timeout=1800):
    """The images docker/build-offline.sh makes; built here (bounded) when the engine lacks them.
    A release build under contention takes a while, hence the generous bound."""
    if all(engine.has_image(image) for image in OFFLINE_IMAGES):
        return
    script = os.path.join(ROOT, "docker", "build-offline.sh")
    result = subprocess.run([script], capture_output=True, text=True, env=engine.env(), cwd=ROOT, timeout=timeout)
    assert result.returncode == 0, f"docker/build-offline.sh failed:\n{result.stdout}\n{result.stderr}"
    for image in OFFLINE_IMAGES:
        assert engine.has_image(image), f"docker/build-offline.sh did not make {image}"
