"""Tier 2: ECR end to end with real clients — the aws CLI, `docker login` (the CLI logs in
without an engine), `docker manifest inspect` (docker's own registry client), skopeo and boto3.

The registry is addressed as 127.0.0.1:PORT: `*.localhost` and real ECR names do not resolve for
Go programs here, and ebauth takes account and region from the token when the host names none.
"""
import base64
import hashlib
import json
import os
import subprocess

import pytest
import requests

from conftest import Server, require_tool
from ecr_support import Skopeo, aws_cli, clean_env, docker_login, layout_digest, make_oci_layout, password


@pytest.fixture
def ecr():
    server = Server()
    yield server
    server.terminate()


def registry(server):
    return f"127.0.0.1:{server.port}"


def test_create_repository_with_the_cli_names_a_registry_that_reaches_this_server(ecr):
    result = aws_cli(ecr, "ecr", "create-repository", "--repository-name", "web/app",
                     "--image-scanning-configuration", "scanOnPush=true")
    assert result.returncode == 0, result.stderr
    repository = json.loads(result.stdout)["repository"]
    assert repository["repositoryArn"] == "arn:aws:ecr:us-east-1:000000000000:repository/web/app"
    assert repository["repositoryUri"] == f"000000000000.dkr.ecr.us-east-1.amazonaws.com:{ecr.port}/web/app"
    assert repository["imageTagMutability"] == "MUTABLE"
    assert repository["imageScanningConfiguration"] == {"scanOnPush": True}
    assert repository["encryptionConfiguration"] == {"encryptionType": "AES256"}
    again = aws_cli(ecr, "ecr", "create-repository", "--repository-name", "web/app")
    assert again.returncode != 0
    assert ("An error occurred (RepositoryAlreadyExistsException) when calling the CreateRepository operation: The "
            "repository with name 'web/app' already exists in the registry with id '000000000000'") in again.stderr
    bad = aws_cli(ecr, "ecr", "create-repository", "--repository-name", "Web_App")
    assert "(InvalidParameterException)" in bad.stderr
    assert "Invalid parameter at 'repositoryName' failed to satisfy constraint" in bad.stderr


def test_get_login_password_logs_docker_in(ecr, tmp_path):
    token = json.loads(aws_cli(ecr, "ecr", "get-authorization-token").stdout)["authorizationData"][0]
    assert token["proxyEndpoint"] == f"https://000000000000.dkr.ecr.us-east-1.amazonaws.com:{ecr.port}"
    secret = password(ecr)
    # Real ECR's password shape: base64 of a JSON blob with an expiration (EB-SPEC §B.2).
    blob = json.loads(base64.b64decode(secret))
    assert blob["version"] == "2" and blob["type"] == "DATA_KEY" and isinstance(blob["expiration"], int)
    docker_config = str(tmp_path / "docker")
    login = docker_login(registry(ecr), secret, docker_config)
    assert login.returncode == 0, login.stderr
    assert "Login Succeeded" in login.stdout
    with open(os.path.join(docker_config, "config.json")) as f:
        auth = json.load(f)["auths"][registry(ecr)]["auth"]
    assert base64.b64decode(auth).decode() == f"AWS:{secret}"
    assert secret not in ecr.stderr()


def test_skopeo_round_trip_through_the_docker_login_keeps_the_digest(ecr, tmp_path):
    assert aws_cli(ecr, "ecr", "create-repository", "--repository-name", "web/app").returncode == 0
    docker_config = str(tmp_path / "docker")
    assert docker_login(registry(ecr), password(ecr), docker_config).returncode == 0
    skopeo = Skopeo(str(tmp_path), authfile=os.path.join(docker_config, "config.json"))
    source, copy = str(tmp_path / "source"), str(tmp_path / "copy")
    digest = make_oci_layout(source, "ecr-round-trip", layers=3)
    pushed = skopeo.push(source, f"{registry(ecr)}/web/app:v1")
    assert pushed.returncode == 0, pushed.stderr
    pulled = skopeo.pull(f"{registry(ecr)}/web/app:v1", copy)
    assert pulled.returncode == 0, pulled.stderr
    assert layout_digest(copy) == digest
    # Layer GETs were answered with redirects to signed layer URLs, as ECR sends them to S3.
    assert "GET ecr-layers - 200" in ecr.stderr()

    # The API sees what the registry stored.
    client = ecr.client("ecr")
    detail = client.describe_images(repositoryName="web/app")["imageDetails"][0]
    assert detail["imageDigest"] == digest and detail["imageTags"] == ["v1"]
    assert detail["imageManifestMediaType"] == "application/vnd.oci.image.manifest.v1+json"
    with open(os.path.join(source, "blobs", "sha256", digest.split(":")[1]), "rb") as f:
        manifest_bytes = f.read()
    manifest = json.loads(manifest_bytes)
    assert detail["imageSizeInBytes"] == sum(layer["size"] for layer in manifest["layers"])
    image = client.batch_get_image(repositoryName="web/app", imageIds=[{"imageTag": "v1"}])["images"][0]
    assert image["imageManifest"].encode() == manifest_bytes
    assert image["imageId"] == {"imageDigest": digest, "imageTag": "v1"}


