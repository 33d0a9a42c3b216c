"""Global condition keys read from the request itself (aws:SourceIp, aws:SecureTransport,
aws:UserAgent) decide calls to every service under --enforce-iam, not only IAM's own calls."""
import hashlib
import json

import pytest
import requests
from botocore.exceptions import ClientError


def user_keys(server, name, statements):
    """An IAM user with one inline policy; returns its access key id and secret."""
    iam = server.client("iam")
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="conditions", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": statements}))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def denial(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response


@pytest.fixture
def parameter(enforcing_server):
    enforcing_server.client("ssm").put_parameter(Name="/app/user", Value="johndoe", Type="String")
    return "/app/user"


def allow_get_parameter(condition):
    return [{"Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "*", "Condition": condition}]


def test_source_ip_allows_an_ssm_call_from_loopback(enforcing_server, parameter):
    key, secret = user_keys(enforcing_server, "local", allow_get_parameter(
        {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}))
    ssm = enforcing_server.client("ssm", key=key, secret=secret)
    assert ssm.get_parameter(Name=parameter)["Parameter"]["Value"] == "johndoe"


def test_source_ip_outside_the_allowed_range_is_denied_for_ssm(enforcing_server, parameter):
    key, secret = user_keys(enforcing_server, "vpn-only", allow_get_parameter(
        {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))
    response = denial(lambda: enforcing_server.client("ssm", key=key, secret=secret).get_parameter(Name=parameter))
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert response["Error"]["Message"] == (
        "User: arn:aws:iam::000000000000:user/vpn-only is not authorized to perform: ssm:GetParameter on resource: "
        "arn:aws:ssm:us-east-1:000000000000:parameter/app/user because no identity-based policy allows the "
        "ssm:GetParameter action")


def test_a_bucket_policy_on_source_ip_decides_s3(enforcing_server):
    admin = enforcing_server.client("s3")
    admin.create_bucket(Bucket="guarded")
    admin.put_object(Bucket="guarded", Key="dockercfg", Body=b"{}")
    key, secret = user_keys(enforcing_server, "reader", [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::guarded/*"}])
    reader = enforcing_server.client("s3", key=key, secret=secret)
    assert reader.get_object(Bucket="guarded", Key="dockercfg")["Body"].read() == b"{}"
    admin.put_bucket_policy(Bucket="guarded", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::guarded/*",
        "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}))
    response = denial(lambda: reader.get_object(Bucket="guarded", Key="dockercfg"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Message"] == (
        'User: arn:aws:iam::000000000000:user/reader is not authorized to perform: s3:GetObject on resource: '
        '"arn:aws:s3:::guarded/dockercfg" with an explicit deny in a resource-based policy')


def test_a_deny_unless_secure_transport_refuses_plain_http(enforcing_server, parameter):
    key, secret = user_keys(enforcing_server, "tls-only", [
        {"Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "*"},
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ])
    response = denial(lambda: enforcing_server.client("ssm", key=key, secret=secret).get_parameter(Name=parameter))
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert response["Error"]["Message"].endswith("with an explicit deny in an identity-based policy")


def test_a_user_agent_condition_tells_clients_apart(enforcing_server, parameter):
    key, secret = user_keys(enforcing_server, "no-scripts", [
        {"Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "*"},
        {"Effect": "Deny", "Action": "ssm:*", "Resource": "*",
         "Condition": {"StringLike": {"aws:UserAgent": "*blocked-tool/1.0*"}}},
    ])
    allowed = enforcing_server.client("ssm", key=key, secret=secret)
    assert allowed.get_parameter(Name=parameter)["Parameter"]["Value"] == "johndoe"
    blocked = enforcing_server.client("ssm", key=key, secret=secret, user_agent_extra="blocked-tool/1.0")
    response = denial(lambda: blocked.get_parameter(Name=parameter))
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert response["Error"]["Message"].endswith("with an explicit deny in an identity-based policy")


def test_source_ip_outside_the_allowed_range_is_denied_for_ecr(enforcing_server):
    enforcing_server.client("ecr").create_repository(repositoryName="guarded")
    key, secret = user_keys(enforcing_server, "ecr-vpn-only", [
        {"Effect": "Allow", "Action": "ecr:DescribeRepositories", "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}])
    ecr = enforcing_server.client("ecr", key=key, secret=secret)
    response = denial(lambda: ecr.describe_repositories(repositoryNames=["guarded"]))
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert response["Error"]["Message"] == (
        "User: arn:aws:iam::000000000000:user/ecr-vpn-only is not authorized to perform: ecr:DescribeRepositories "
        "on resource: arn:aws:ecr:us-east-1:000000000000:repository/guarded because no identity-based policy "
        "allows the ecr:DescribeRepositories action")
    enforcing_server.client("iam").put_user_policy(
        UserName="ecr-vpn-only", PolicyName="conditions", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "ecr:DescribeRepositories", "Resource": "*",
                "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}}]}))
    names = [r["repositoryName"] for r in ecr.describe_repositories(repositoryNames=["guarded"])["repositories"]]
    assert names == ["guarded"]


def registry_auth(ecr):
    """The Basic header `docker login` makes of the caller's ECR token."""
    token = ecr.get_authorization_token()["authorizationData"][0]["authorizationToken"]
    return {"Authorization": "Basic " + token}


def push_manifest(server, repository):
    """Pushes a one-layer image as v1 with single-POST blob uploads; returns the manifest and the layer's digest."""
    auth = registry_auth(server.client("ecr"))
    digests = []
    for blob in (b'{"architecture":"amd64","os":"linux"}', b"layer bytes"):
        digest = "sha256:" + hashlib.sha256(blob).hexdigest()
        pushed = requests.post(f"{server.endpoint}/v2/{repository}/blobs/uploads/?digest={digest}", data=blob,
                               headers=auth)
        assert pushed.status_code == 201, pushed.text
        digests.append((digest, len(blob)))
    (config, config_size), (layer, layer_size) = digests
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": config_size},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer, "size": layer_size}],
    }).encode()
    put = requests.put(f"{server.endpoint}/v2/{repository}/manifests/v1", data=manifest,
                       headers={**auth, "Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    assert put.status_code == 201, put.text
    return manifest, layer


def pull_from(cidr):
    return [
        {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
        {"Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": cidr}}},
    ]


def test_source_ip_decides_a_registry_pull_with_an_ecr_token(enforcing_server):
    enforcing_server.client("ecr").create_repository(repositoryName="guarded")
    manifest, layer = push_manifest(enforcing_server, "guarded")
    key, secret = user_keys(enforcing_server, "registry-local", pull_from("127.0.0.0/8"))
    auth = registry_auth(enforcing_server.client("ecr", key=key, secret=secret))
    accept = {"Accept": "application/vnd.oci.image.manifest.v1+json"}
    pulled = requests.get(f"{enforcing_server.endpoint}/v2/guarded/manifests/v1", headers={**auth, **accept})
    assert pulled.status_code == 200, pulled.text
    assert pulled.content == manifest
    blob = requests.get(f"{enforcing_server.endpoint}/v2/guarded/blobs/{layer}", headers=auth, allow_redirects=False)
    assert blob.status_code == 307, blob.text

    enforcing_server.client("iam").put_user_policy(
        UserName="registry-local", PolicyName="conditions", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": pull_from("10.0.0.0/8")}))
    refused = requests.get(f"{enforcing_server.endpoint}/v2/guarded/manifests/v1", headers={**auth, **accept})
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["code"] == "DENIED"
    assert refused.json()["errors"][0]["message"] == (
        "User: arn:aws:iam::000000000000:user/registry-local is not authorized to perform: ecr:BatchGetImage on "
        "resource: arn:aws:ecr:us-east-1:000000000000:repository/guarded because no identity-based policy allows "
        "the ecr:BatchGetImage action")
    blob = requests.get(f"{enforcing_server.endpoint}/v2/guarded/blobs/{layer}", headers=auth, allow_redirects=False)
    assert blob.status_code == 403
    assert blob.json()["errors"][0]["code"] == "DENIED"
