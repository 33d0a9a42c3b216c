"""Buckets with boto3: names, regions, ownership across accounts, policy, tagging, versioning status."""
import json

import pytest

from s3_support import error_of


def client(server, region="us-east-1", key="test"):
    return server.client("s3", region=region, key=key)


def test_create_bucket_in_us_east_1_needs_no_location_constraint(server):
    s3 = client(server)
    reply = s3.create_bucket(Bucket="plain-bucket")
    assert reply["Location"] == "/plain-bucket"
    assert s3.get_bucket_location(Bucket="plain-bucket")["LocationConstraint"] is None
    assert s3.head_bucket(Bucket="plain-bucket")["BucketRegion"] == "us-east-1"


def test_create_bucket_in_another_region_with_its_location_constraint(server):
    s3 = client(server, "eu-west-1")
    s3.create_bucket(Bucket="eu-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert s3.get_bucket_location(Bucket="eu-bucket")["LocationConstraint"] == "eu-west-1"
    head = s3.head_bucket(Bucket="eu-bucket")
    assert head["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "eu-west-1"


def test_eu_is_the_legacy_name_of_eu_west_1(server):
    s3 = client(server, "eu-west-1")
    s3.create_bucket(Bucket="legacy-eu", CreateBucketConfiguration={"LocationConstraint": "EU"})
    assert s3.get_bucket_location(Bucket="legacy-eu")["LocationConstraint"] == "EU"
    assert s3.head_bucket(Bucket="legacy-eu")["BucketRegion"] == "eu-west-1"


def test_the_global_endpoint_creates_a_bucket_in_any_region(server):
    s3 = client(server)
    s3.create_bucket(Bucket="from-global", CreateBucketConfiguration={"LocationConstraint": "ap-south-1"})
    assert s3.head_bucket(Bucket="from-global")["BucketRegion"] == "ap-south-1"


def test_no_location_constraint_outside_us_east_1_is_illegal(server):
    response = error_of(lambda: client(server, "eu-west-1").create_bucket(Bucket="no-constraint"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "IllegalLocationConstraintException"
    assert response["Error"]["Message"] == (
        "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.")


def test_a_location_constraint_for_another_region_is_illegal(server):
    s3 = client(server, "us-west-2")
    response = error_of(lambda: s3.create_bucket(
        Bucket="mismatch", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}))
    assert response["Error"]["Code"] == "IllegalLocationConstraintException"
    assert response["Error"]["Message"] == (
        "The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.")


@pytest.mark.parametrize("constraint", ["us-east-1", "mars-north-1"])
def test_us_east_1_or_an_unknown_region_as_constraint_is_invalid(server, constraint):
    response = error_of(lambda: client(server).create_bucket(
        Bucket="bad-constraint", CreateBucketConfiguration={"LocationConstraint": constraint}))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidLocationConstraint"
    assert response["Error"]["Message"] == "The specified location-constraint is not valid"
    assert response["Error"]["LocationConstraint"] == constraint


def test_creating_your_own_bucket_again_succeeds_in_us_east_1(server):
    s3 = client(server)
    s3.create_bucket(Bucket="twice")
    s3.create_bucket(Bucket="twice")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["twice"]


def test_creating_your_own_bucket_again_elsewhere_is_already_owned_by_you(server):
    s3 = client(server, "eu-west-1")
    config = {"LocationConstraint": "eu-west-1"}
    s3.create_bucket(Bucket="twice-eu", CreateBucketConfiguration=config)
    response = error_of(lambda: s3.create_bucket(Bucket="twice-eu", CreateBucketConfiguration=config))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert response["Error"]["Code"] == "BucketAlreadyOwnedByYou"
    assert response["Error"]["Message"] == (
        "Your previous request to create the named bucket succeeded and you already own it.")
    assert response["Error"]["BucketName"] == "twice-eu"


def test_bucket_names_are_global_across_accounts(server):
    client(server).create_bucket(Bucket="taken")
    other = client(server, key="111111111111")
    response = error_of(lambda: other.create_bucket(Bucket="taken"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert response["Error"]["Code"] == "BucketAlreadyExists"
    assert response["Error"]["Message"] == (
        "The requested bucket name is not available. The bucket namespace is shared by all users of the system. "
        "Please select a different name and try again.")
    assert other.list_buckets()["Buckets"] == []


@pytest.mark.parametrize("name", [
    "ab", "a" * 64, "UpperCase", "under_score", "-leading", "trailing-", "two..dots", "192.168.5.4", "xn--punycode",
    "ends-s3alias", "sthree-bucket", "bad!char",
])
def test_names_against_the_rules_are_invalid(server, name):
    s3 = client(server)
    s3.meta.events.unregister("before-parameter-build.s3", __import__("botocore").handlers.validate_bucket_name)
    response = error_of(lambda: s3.create_bucket(Bucket=name))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidBucketName"
    assert response["Error"]["Message"] == "The specified bucket is not valid."
    assert response["Error"]["BucketName"] == name


def test_head_bucket_of_a_missing_bucket_is_404(server):
    response = error_of(lambda: client(server).head_bucket(Bucket="missing-bucket"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["Error"]["Code"] == "404"


def test_operations_on_a_missing_bucket_are_no_such_bucket(server):
    response = error_of(lambda: client(server).list_objects_v2(Bucket="missing-bucket"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["Error"]["Code"] == "NoSuchBucket"
    assert response["Error"]["Message"] == "The specified bucket does not exist"
    assert response["Error"]["BucketName"] == "missing-bucket"


def test_list_buckets_shows_the_callers_buckets_with_their_regions(server):
    s3 = client(server)
    for name in ["b-three", "b-one", "b-two"]:
        s3.create_bucket(Bucket=name)
    s3.create_bucket(Bucket="other-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    client(server, key="222222222222").create_bucket(Bucket="not-mine")
    listed = s3.list_buckets()
    assert [b["Name"] for b in listed["Buckets"]] == ["b-one", "b-three", "b-two", "other-eu"]
    assert [b["BucketRegion"] for b in listed["Buckets"]] == ["us-east-1"] * 3 + ["eu-west-1"]
    assert len(listed["Owner"]["ID"]) == 64
    assert "ContinuationToken" not in listed


def test_list_buckets_pages_with_max_buckets_prefix_and_region(server):
    s3 = client(server)
    for name in ["page-a", "page-b", "page-c", "zzz-other"]:
        s3.create_bucket(Bucket=name)
    first = s3.list_buckets(MaxBuckets=2, Prefix="page-")
    assert [b["Name"] for b in first["Buckets"]] == ["page-a", "page-b"]
    assert first["Prefix"] == "page-"
    second = s3.list_buckets(MaxBuckets=2, Prefix="page-", ContinuationToken=first["ContinuationToken"])
    assert [b["Name"] for b in second["Buckets"]] == ["page-c"]
    assert "ContinuationToken" not in second
    assert s3.list_buckets(BucketRegion="eu-west-1")["Buckets"] == []


def test_delete_bucket_refuses_a_bucket_with_objects(server):
    s3 = client(server)
    s3.create_bucket(Bucket="full")
    s3.put_object(Bucket="full", Key="k", Body=b"x")
    response = error_of(lambda: s3.delete_bucket(Bucket="full"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert response["Error"]["Code"] == "BucketNotEmpty"
    assert response["Error"]["Message"] == "The bucket you tried to delete is not empty"
    s3.delete_object(Bucket="full", Key="k")
    s3.delete_bucket(Bucket="full")
    assert error_of(lambda: s3.head_bucket(Bucket="full"))["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_delete_bucket_with_an_upload_in_progress_removes_it(server):
    s3 = client(server)
    s3.create_bucket(Bucket="pending")
    upload = s3.create_multipart_upload(Bucket="pending", Key="k")
    s3.upload_part(Bucket="pending", Key="k", UploadId=upload["UploadId"], PartNumber=1, Body=b"x")
    s3.delete_bucket(Bucket="pending")
    s3.create_bucket(Bucket="pending")
    assert s3.list_multipart_uploads(Bucket="pending").get("Uploads", []) == []


POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
                   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::with-policy/*"}],
}


def test_bucket_policy_put_get_delete(server):
    s3 = client(server)
    s3.create_bucket(Bucket="with-policy")
    response = error_of(lambda: s3.get_bucket_policy(Bucket="with-policy"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["Error"]["Code"] == "NoSuchBucketPolicy"
    assert response["Error"]["Message"] == "The bucket policy does not exist"
    s3.put_bucket_policy(Bucket="with-policy", Policy=json.dumps(POLICY))
    assert json.loads(s3.get_bucket_policy(Bucket="with-policy")["Policy"]) == POLICY
    s3.delete_bucket_policy(Bucket="with-policy")
    assert error_of(lambda: s3.get_bucket_policy(Bucket="with-policy"))["Error"]["Code"] == "NoSuchBucketPolicy"


@pytest.mark.parametrize("policy,message", [
    ("not json", "Policies must be valid JSON and the first byte must be '{'"),
    ('{"Version": "2012-10-17"}', "Missing required field Statement"),
    ('{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}', "Missing required field Principal"),
])
def test_a_malformed_policy_is_refused(server, policy, message):
    s3 = client(server)
    s3.create_bucket(Bucket="bad-policy")
    response = error_of(lambda: s3.put_bucket_policy(Bucket="bad-policy", Policy=policy))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "MalformedPolicy"
    assert response["Error"]["Message"] == message


def test_bucket_tagging_put_get_delete(server):
    s3 = client(server)
    s3.create_bucket(Bucket="tagged")
    response = error_of(lambda: s3.get_bucket_tagging(Bucket="tagged"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["Error"]["Code"] == "NoSuchTagSet"
    assert response["Error"]["Message"] == "The TagSet does not exist"
    tags = [{"Key": "team", "Value": "platform"}, {"Key": "env", "Value": ""}]
    s3.put_bucket_tagging(Bucket="tagged", Tagging={"TagSet": tags})
    assert s3.get_bucket_tagging(Bucket="tagged")["TagSet"] == tags
    s3.delete_bucket_tagging(Bucket="tagged")
    assert error_of(lambda: s3.get_bucket_tagging(Bucket="tagged"))["Error"]["Code"] == "NoSuchTagSet"


def test_duplicate_tag_keys_are_invalid(server):
    s3 = client(server)
    s3.create_bucket(Bucket="dup-tags")
    response = error_of(lambda: s3.put_bucket_tagging(
        Bucket="dup-tags", Tagging={"TagSet": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]}))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidTag"
    assert response["Error"]["Message"] == "Cannot provide multiple Tags with the same key"


def test_versioning_status_put_and_get(server):
    s3 = client(server)
    s3.create_bucket(Bucket="versioned")
    assert "Status" not in s3.get_bucket_versioning(Bucket="versioned")
    s3.put_bucket_versioning(Bucket="versioned", VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket="versioned")["Status"] == "Enabled"
    s3.put_bucket_versioning(Bucket="versioned", VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket="versioned")["Status"] == "Suspended"


def test_a_versioning_status_other_than_enabled_or_suspended_is_malformed_xml(server):
    s3 = client(server)
    s3.create_bucket(Bucket="versioned")
    response = error_of(lambda: s3.put_bucket_versioning(
        Bucket="versioned", VersioningConfiguration={"Status": "Sometimes"}))
    assert response["Error"]["Code"] == "MalformedXML"
    assert response["Error"]["Message"] == (
        "The XML you provided was not well-formed or did not validate against our published schema")


def test_expected_bucket_owner_must_match(server):
    s3 = client(server)
    s3.create_bucket(Bucket="owned")
    assert s3.head_bucket(Bucket="owned", ExpectedBucketOwner="000000000000")["ResponseMetadata"]["HTTPStatusCode"] == 200
    response = error_of(lambda: s3.list_objects_v2(Bucket="owned", ExpectedBucketOwner="999999999999"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "AccessDenied"
