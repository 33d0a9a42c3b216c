"""Presigned GET and PUT URLs: verified (signature, expiry) when IAM is enforced."""
import subprocess
import time

import pytest
import requests

from conftest import require_tool
from s3_support import error_code


@pytest.fixture
def s3(enforcing_server):
    client = enforcing_server.client("s3", signature_version="s3v4")
    client.create_bucket(Bucket="shared")
    client.put_object(Bucket="shared", Key="layer.tar", Body=b"layer bytes")
    return client


def test_a_presigned_get_is_served(s3):
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "layer.tar"}, ExpiresIn=300)
    assert "X-Amz-Signature=" in url
    reply = requests.get(url)
    assert reply.status_code == 200
    assert reply.content == b"layer bytes"


def test_a_presigned_get_with_curl(s3):
    curl = require_tool("curl")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "layer.tar"})
    result = subprocess.run([curl, "-sS", "-f", url], capture_output=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"layer bytes"


def test_a_presigned_put_stores_the_body(s3):
    url = s3.generate_presigned_url("put_object", Params={"Bucket": "shared", "Key": "uploaded"})
    reply = requests.put(url, data=b"sent with a presigned url")
    assert reply.status_code == 200, reply.text
    assert s3.get_object(Bucket="shared", Key="uploaded")["Body"].read() == b"sent with a presigned url"


def test_a_tampered_presigned_url_is_signature_does_not_match(s3):
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "layer.tar"})
    reply = requests.get(url.replace("layer.tar", "other.tar"))
    assert reply.status_code == 403
    assert error_code(reply) == "SignatureDoesNotMatch"
    assert b"layer bytes" not in reply.content


def test_an_expired_presigned_url_is_refused(s3):
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "layer.tar"}, ExpiresIn=1)
    time.sleep(2.1)
    reply = requests.get(url)
    assert reply.status_code == 403
    assert error_code(reply) == "AccessDenied"
    assert "<Message>Request has expired</Message>" in reply.text


def test_a_legacy_sigv2_presigned_url_is_served_and_checked(enforcing_server, s3):
    legacy = enforcing_server.client("s3", signature_version="s3")
    url = legacy.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "layer.tar"})
    assert "AWSAccessKeyId=" in url
    assert requests.get(url).content == b"layer bytes"
    assert requests.get(url.replace("Signature=", "Signature=x")).status_code == 403


def test_a_presigned_url_from_an_unknown_key_is_refused(enforcing_server, s3):
    stranger = enforcing_server.client("s3", key="AKIASTRANGER", secret="nope", signature_version="s3v4")
    url = stranger.generate_presigned_url("get_object", Params={"Bucket": "shared", "Key": "layer.tar"})
    reply = requests.get(url)
    assert reply.status_code == 403
    assert error_code(reply) == "InvalidAccessKeyId"
