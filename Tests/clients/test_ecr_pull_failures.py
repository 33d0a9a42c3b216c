"""Tier 2: every way an ECR pull fails, as skopeo and raw HTTP clients see it — no credentials,
a missing tag or repository, an expired token, a token of another region, a role without
ecr:BatchGetImage (instance-profile credentials under --enforce-iam) and a cross-account pull
without, then with, a repository policy."""
import base64
import json
import time

import pytest
import requests

from conftest import Server
from ecr_support import Skopeo, aws_cli, clean_env, make_oci_layout, password
from iam_support import clean_environment, instance_role, register_instance

READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"


def push_image(server, tmp_path, repository="web/app", key="test", registry_ids=()):
    """Creates `repository` (as `key`'s account) and pushes a small image as v1."""
    client = server.client("ecr", key=key)
    client.create_repository(repositoryName=repository)
    source = str(tmp_path / f"source-{repository.replace('/', '-')}")
    make_oci_layout(source, repository)
    env = clean_env(server, key=key)
    secret = password(server, env=env, registry_ids=registry_ids)
    pushed = Skopeo(str(tmp_path)).push(source, f"127.0.0.1:{server.port}/{repository}:v1", creds=f"AWS:{secret}")
    assert pushed.returncode == 0, pushed.stderr


@pytest.fixture
def ecr(tmp_path):
    server = Server()
    push_image(server, tmp_path)
    yield server
    server.terminate()


def test_no_credentials(ecr, tmp_path):
    result = Skopeo(str(tmp_path)).inspect(f"127.0.0.1:{ecr.port}/web/app:v1")
    assert result.returncode != 0
    assert "reading manifest v1 in 127.0.0.1:" in result.stderr
    assert "unauthorized: authentication required" in result.stderr
    ping = requests.get(f"{ecr.endpoint}/v2/", headers={"Host": "123456789012.dkr.ecr.eu-west-1.amazonaws.com"})
    assert ping.status_code == 401
    assert ping.headers["WWW-Authenticate"] == (
        'Basic realm="https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/",service="ecr.amazonaws.com"')
    assert ping.headers["Docker-Distribution-API-Version"] == "registry/2.0"
    assert ping.text == "Not Authorized"


def test_missing_tag_and_missing_repository(ecr, tmp_path):
    creds = f"AWS:{password(ecr)}"
    skopeo = Skopeo(str(tmp_path))
    tag = skopeo.inspect(f"127.0.0.1:{ecr.port}/web/app:nope", creds=creds)
    assert "reading manifest nope in" in tag.stderr
    assert "manifest unknown: Requested image not found" in tag.stderr
    repository = skopeo.inspect(f"127.0.0.1:{ecr.port}/web/nope:v1", creds=creds)
    assert ("name unknown: The repository with name 'web/nope' does not exist in the registry with id "
            "'000000000000'") in repository.stderr


def test_an_expired_token_is_denied(tmp_path, monkeypatch):
    # A development-only knob shortens the 12-hour token life, so the test waits seconds.
    monkeypatch.setenv("EBAUTH_ECR_TOKEN_LIFETIME_SECONDS", "2")
    server = Server()
    try:
        push_image(server, tmp_path)
        creds = f"AWS:{password(server)}"
        skopeo = Skopeo(str(tmp_path))
        assert skopeo.inspect(f"127.0.0.1:{server.port}/web/app:v1", creds=creds).returncode == 0
        time.sleep(2.5)
        expired = skopeo.inspect(f"127.0.0.1:{server.port}/web/app:v1", creds=creds)
        assert expired.returncode != 0
        assert "denied: Your authorization token has expired. Reauthenticate and try again." in expired.stderr
    finally:
        server.terminate()


