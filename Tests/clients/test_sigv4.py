"""SigV4 as real clients sign it: verified under --enforce-iam, refused with AWS's own errors."""
import datetime
import time
import urllib.parse
from unittest import mock

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError


def error_of(call):
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value.response


# A correct signature gets through authentication to the operation (built or not yet built).

def test_correct_signatures_pass_verification_in_every_protocol(enforcing_server):
    s = enforcing_server
    s3 = s.client("s3")
    s3.create_bucket(Bucket="bucket")
    s3.put_object(Bucket="bucket", Key="dir/file name+x.txt", Body=b"x" * 1000)
    assert s3.list_objects_v2(Bucket="bucket", Prefix="a b/", Delimiter="/")["KeyCount"] == 0
    assert s.client("ecr").describe_repositories()["repositories"] == []
    for call in [
        lambda: s.client("ssm").list_documents(),
        lambda: s.client("ecr").start_image_scan(repositoryName="web", imageId={"imageTag": "latest"}),
        lambda: s.client("iam").list_groups(PathPrefix="/service-role/"),
        lambda: s.client("sts").get_session_token(),
    ]:
        assert error_of(call)["Error"]["Code"] == "NotImplemented"


# A wrong secret: each protocol's own code and status.

def test_wrong_secret_on_s3_is_signature_does_not_match(enforcing_server):
    response = error_of(lambda: enforcing_server.client("s3", secret="wrong").list_buckets())
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert response["Error"]["Message"] == (
        "The request signature we calculated does not match the signature you provided. "
        "Check your key and signing method.")
    assert response["Error"]["AWSAccessKeyId"] == "test"
    assert response["Error"]["StringToSign"].startswith("AWS4-HMAC-SHA256\n")


def test_wrong_secret_on_json_services_is_invalid_signature_exception(enforcing_server):
    for service, call in [("ssm", lambda c: c.describe_parameters()), ("ecr", lambda c: c.get_authorization_token())]:
        response = error_of(lambda: call(enforcing_server.client(service, secret="wrong")))
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert response["Error"]["Code"] == "InvalidSignatureException"
        assert response["Error"]["Message"].startswith(
            "The request signature we calculated does not match the signature you provided.")


def test_wrong_secret_on_query_services_is_signature_does_not_match(enforcing_server):
    response = error_of(lambda: enforcing_server.client("sts", secret="wrong").get_caller_identity())
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert response["Error"]["Type"] == "Sender"


def test_unknown_access_key_is_refused_in_each_protocols_words(enforcing_server):
    s = enforcing_server
    response = error_of(lambda: s.client("s3", key="AKIANOTKNOWN0000000").list_buckets())
    assert (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]) == ("InvalidAccessKeyId", 403)
    response = error_of(lambda: s.client("ssm", key="AKIANOTKNOWN0000000").describe_parameters())
    assert response["Error"]["Code"] == "UnrecognizedClientException"
    assert response["Error"]["Message"] == "The security token included in the request is invalid."
    response = error_of(lambda: s.client("iam", key="AKIANOTKNOWN0000000").list_users())
    assert (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]) == ("InvalidClientTokenId", 403)


def test_without_enforcement_any_key_is_accepted(server):
    response = error_of(lambda: server.client("ssm", key="AKIAANYTHING", secret="whatever").list_documents())
    assert response["Error"]["Code"] == "NotImplemented"


def test_unsigned_json_request_under_enforcement_is_missing_authentication_token(enforcing_server):
    reply = requests.post(enforcing_server.endpoint, data="{}", headers={
        "X-Amz-Target": "AmazonSSM.GetParameter", "Content-Type": "application/x-amz-json-1.1"})
    assert reply.status_code == 400
    assert reply.json() == {"__type": "MissingAuthenticationTokenException", "message": "Missing Authentication Token"}


