"""Helpers for the ECR client tests: logins, skopeo with a given auth file, and the
environment of an emulated EC2 instance."""
import base64
import json
import os
import subprocess
import tempfile

from conftest import require_tool
from test_registry_skopeo import layout_digest, make_oci_layout  # noqa: F401  (re-exported)


def aws_cli(server, *args, env=None, key="test", secret="test", region="us-east-1", stdin=None):
    """Runs the aws CLI against `server`; returns the CompletedProcess."""
    require_tool("aws")
    environment = env if env is not None else clean_env(server, key=key, secret=secret, region=region)
    return subprocess.run(["aws", *args], capture_output=True, text=True, env=environment, input=stdin, timeout=120)


def clean_env(server, key="test", secret="test", region="us-east-1"):
    """Static keys only: no config files, no instance metadata, no docker or skopeo auth."""
    empty = tempfile.mkdtemp(prefix="ebauth-ecr-env-")
    env = {name: value for name, value in os.environ.items() if name.startswith("PYENV") or name in ("PATH", "HOME", "LANG")}
    env.update({
        "AWS_ENDPOINT_URL": server.endpoint, "AWS_DEFAULT_REGION": region, "AWS_ACCESS_KEY_ID": key,
        "AWS_SECRET_ACCESS_KEY": secret, "AWS_CONFIG_FILE": os.path.join(empty, "config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(empty, "credentials"), "AWS_EC2_METADATA_DISABLED": "true",
        "DOCKER_CONFIG": os.path.join(empty, "docker"), "REGISTRY_AUTH_FILE": os.path.join(empty, "auth.json"),
    })
    os.makedirs(env["DOCKER_CONFIG"])
    with open(env["REGISTRY_AUTH_FILE"], "w") as f:
        f.write("{}")
    return env


def password(server, env=None, region="us-east-1", registry_ids=()):
    """`aws ecr get-login-password` (with --registry-ids through get-authorization-token)."""
    if registry_ids:
        result = aws_cli(server, "ecr", "get-authorization-token", "--registry-ids", *registry_ids, "--region", region,
                         env=env)
        assert result.returncode == 0, result.stderr
        token = json.loads(result.stdout)["authorizationData"][0]["authorizationToken"]
        user, _, secret = base64.b64decode(token).decode().partition(":")
        assert user == "AWS"
        return secret
    result = aws_cli(server, "ecr", "get-login-password", "--region", region, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def docker_login(host, secret, docker_config):
    """`docker login --username AWS --password-stdin HOST` with its own DOCKER_CONFIG (the CLI logs
    in without an engine)."""
    docker = require_tool("docker")
    env = dict(os.environ, DOCKER_CONFIG=docker_config)
    return subprocess.run([docker, "login", "--username", "AWS", "--password-stdin", host], input=secret,
                          capture_output=True, text=True, env=env, timeout=60)


class Skopeo:
    """skopeo with its own policy, and an auth file that holds only what a test puts there."""

    def __init__(self, workdir, authfile=None):
        self.binary = require_tool("skopeo")
        self.policy = os.path.join(workdir, "policy.json")
        with open(self.policy, "w") as f:
            json.dump({"default": [{"type": "insecureAcceptAnything"}]}, f)
        self.authfile = authfile or os.path.join(workdir, "empty-auth.json")
        if authfile is None:
            with open(self.authfile, "w") as f:
                f.write("{}")
        self.env = {name: value for name, value in os.environ.items()
                    if name not in ("DOCKER_CONFIG", "REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR")}
        self.env["REGISTRY_AUTH_FILE"] = self.authfile
        self.env["HOME"] = workdir

    def run(self, *args):
        return subprocess.run([self.binary, "--policy", self.policy, *args], capture_output=True, text=True,
                              env=self.env, timeout=120)

    def push(self, layout, reference, creds=None):
        args = ["copy", "--dest-tls-verify=false", "--dest-authfile", self.authfile]
        if creds:
            args += ["--dest-creds", creds]
        return self.run(*args, f"oci:{layout}:v1", f"docker://{reference}")

    def pull(self, reference, layout, creds=None):
        args = ["copy", "--src-tls-verify=false", "--src-authfile", self.authfile]
        if creds:
            args += ["--src-creds", creds]
        return self.run(*args, f"docker://{reference}", f"oci:{layout}:v1")

    def inspect(self, reference, creds=None):
        args = ["inspect", "--tls-verify=false", "--authfile", self.authfile]
        if creds:
            args += ["--creds", creds]
        return self.run(*args, f"docker://{reference}")
