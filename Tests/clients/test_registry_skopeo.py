"""Tier 2: skopeo against the registry data plane and the emulated third-party registries.

Registries are seeded through the admin API (POST /_ebauth/registries). skopeo cannot resolve
`*.localhost` names here, so each registry claims a bare host as an alias: the htpasswd
registry answers `127.0.0.1:PORT`, the Bearer (Docker Hub style) one `localhost:PORT`.
Images go in and out as OCI layouts built here with Python's own tarfile and gzip, so the
registry is checked against bytes it did not make.
"""
import gzip
import hashlib
import io
import json
import os
import subprocess
import tarfile
import urllib.request

import pytest

from conftest import Server, require_tool


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def make_oci_layout(path, seed, tag="v1", layers=2):
    """Writes an OCI image layout with `layers` gzip tar layers; returns the manifest digest."""
    blobs = os.path.join(path, "blobs", "sha256")
    os.makedirs(blobs)

    def put(data):
        digest = sha256(data)
        with open(os.path.join(blobs, digest.split(":")[1]), "wb") as f:
            f.write(data)
        return {"digest": digest, "size": len(data)}

    layer_descriptors, diff_ids = [], []
    for index in range(layers):
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            content = f"{seed} layer {index}\n".encode()
            info = tarfile.TarInfo(f"data/{seed}-{index}.txt")
            info.size = len(content)
            info.mtime = 1_767_225_600
            tar.addfile(info, io.BytesIO(content))
        diff_ids.append(sha256(raw.getvalue()))
        compressed = gzip.compress(raw.getvalue(), mtime=0)
        layer_descriptors.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", **put(compressed)})
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/true"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }).encode()
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **put(config)},
        "layers": layer_descriptors,
    }).encode()
    descriptor = put(manifest)
    with open(os.path.join(path, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(path, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json", **descriptor,
            "annotations": {"org.opencontainers.image.ref.name": tag}}]}, f)
    return descriptor["digest"]


def layout_digest(path):
    with open(os.path.join(path, "index.json")) as f:
        return json.load(f)["manifests"][0]["digest"]


class Skopeo:
    """Runs skopeo with its own policy and an empty auth file, so nothing on the machine leaks in."""

    def __init__(self, workdir):
        self.binary = require_tool("skopeo")
        self.policy = os.path.join(workdir, "policy.json")
        with open(self.policy, "w") as f:
            json.dump({"default": [{"type": "insecureAcceptAnything"}]}, f)
        self.env = dict(os.environ, REGISTRY_AUTH_FILE=os.path.join(workdir, "auth.json"))
        with open(self.env["REGISTRY_AUTH_FILE"], "w") as f:
            f.write("{}")

    def run(self, *args):
        return subprocess.run(
            [self.binary, "--policy", self.policy, *args],
            capture_output=True, text=True, env=self.env, timeout=120)

    def push(self, layout, reference, creds=None):
        args = ["copy", "--dest-tls-verify=false"]
        if creds:
            args += ["--dest-creds", creds]
        return self.run(*args, f"oci:{layout}:v1", f"docker://{reference}")

    def pull(self, reference, layout, creds=None):
        args = ["copy", "--src-tls-verify=false"]
        if creds:
            args += ["--src-creds", creds]
        return self.run(*args, f"docker://{reference}", f"oci:{layout}:v1")


