"""A bucket lives in one region: requests for another region get S3's answers (EB-SPEC §D), never the object."""
import pytest
import requests

from s3_support import error_code, signed

SECRET = b"the object a wrong-region request must never see"


@pytest.fixture(params=["open", "enforcing"])
def world(request):
    target = request.getfixturevalue("server" if request.param == "open" else "enforcing_server")
    eu = target.client("s3", region="eu-west-1")
    eu.create_bucket(Bucket="eu-only", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    eu.put_object(Bucket="eu-only", Key="auth/dockercfg", Body=SECRET)
    return target


def test_a_request_signed_for_another_region_is_authorization_header_malformed(world):
    reply = signed(world.endpoint, "GET", "/eu-only/auth/dockercfg", region="us-east-1")
    assert reply.status_code == 400
    assert error_code(reply) == "AuthorizationHeaderMalformed"
    assert ("<Message>The authorization header is malformed; the region 'us-east-1' is wrong; "
            "expecting 'eu-west-1'</Message>") in reply.text
    assert "<Region>eu-west-1</Region>" in reply.text
    assert reply.headers["x-amz-bucket-region"] == "eu-west-1"
    assert SECRET not in reply.content


def test_a_regional_endpoint_of_another_region_answers_permanent_redirect(world):
    host = "eu-only.s3.us-west-2.amazonaws.com"
    reply = signed(world.endpoint, "GET", "/auth/dockercfg", region="us-west-2", host=host)
    assert reply.status_code == 301
    assert error_code(reply) == "PermanentRedirect"
    assert ("The bucket you are attempting to access must be addressed using the specified endpoint. "
            "Please send all future requests to this endpoint.") in reply.text
    assert "<Endpoint>eu-only.s3.eu-west-1.amazonaws.com</Endpoint>" in reply.text
    assert "<Bucket>eu-only</Bucket>" in reply.text
    assert reply.headers["x-amz-bucket-region"] == "eu-west-1"
    assert SECRET not in reply.content


def test_the_right_regional_endpoint_serves_the_object(world):
    reply = signed(world.endpoint, "GET", "/auth/dockercfg", region="eu-west-1", host="eu-only.s3.eu-west-1.amazonaws.com")
    assert reply.status_code == 200
    assert reply.content == SECRET


def test_head_for_another_region_is_400_without_body_but_names_the_region(world):
    reply = signed(world.endpoint, "HEAD", "/eu-only/auth/dockercfg", region="us-east-2")
    assert reply.status_code == 400
    assert reply.content == b""
    assert reply.headers["x-amz-bucket-region"] == "eu-west-1"
    reply = signed(world.endpoint, "HEAD", "/eu-only", region="us-east-2")
    assert reply.status_code == 400
    assert reply.headers["x-amz-bucket-region"] == "eu-west-1"


def test_a_presigned_url_for_another_region_is_refused(world):
    us = world.client("s3", region="us-east-1", signature_version="s3v4")
    url = us.generate_presigned_url("get_object", Params={"Bucket": "eu-only", "Key": "auth/dockercfg"})
    reply = requests.get(url)
    assert reply.status_code == 400
    assert error_code(reply) == "AuthorizationQueryParametersError"
    assert "Error parsing the X-Amz-Credential parameter; the region 'us-east-1' is wrong; expecting 'eu-west-1'" in reply.text
    assert "<Region>eu-west-1</Region>" in reply.text
    assert SECRET not in reply.content


def test_get_bucket_location_answers_from_any_region(world):
    assert world.client("s3", region="ap-south-1").get_bucket_location(Bucket="eu-only")["LocationConstraint"] == "eu-west-1"


def test_boto3_follows_the_wrong_region_answer_to_the_bucket(world):
    s3 = world.client("s3", region="us-east-1")
    statuses = []
    s3.meta.events.register("after-call.s3.GetObject",
                            lambda http_response, **_: statuses.append(http_response.status_code))
    s3.meta.events.register("needs-retry.s3.GetObject",
                            lambda response, **_: statuses.append(response[0].status_code) if response else None,
                            unique_id="record-first-answer")
    assert s3.get_object(Bucket="eu-only", Key="auth/dockercfg")["Body"].read() == SECRET
    assert statuses[0] == 400 and statuses[-1] == 200


def test_an_unsigned_request_to_another_regions_endpoint_is_redirected(server):
    eu = server.client("s3", region="eu-west-1")
    eu.create_bucket(Bucket="eu-anon", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    eu.put_object(Bucket="eu-anon", Key="k", Body=SECRET)
    reply = requests.get(server.endpoint + "/k", headers={"Host": "eu-anon.s3.us-east-2.amazonaws.com"},
                         allow_redirects=False)
    assert reply.status_code == 301
    assert error_code(reply) == "PermanentRedirect"
    assert SECRET not in reply.content