def test_authorization_header_without_signature_is_incomplete_signature(enforcing_server):
    body = "Action=GetCallerIdentity&Version=2011-06-15"
    authorization = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/sts/aws4_request, SignedHeaders=host"
    reply = requests.post(enforcing_server.endpoint, data=body, headers={
        "Authorization": authorization, "X-Amz-Date": _amz_now(),
        "Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status_code == 400
    assert "<Code>IncompleteSignature</Code>" in reply.text
    assert "Authorization header requires 'Signature' parameter." in reply.text


def _amz_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


# Clock skew beyond 15 minutes.

def _signed_at(server, service, method, url, headers, body, when):
    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    fake = mock.Mock(wraps=datetime.datetime)
    fake.now.return_value = when
    fake.utcnow.return_value = when.replace(tzinfo=None)
    with mock.patch("botocore.auth.datetime.datetime", fake):
        if service == "s3":
            request.headers["X-Amz-Content-SHA256"] = "UNSIGNED-PAYLOAD"
        SigV4Auth(Credentials("test", "test"), service, "us-east-1").add_auth(request)
    return requests.request(method, url, data=body, headers=dict(request.headers))


def test_request_signed_twenty_minutes_ago_is_refused_as_skewed(enforcing_server):
    s = enforcing_server
    past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)
    reply = _signed_at(s, "s3", "GET", s.endpoint + "/", {}, b"", past)
    assert reply.status_code == 403
    assert "<Code>RequestTimeTooSkewed</Code>" in reply.text
    assert "<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>" in reply.text
    reply = _signed_at(s, "ssm", "POST", s.endpoint + "/", {
        "X-Amz-Target": "AmazonSSM.DescribeParameters", "Content-Type": "application/x-amz-json-1.1"}, b"{}", past)
    assert reply.status_code == 400
    assert reply.json()["__type"] == "InvalidSignatureException"
    assert reply.json()["message"].startswith("Signature expired: ")
    assert "(15 min.)" not in reply.json()["message"] and "- 15 min.)" in reply.json()["message"]


def test_request_signed_five_minutes_ago_is_accepted(enforcing_server):
    s = enforcing_server
    recent = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    reply = _signed_at(s, "s3", "GET", s.endpoint + "/", {}, b"", recent)
    assert reply.status_code == 200
    assert "<ListAllMyBucketsResult" in reply.text


# Presigned URLs.

def test_presigned_url_is_verified(enforcing_server):
    s3 = enforcing_server.client("s3", signature_version="s3v4")
    s3.create_bucket(Bucket="bucket")
    s3.put_object(Bucket="bucket", Key="a/b c.txt", Body=b"presigned")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "bucket", "Key": "a/b c.txt"}, ExpiresIn=300)
    reply = requests.get(url)
    assert reply.status_code == 200
    assert reply.content == b"presigned"


def test_expired_presigned_url_is_refused(enforcing_server):
    url = enforcing_server.client("s3", signature_version="s3v4").generate_presigned_url(
        "get_object", Params={"Bucket": "bucket", "Key": "k"}, ExpiresIn=1)
    time.sleep(2.2)
    reply = requests.get(url)
    assert reply.status_code == 403
    assert "<Code>AccessDenied</Code><Message>Request has expired</Message>" in reply.text
    assert "<X-Amz-Expires>1</X-Amz-Expires>" in reply.text


def test_tampered_presigned_url_is_refused(enforcing_server):
    url = enforcing_server.client("s3", signature_version="s3v4").generate_presigned_url(
        "get_object", Params={"Bucket": "bucket", "Key": "public.txt"}, ExpiresIn=300)
    reply = requests.get(url.replace("public.txt", "secret.txt"))
    assert reply.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in reply.text
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query)
    query["X-Amz-Expires"] = ["604800"]
    forged = parts._replace(query=urllib.parse.urlencode(query, doseq=True)).geturl()
    assert "<Code>SignatureDoesNotMatch</Code>" in requests.get(forged).text


def test_presigned_url_valid_for_more_than_a_week_is_refused(enforcing_server):
    url = enforcing_server.client("s3", signature_version="s3v4").generate_presigned_url(
        "get_object", Params={"Bucket": "bucket", "Key": "k"}, ExpiresIn=604801)
    reply = requests.get(url)
    assert reply.status_code == 400
    assert "<Code>AuthorizationQueryParametersError</Code>" in reply.text


def test_payload_that_does_not_match_its_signed_hash_is_refused(enforcing_server):
    s3 = enforcing_server.client("s3")

    def corrupt(request, **_):
        body = request.body.read() if hasattr(request.body, "read") else request.body
        request.body = b"tampered" + body[8:]
    s3.meta.events.register_first("before-send.s3.PutObject", corrupt)
    response = error_of(lambda: s3.put_object(Bucket="b", Key="k", Body=b"original body bytes"))
    assert response["Error"]["Code"] == "XAmzContentSHA256Mismatch"


# boto3's default presigned S3 URL still uses the legacy query signature (SigV2).

def test_legacy_presigned_url_from_boto3_default_is_verified(enforcing_server):
    s3 = enforcing_server.client("s3")
    s3.create_bucket(Bucket="bucket")
    s3.put_object(Bucket="bucket", Key="a b.txt", Body=b"legacy")
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": "bucket", "Key": "a b.txt", "ResponseContentType": "text/plain"},
        ExpiresIn=300)
    assert "AWSAccessKeyId=" in url
    reply = requests.get(url)
    assert reply.content == b"legacy"
    assert reply.headers["Content-Type"] == "text/plain"
    assert "<Code>SignatureDoesNotMatch</Code>" in requests.get(url.replace("a%20b.txt", "c.txt")).text


def test_expired_legacy_presigned_url_is_refused(enforcing_server):
    url = enforcing_server.client("s3").generate_presigned_url(
        "get_object", Params={"Bucket": "bucket", "Key": "k"}, ExpiresIn=1)
    time.sleep(2.2)
    reply = requests.get(url)
    assert reply.status_code == 403
    assert "<Code>AccessDenied</Code><Message>Request has expired</Message>" in reply.text