def test_a_token_from_another_region_is_refused_at_login(ecr):
    secret = password(ecr, region="eu-west-1")
    auth = {"Authorization": "Basic " + base64.b64encode(f"AWS:{secret}".encode()).decode()}
    other = requests.get(f"{ecr.endpoint}/v2/", headers={**auth, "Host": "000000000000.dkr.ecr.us-east-1.amazonaws.com"})
    assert other.status_code == 400  # docker: "login attempt to … failed with status: 400 Bad Request"
    assert other.json()["errors"][0]["code"] == "DENIED"
    own = requests.get(f"{ecr.endpoint}/v2/", headers={**auth, "Host": "000000000000.dkr.ecr.eu-west-1.amazonaws.com"})
    assert own.status_code == 200
    garbage = requests.get(f"{ecr.endpoint}/v2/", auth=("AWS", "not-a-token"),
                           headers={"Host": "000000000000.dkr.ecr.us-east-1.amazonaws.com"})
    assert garbage.status_code == 400


def instance_password(server, role, instance, registry_ids=()):
    """The role's token, fetched by the aws CLI with credentials from the instance metadata service."""
    endpoint = register_instance(server, instance, role)
    env = clean_environment(server, endpoint)
    return password(server, env=env, registry_ids=registry_ids)


def test_a_role_without_batch_get_image_cannot_pull(tmp_path):
    server = Server("--enforce-iam")
    try:
        push_image(server, tmp_path)
        instance_role(server, "puller", managed=[READ_ONLY])
        instance_role(server, "lister", inline={"ecr-no-pull": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
                "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                "ecr:DescribeRepositories", "ecr:ListImages"]}]}})
        skopeo = Skopeo(str(tmp_path))
        reference = f"127.0.0.1:{server.port}/web/app:v1"

        allowed = instance_password(server, "puller", "i-0000000000000pull")
        assert skopeo.pull(reference, str(tmp_path / "pulled"), creds=f"AWS:{allowed}").returncode == 0

        refused = instance_password(server, "lister", "i-00000000000000list")
        denied = skopeo.inspect(reference, creds=f"AWS:{refused}")
        assert denied.returncode != 0
        assert ("denied: User: arn:aws:sts::000000000000:assumed-role/lister/i-00000000000000list is not authorized "
                "to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:000000000000:repository/web/app "
                "because no identity-based policy allows the ecr:BatchGetImage action") in denied.stderr
        # Its tags are still readable: tags/list asks ecr:ListImages, which the role has.
        tags = skopeo.run("list-tags", "--tls-verify=false", "--creds", f"AWS:{refused}", f"docker://{reference[:-3]}")
        assert tags.returncode == 0, tags.stderr
        assert json.loads(tags.stdout)["Tags"] == ["v1"]
    finally:
        server.terminate()


def test_cross_account_pulls_need_the_repository_policy(tmp_path):
    server = Server("--enforce-iam")
    try:
        # Account 111111111111 (its root key is the account id) owns the repository.
        push_image(server, tmp_path, repository="shared/app", key="111111111111")
        instance_role(server, "puller", managed=[READ_ONLY])
        # The token for the other registry (aws ecr get-login --registry-ids), so the bare
        # 127.0.0.1 host means that registry.
        secret = instance_password(server, "puller", "i-0000000000000pull", registry_ids=["111111111111"])
        skopeo = Skopeo(str(tmp_path))
        reference = f"127.0.0.1:{server.port}/shared/app:v1"
        denied = skopeo.inspect(reference, creds=f"AWS:{secret}")
        assert ("denied: User: arn:aws:sts::000000000000:assumed-role/puller/i-0000000000000pull is not authorized to "
                "perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:111111111111:repository/shared/app "
                "because no resource-based policy allows the ecr:BatchGetImage action") in denied.stderr
        policy = {"Version": "2012-10-17", "Statement": [{
            "Sid": "AllowPull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"},
            "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]}]}
        server.client("ecr", key="111111111111").set_repository_policy(
            repositoryName="shared/app", policyText=json.dumps(policy))
        pulled = skopeo.pull(reference, str(tmp_path / "pulled"), creds=f"AWS:{secret}")
        assert pulled.returncode == 0, pulled.stderr
    finally:
        server.terminate()