def test_docker_reads_the_registry_with_its_own_client(ecr, tmp_path):
    assert aws_cli(ecr, "ecr", "create-repository", "--repository-name", "web/app").returncode == 0
    secret = password(ecr)
    source = str(tmp_path / "source")
    digest = make_oci_layout(source, "docker-client")
    assert Skopeo(str(tmp_path)).push(source, f"{registry(ecr)}/web/app:v1", creds=f"AWS:{secret}").returncode == 0
    docker = require_tool("docker")
    logged_in, anonymous = str(tmp_path / "docker"), str(tmp_path / "nobody")
    os.makedirs(anonymous)
    assert docker_login(registry(ecr), secret, logged_in).returncode == 0

    def inspect(reference, config):
        return subprocess.run([docker, "manifest", "inspect", "--insecure", reference], capture_output=True, text=True,
                              env=dict(os.environ, DOCKER_CONFIG=config), timeout=60)

    found = inspect(f"{registry(ecr)}/web/app:v1", logged_in)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["mediaType"] == "application/vnd.oci.image.manifest.v1+json"
    assert hashlib.sha256(open(os.path.join(source, "blobs", "sha256", digest[7:]), "rb").read()).hexdigest() == digest[7:]
    # docker's own text for a registry that wants Basic credentials it does not have.
    unauthenticated = inspect(f"{registry(ecr)}/web/app:v1", anonymous)
    assert unauthenticated.returncode != 0
    assert (f'Get "http://{registry(ecr)}/v2/web/app/manifests/v1": no basic auth credentials'
            in unauthenticated.stderr)
    assert "no such manifest" in inspect(f"{registry(ecr)}/web/app:nope", logged_in).stderr


def test_an_image_pushed_through_the_api_pulls_with_skopeo(ecr, tmp_path):
    client = ecr.client("ecr")
    client.create_repository(repositoryName="api/pushed")
    source, copy = str(tmp_path / "source"), str(tmp_path / "copy")
    digest = make_oci_layout(source, "api-push", layers=2)
    with open(os.path.join(source, "blobs", "sha256", digest[7:])) as f:
        manifest_text = f.read()
    manifest = json.loads(manifest_text)
    for descriptor in manifest["layers"] + [manifest["config"]]:
        with open(os.path.join(source, "blobs", "sha256", descriptor["digest"][7:]), "rb") as f:
            data = f.read()
        upload = client.initiate_layer_upload(repositoryName="api/pushed")
        middle = len(data) // 2
        for first, part in ((0, data[:middle]), (middle, data[middle:])):
            reply = client.upload_layer_part(repositoryName="api/pushed", uploadId=upload["uploadId"],
                                             partFirstByte=first, partLastByte=first + len(part) - 1,
                                             layerPartBlob=part)
            assert reply["lastByteReceived"] == first + len(part) - 1
        done = client.complete_layer_upload(repositoryName="api/pushed", uploadId=upload["uploadId"],
                                            layerDigests=[descriptor["digest"]])
        assert done["layerDigest"] == descriptor["digest"]
    checked = client.batch_check_layer_availability(repositoryName="api/pushed",
                                                    layerDigests=[manifest["layers"][0]["digest"], "sha256:" + "0" * 64])
    assert [layer["layerAvailability"] for layer in checked["layers"]] == ["AVAILABLE", "UNAVAILABLE"]
    put = client.put_image(repositoryName="api/pushed", imageManifest=manifest_text, imageTag="v1")
    assert put["image"]["imageId"] == {"imageDigest": digest, "imageTag": "v1"}
    with pytest.raises(client.exceptions.ImageAlreadyExistsException) as again:
        client.put_image(repositoryName="api/pushed", imageManifest=manifest_text, imageTag="v1")
    assert again.value.response["Error"]["Message"] == (
        f"Image with digest '{digest}' and tag 'v1' already exists in the repository with name 'api/pushed' in "
        "registry with id '000000000000'")

    pulled = Skopeo(str(tmp_path)).pull(f"{registry(ecr)}/api/pushed:v1", copy, creds=f"AWS:{password(ecr)}")
    assert pulled.returncode == 0, pulled.stderr
    assert layout_digest(copy) == digest

    # GetDownloadUrlForLayer hands out a URL that serves the layer without credentials.
    layer = manifest["layers"][0]["digest"]
    url = client.get_download_url_for_layer(repositoryName="api/pushed", layerDigest=layer)["downloadUrl"]
    body = requests.get(url).content
    assert "sha256:" + hashlib.sha256(body).hexdigest() == layer
    tampered = requests.get(url.replace("X-Ebauth-Expires=", "X-Ebauth-Expires=1"))
    assert tampered.status_code == 403 and "<Code>SignatureDoesNotMatch</Code>" in tampered.text


def test_an_immutable_tag_refuses_a_second_push(ecr, tmp_path):
    client = ecr.client("ecr")
    client.create_repository(repositoryName="web/app", imageTagMutability="IMMUTABLE")
    creds = f"AWS:{password(ecr)}"
    skopeo = Skopeo(str(tmp_path))
    first, second = str(tmp_path / "first"), str(tmp_path / "second")
    make_oci_layout(first, "immutable-one")
    make_oci_layout(second, "immutable-two")
    assert skopeo.push(first, f"{registry(ecr)}/web/app:v1", creds=creds).returncode == 0
    refused = skopeo.push(second, f"{registry(ecr)}/web/app:v1", creds=creds)
    assert refused.returncode != 0
    assert ("tag invalid: The image tag 'v1' already exists in the 'web/app' repository and cannot be overwritten "
            "because the repository is immutable.") in refused.stderr
    # The same image again is no change, so it is allowed.
    assert skopeo.push(first, f"{registry(ecr)}/web/app:v1", creds=creds).returncode == 0
    assert [i.get("imageTag") for i in client.list_images(repositoryName="web/app")["imageIds"]] == ["v1"]