def seed(server, registry):
    request = urllib.request.Request(
        f"{server.endpoint}/_ebauth/registries", data=json.dumps(registry).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        return json.load(response)


@pytest.fixture
def registries(tmp_path):
    require_tool("skopeo")
    server = Server()
    seed(server, {
        "host": "registry.example.com", "aliases": ["127.0.0.1"], "auth": "basic",
        "users": [{"user": "johndoe", "password": "s3cret"}],
        "images": [{"repository": "johndoe/seeded", "tag": "latest", "layers": 3}],
    })
    seed(server, {
        "host": "docker.io", "aliases": ["localhost"], "auth": "bearer",
        "users": [{"user": "johndoe", "password": "s3cret", "push": ["johndoe/*"]}],
        "anonymousPull": ["library/*"],
        "images": [{"repository": "nginx", "tag": "stable", "format": "oci"}],
    })
    yield server
    server.terminate()


@pytest.fixture
def skopeo(tmp_path):
    return Skopeo(str(tmp_path))


def test_htpasswd_registry_round_trip_keeps_the_digest(registries, skopeo, tmp_path):
    source, copy = str(tmp_path / "source"), str(tmp_path / "copy")
    digest = make_oci_layout(source, "htpasswd")
    reference = f"127.0.0.1:{registries.port}/johndoe/app:v1"
    pushed = skopeo.push(source, reference, creds="johndoe:s3cret")
    assert pushed.returncode == 0, pushed.stderr
    pulled = skopeo.pull(reference, copy, creds="johndoe:s3cret")
    assert pulled.returncode == 0, pulled.stderr
    assert layout_digest(copy) == digest
    inspected = skopeo.run("inspect", "--tls-verify=false", "--creds", "johndoe:s3cret", f"docker://{reference}")
    assert inspected.returncode == 0, inspected.stderr
    assert json.loads(inspected.stdout)["Digest"] == digest


def test_htpasswd_registry_refuses_a_wrong_password(registries, skopeo, tmp_path):
    source = str(tmp_path / "source")
    make_oci_layout(source, "wrong")
    result = skopeo.push(source, f"127.0.0.1:{registries.port}/johndoe/app:v1", creds="johndoe:wrong")
    assert result.returncode != 0
    assert "unauthorized: authentication required" in result.stderr
    result = skopeo.pull(f"127.0.0.1:{registries.port}/johndoe/seeded:latest", str(tmp_path / "out"), creds="johndoe:wrong")
    assert result.returncode != 0
    assert "unauthorized: authentication required" in result.stderr


def test_htpasswd_registry_refuses_missing_credentials(registries, skopeo, tmp_path):
    result = skopeo.pull(f"127.0.0.1:{registries.port}/johndoe/seeded:latest", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "unauthorized: authentication required" in result.stderr


def test_seeded_image_is_a_valid_image_to_skopeo_and_python(registries, skopeo, tmp_path):
    """The in-process test image (stored-deflate gzip, hand-written tar) reads as a real image."""
    out = str(tmp_path / "out")
    result = skopeo.pull(f"127.0.0.1:{registries.port}/johndoe/seeded:latest", out, creds="johndoe:s3cret")
    assert result.returncode == 0, result.stderr
    with open(os.path.join(out, "blobs", *layout_digest(out).split(":"))) as f:
        manifest = json.load(f)
    with open(os.path.join(out, "blobs", *manifest["config"]["digest"].split(":")), "rb") as f:
        config = json.load(f)
    assert len(manifest["layers"]) == 3
    for layer, diff_id in zip(manifest["layers"], config["rootfs"]["diff_ids"]):
        with open(os.path.join(out, "blobs", *layer["digest"].split(":")), "rb") as f:
            raw = gzip.decompress(f.read())
        assert sha256(raw) == diff_id
        names = tarfile.open(fileobj=io.BytesIO(raw)).getnames()
        assert any(name.startswith("ebauth/layer") for name in names)


def test_bearer_registry_round_trip_keeps_the_digest(registries, skopeo, tmp_path):
    source, copy = str(tmp_path / "source"), str(tmp_path / "copy")
    digest = make_oci_layout(source, "bearer", layers=3)
    reference = f"localhost:{registries.port}/johndoe/app:v1"
    pushed = skopeo.push(source, reference, creds="johndoe:s3cret")
    assert pushed.returncode == 0, pushed.stderr
    pulled = skopeo.pull(reference, copy, creds="johndoe:s3cret")
    assert pulled.returncode == 0, pulled.stderr
    assert layout_digest(copy) == digest
    # A second repository of the same user: skopeo mounts the layers across repositories.
    again = skopeo.run("--debug", "copy", "--dest-tls-verify=false", "--dest-creds", "johndoe:s3cret",
                       f"oci:{source}:v1", f"docker://localhost:{registries.port}/johndoe/other:v1")
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("mount OK") == 3  # the three layers
    mounted = skopeo.pull(f"localhost:{registries.port}/johndoe/other:v1", str(tmp_path / "mounted"), creds="johndoe:s3cret")
    assert mounted.returncode == 0, mounted.stderr
    assert layout_digest(str(tmp_path / "mounted")) == digest


def test_bearer_registry_refuses_a_wrong_password(registries, skopeo, tmp_path):
    source = str(tmp_path / "source")
    make_oci_layout(source, "wrong")
    result = skopeo.push(source, f"localhost:{registries.port}/johndoe/app:v1", creds="johndoe:wrong")
    assert result.returncode != 0
    assert "invalid username/password: unauthorized: incorrect username or password" in result.stderr


def test_bearer_registry_denies_pushes_outside_the_users_scope(registries, skopeo, tmp_path):
    source = str(tmp_path / "source")
    make_oci_layout(source, "scope")
    result = skopeo.push(source, f"localhost:{registries.port}/jane/app:v1", creds="johndoe:s3cret")
    assert result.returncode != 0
    assert "denied: requested access to the resource is denied" in result.stderr


def test_bearer_registry_serves_public_images_anonymously_and_private_ones_not(registries, skopeo, tmp_path):
    public = skopeo.pull(f"localhost:{registries.port}/library/nginx:stable", str(tmp_path / "public"))
    assert public.returncode == 0, public.stderr
    source = str(tmp_path / "source")
    make_oci_layout(source, "private")
    assert skopeo.push(source, f"localhost:{registries.port}/johndoe/private:v1", creds="johndoe:s3cret").returncode == 0
    private = skopeo.pull(f"localhost:{registries.port}/johndoe/private:v1", str(tmp_path / "private"))
    assert private.returncode != 0
    assert "requested access to the resource is denied" in private.stderr


def test_missing_tag_and_repository_read_as_registry_2_reports_them(registries, skopeo):
    tag = skopeo.run("inspect", "--tls-verify=false", "--creds", "johndoe:s3cret",
                     f"docker://127.0.0.1:{registries.port}/johndoe/seeded:nope")
    assert tag.returncode != 0
    assert "manifest unknown" in tag.stderr
    tags = skopeo.run("list-tags", "--tls-verify=false", "--creds", "johndoe:s3cret",
                      f"docker://127.0.0.1:{registries.port}/johndoe/absent")
    assert tags.returncode != 0
    # skopeo prints the status only; the body (NAME_UNKNOWN) is checked by the Swift tests.
    assert "invalid status code from registry 404 (Not Found)" in tags.stderr
