"""Tier 3: docker/docker-compose.yml on a real engine, with the images docker/build-offline.sh
makes — ebauth answers boto3, the distribution registry answers skopeo behind htpasswd, and
`down` leaves nothing running."""
import base64
import json
import os
import subprocess
import urllib.error
import urllib.request

import boto3
import pytest
from botocore.config import Config

from conftest import ROOT, wait_until
from docker_engine_support import (REGISTRY_PASSWORD, REGISTRY_USER, compose_command, docker_engine,  # noqa: F401
                                   ensure_offline_images, free_port, unique)
from ecr_support import Skopeo, layout_digest, make_oci_layout

COMPOSE_FILE = os.path.join(ROOT, "docker", "docker-compose.yml")


def status(url, user=None, password=None):
    request = urllib.request.Request(url)
    if user:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return None, {}, b""


class Stack:
    """One `docker-compose up -d` of the compose file under its own project name and ports."""

    def __init__(self, engine):
        self.engine = engine
        self.project = unique("ebauth-smoke")
        self.ebauth_port, self.registry_port = free_port(), free_port()
        self.command = compose_command()

    def compose(self, *args, timeout=300):
        env = self.engine.env()
        env.update(EBAUTH_PORT=str(self.ebauth_port), REGISTRY_PORT=str(self.registry_port))
        return subprocess.run([*self.command, "-f", COMPOSE_FILE, "-p", self.project, *args], capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=timeout)

    def containers(self):
        return self.engine.check("ps", "-a", "--quiet", "--filter", f"label=com.docker.compose.project={self.project}")

    @property
    def ebauth(self):
        return f"http://127.0.0.1:{self.ebauth_port}"

    @property
    def registry(self):
        return f"127.0.0.1:{self.registry_port}"


@pytest.fixture
def stack(docker_engine):  # noqa: F811
    ensure_offline_images(docker_engine)
    s = Stack(docker_engine)
    up = s.compose("up", "-d")
    try:
        assert up.returncode == 0, up.stderr
        ready = wait_until(lambda: status(f"{s.ebauth}/_ebauth/health")[0] == 200
                           and status(f"http://{s.registry}/v2/")[0] == 401, timeout=60)
        assert ready, f"the stack did not answer:\n{s.compose('logs').stdout}"
        yield s
    finally:
        s.compose("down", "-v")


def test_compose_stack_serves_ssm_and_a_registry_behind_htpasswd(stack, tmp_path):
    ssm = boto3.client("ssm", endpoint_url=stack.ebauth, region_name="us-east-1", aws_access_key_id="test",
                       aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))
    ssm.put_parameter(Name="/compose/smoke", Value="from a container", Type="String")
    assert ssm.get_parameter(Name="/compose/smoke")["Parameter"]["Value"] == "from a container"

    code, headers, _ = status(f"http://{stack.registry}/v2/")
    assert code == 401
    assert headers.get("Www-Authenticate") == 'Basic realm="ebauth-registry"'
    code, _, body = status(f"http://{stack.registry}/v2/", REGISTRY_USER, REGISTRY_PASSWORD)
    assert (code, json.loads(body)) == (200, {})
    assert status(f"http://{stack.registry}/v2/", REGISTRY_USER, "wrong")[0] == 401

    source, copy = str(tmp_path / "source"), str(tmp_path / "copy")
    digest = make_oci_layout(source, "compose-smoke")
    skopeo = Skopeo(str(tmp_path))
    creds = f"{REGISTRY_USER}:{REGISTRY_PASSWORD}"
    reference = f"{stack.registry}/smoke/hello:v1"
    pushed = skopeo.push(source, reference, creds=creds)
    assert pushed.returncode == 0, pushed.stderr
    anonymous = skopeo.pull(reference, str(tmp_path / "anonymous"))
    assert anonymous.returncode != 0
    assert "unauthorized" in anonymous.stderr.lower()
    pulled = skopeo.pull(reference, copy, creds=creds)
    assert pulled.returncode == 0, pulled.stderr
    assert layout_digest(copy) == digest


def test_compose_down_removes_the_stack(docker_engine):  # noqa: F811
    ensure_offline_images(docker_engine)
    s = Stack(docker_engine)
    try:
        up = s.compose("up", "-d")
        assert up.returncode == 0, up.stderr
        assert len(s.containers().split()) == 2
        assert wait_until(lambda: status(f"{s.ebauth}/_ebauth/health")[0] == 200, timeout=60)
    finally:
        down = s.compose("down", "-v")
    assert down.returncode == 0, down.stderr
    assert s.containers() == ""
    assert status(f"{s.ebauth}/_ebauth/health")[0] is None
    assert status(f"http://{s.registry}/v2/")[0] is None
