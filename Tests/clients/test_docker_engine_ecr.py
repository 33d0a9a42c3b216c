"""Tier 3: ECR through a real Docker engine, configured the way `ebauth serve` documents —
`aws ecr get-login-password | docker login`, then `docker push` and `docker pull` by the
repositoryUri, `<account>.dkr.ecr.us-east-1.amazonaws.com:PORT/NAME`, which the engine's
/etc/hosts maps to 127.0.0.1 (so docker speaks plain HTTP to it). Failures are asserted on the
text docker itself prints."""
import base64
import datetime
import json
import re
import time

import pytest

from conftest import Server
from docker_engine_support import ECR_NAME, docker_engine, unique  # noqa: F401
from ecr_support import aws_cli, clean_env


def create_repository(server, name):
    created = aws_cli(server, "ecr", "create-repository", "--repository-name", name)
    assert created.returncode == 0, created.stderr
    return json.loads(created.stdout)["repository"]["repositoryUri"]


def authorization(server):
    """(password, expiresAt) from `aws ecr get-authorization-token`."""
    result = aws_cli(server, "ecr", "get-authorization-token")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)["authorizationData"][0]
    user, _, password = base64.b64decode(data["authorizationToken"]).decode().partition(":")
    assert user == "AWS"
    return password, data["expiresAt"]


def epoch(timestamp):
    """expiresAt as the aws CLI prints it: epoch seconds (v1) or ISO 8601 (v2)."""
    if isinstance(timestamp, (int, float)):
        return float(timestamp)
    return datetime.datetime.fromisoformat(timestamp).timestamp()


def login(engine, server, host, config):
    """`aws ecr get-login-password | docker login --username AWS --password-stdin HOST`."""
    secret = aws_cli(server, "ecr", "get-login-password", env=clean_env(server))
    assert secret.returncode == 0, secret.stderr
    result = engine.run("login", "--username", "AWS", "--password-stdin", host, config=config, stdin=secret.stdout)
    if result.returncode != 0 and ("no such host" in result.stderr or "lookup" in result.stderr):
        pytest.fail(f"the engine cannot resolve {ECR_NAME}; start it with a hosts file mapping it to 127.0.0.1 "
                    f"(scripts/dockerd.sh start DIR HOSTS_FILE): {result.stderr}")
    return result


@pytest.fixture
def images(docker_engine):  # noqa: F811
    """References a test tags; removed from the engine afterwards."""
    made = []
    yield made
    if made:
        docker_engine.run("rmi", "--force", *made)


def test_docker_pushes_and_pulls_an_image_by_its_repository_uri(docker_engine, server, images, tmp_path):  # noqa: F811
    config = str(tmp_path / "docker")
    name = unique("tier3/hello")
    uri = create_repository(server, name)
    host = uri.split("/")[0]
    assert host == f"{ECR_NAME}:{server.port}"

    local = f"{unique('ebauth-tier3')}:built"
    image_id = docker_engine.import_image(local, seed=name)
    images += [local, f"{uri}:v1"]
    logged_in = login(docker_engine, server, host, config)
    assert logged_in.returncode == 0, logged_in.stderr
    assert "Login Succeeded" in logged_in.stdout

    docker_engine.check("tag", local, f"{uri}:v1")
    pushed = docker_engine.check("push", f"{uri}:v1", config=config)
    digest = re.search(r"v1: digest: (sha256:[0-9a-f]{64})", pushed).group(1)
    described = aws_cli(server, "ecr", "describe-images", "--repository-name", name)
    assert described.returncode == 0, described.stderr
    detail = json.loads(described.stdout)["imageDetails"][0]
    assert (detail["imageDigest"], detail["imageTags"]) == (digest, ["v1"])

    docker_engine.check("rmi", local, f"{uri}:v1")
    assert not docker_engine.has_image(image_id)
    pulled = docker_engine.check("pull", f"{uri}:v1", config=config)
    assert f"Digest: {digest}" in pulled
    assert docker_engine.image_id(f"{uri}:v1") == image_id
    repo_digests = json.loads(docker_engine.check("image", "inspect", "--format", "{{json .RepoDigests}}", f"{uri}:v1"))
    assert repo_digests == [f"{uri}@{digest}"]

    # Logged out, docker has no credentials for the registry's Basic challenge.
    logged_out = docker_engine.run("logout", host, config=config)
    assert logged_out.returncode == 0, logged_out.stderr
    anonymous = docker_engine.run("pull", f"{uri}:v1", config=config)
    assert anonymous.returncode != 0
    # docker's own line; `http://` shows it spoke plain HTTP to the loopback name.
    repository_path = uri.split("/", 1)[1]
    assert (f'Head "http://{host}/v2/{repository_path}/manifests/v1": no basic auth credentials'
            in anonymous.stderr), anonymous.stderr


def test_docker_pull_with_an_expired_token_reads_as_ecr_says(docker_engine, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setenv("EBAUTH_ECR_TOKEN_LIFETIME_SECONDS", "10")
    server = Server()
    try:
        config = str(tmp_path / "docker")
        name = unique("tier3/expiring")
        uri = create_repository(server, name)
        host = uri.split("/")[0]
        password, expires_at = authorization(server)
        logged_in = docker_engine.run("login", "--username", "AWS", "--password-stdin", host, config=config,
                                      stdin=password)
        assert logged_in.returncode == 0, logged_in.stderr

        # The token is only checked, never timed: wait until ECR's own expiresAt has passed.
        while time.time() <= epoch(expires_at) + 1:
            time.sleep(0.5)
        expired = docker_engine.run("pull", f"{uri}:v1", config=config)
        assert expired.returncode != 0
        # docker wraps ECR's 403 DENIED in its own "pull access denied" sentence.
        assert (f"pull access denied for {uri}, repository does not exist or may require 'docker login': "
                "denied: Your authorization token has expired. Reauthenticate and try again.") in expired.stderr, \
            expired.stderr
    finally:
        server.terminate()
