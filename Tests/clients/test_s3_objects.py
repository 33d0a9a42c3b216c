"""Objects with boto3: bodies, headers and metadata, integrity checks, ranges, conditions, deletes, copies."""
import datetime
import glob
import hashlib
import os

import pytest
import requests

from s3_support import b64, checksum_b64, error_code, error_of, md5_b64, signed


@pytest.fixture
def s3(server):
    client = server.client("s3")
    client.create_bucket(Bucket="objects")
    return client


def test_put_and_get_keep_bytes_headers_and_metadata(s3):
    body = b"hello, objects\n" * 100
    put = s3.put_object(
        Bucket="objects", Key="docs/hello.txt", Body=body, ContentType="text/plain", CacheControl="max-age=60",
        ContentDisposition='attachment; filename="hello.txt"', ContentLanguage="en", ContentEncoding="identity",
        Metadata={"owner": "alice", "Mixed-Case": "Value"})
    assert put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest()
    assert put["ServerSideEncryption"] == "AES256"
    got = s3.get_object(Bucket="objects", Key="docs/hello.txt")
    assert got["Body"].read() == body
    assert got["ETag"] == put["ETag"]
    assert got["ContentLength"] == len(body)
    assert got["ContentType"] == "text/plain"
    assert got["CacheControl"] == "max-age=60"
    assert got["ContentDisposition"] == 'attachment; filename="hello.txt"'
    assert got["ContentLanguage"] == "en"
    assert got["ContentEncoding"] == "identity"
    assert got["Metadata"] == {"owner": "alice", "mixed-case": "Value"}
    assert got["AcceptRanges"] == "bytes"
    assert isinstance(got["LastModified"], datetime.datetime)


def test_an_object_without_content_type_is_binary_octet_stream(server, s3):
    reply = requests.put(server.endpoint + "/objects/raw", data=b"raw")
    assert reply.status_code == 200
    assert s3.head_object(Bucket="objects", Key="raw")["ContentType"] == "binary/octet-stream"


def test_an_empty_object(s3):
    s3.put_object(Bucket="objects", Key="empty", Body=b"")
    got = s3.get_object(Bucket="objects", Key="empty")
    assert got["Body"].read() == b""
    assert got["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'


def test_boto3s_default_crc32_is_verified_stored_and_returned_in_checksum_mode(s3):
    body = b"checksummed" * 1000
    put = s3.put_object(Bucket="objects", Key="crc", Body=body)
    assert put["ChecksumCRC32"] == checksum_b64("crc32", body)
    assert put["ChecksumType"] == "FULL_OBJECT"
    got = s3.get_object(Bucket="objects", Key="crc", ChecksumMode="ENABLED")
    assert got["ChecksumCRC32"] == checksum_b64("crc32", body)
    assert got["Body"].read() == body
    head = s3.head_object(Bucket="objects", Key="crc", ChecksumMode="ENABLED")
    assert head["ChecksumCRC32"] == checksum_b64("crc32", body)
    assert "ChecksumCRC32" not in s3.head_object(Bucket="objects", Key="crc")


@pytest.mark.parametrize("algorithm", ["SHA256", "SHA1", "CRC32"])
def test_a_requested_checksum_algorithm_is_kept(s3, algorithm):
    body = os.urandom(5000)
    s3.put_object(Bucket="objects", Key="alg", Body=body, ChecksumAlgorithm=algorithm)
    got = s3.head_object(Bucket="objects", Key="alg", ChecksumMode="ENABLED")
    assert got[f"Checksum{algorithm}"] == checksum_b64(algorithm, body)


def test_an_object_sent_without_checksum_gets_crc64nvme(server, s3):
    body = b"no checksum sent"
    assert requests.put(server.endpoint + "/objects/plain", data=body).status_code == 200
    head = s3.head_object(Bucket="objects", Key="plain", ChecksumMode="ENABLED")
    assert head["ResponseMetadata"]["HTTPHeaders"]["x-amz-checksum-crc64nvme"] == checksum_b64("crc64nvme", body)


@pytest.mark.parametrize("algorithm", ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"])
def test_a_checksum_header_that_does_not_match_is_bad_digest(server, s3, algorithm):
    reply = signed(server.endpoint, "PUT", "/objects/bad", body=b"payload",
                   headers={f"x-amz-checksum-{algorithm}": checksum_b64(algorithm, b"other")})
    assert reply.status_code == 400
    assert error_code(reply) == "BadDigest"
    assert f"The {algorithm.upper()} you specified did not match the calculated checksum." in reply.text
    assert error_of(lambda: s3.head_object(Bucket="objects", Key="bad"))["Error"]["Code"] == "404"


def test_a_checksum_header_that_is_not_a_digest_is_invalid_request(server, s3):
    reply = signed(server.endpoint, "PUT", "/objects/bad", body=b"payload", headers={"x-amz-checksum-crc32": "nope"})
    assert reply.status_code == 400
    assert error_code(reply) == "InvalidRequest"
    assert "Value for x-amz-checksum-crc32 header is invalid." in reply.text


def test_two_checksum_headers_are_refused(server, s3):
    reply = signed(server.endpoint, "PUT", "/objects/bad", body=b"payload", headers={
        "x-amz-checksum-crc32": checksum_b64("crc32", b"payload"),
        "x-amz-checksum-sha256": checksum_b64("sha256", b"payload")})
    assert reply.status_code == 400
    assert "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed." in reply.text


def test_a_matching_content_md5_is_accepted(s3):
    body = b"md5 checked"
    s3.put_object(Bucket="objects", Key="md5", Body=body, ContentMD5=md5_b64(body))
    assert s3.get_object(Bucket="objects", Key="md5")["Body"].read() == body


def test_a_content_md5_that_does_not_match_is_bad_digest(s3):
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="md5", Body=b"sent", ContentMD5=md5_b64(b"other")))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "BadDigest"
    assert response["Error"]["Message"] == "The Content-MD5 you specified did not match what we received."
    assert response["Error"]["ExpectedDigest"] == md5_b64(b"other")
    assert response["Error"]["CalculatedDigest"] == md5_b64(b"sent")


def test_a_content_md5_that_is_not_an_md5_is_invalid_digest(s3):
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="md5", Body=b"sent", ContentMD5="bm9wZQ=="))
    assert response["Error"]["Code"] == "InvalidDigest"
    assert response["Error"]["Message"] == "The Content-MD5 you specified was invalid."


def test_a_missing_key_is_no_such_key(s3):
    response = error_of(lambda: s3.get_object(Bucket="objects", Key="missing/key"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["Error"]["Code"] == "NoSuchKey"
    assert response["Error"]["Message"] == "The specified key does not exist."
    assert response["Error"]["Key"] == "missing/key"
    assert error_of(lambda: s3.head_object(Bucket="objects", Key="missing"))["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_a_key_over_1024_bytes_is_too_long(s3):
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="k" * 1025, Body=b"x"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "KeyTooLongError"
    assert response["Error"]["Message"] == "Your key is too long"
    s3.put_object(Bucket="objects", Key="k" * 1024, Body=b"x")


ODD_KEYS = ["../../etc/passwd", "..", "a/../b", "/leading/slash", "spaces in key", "tab\there", "percent%2Fkey",
            "unicode/é/ü/日本", "e\u0301 decomposed", "\u00e9 composed", "plus+sign", "question?mark", "hash#tag",
            "trailing/", "//double//slash", "back\\slash"]


def test_odd_keys_are_opaque_names_never_paths(server, s3):
    for index, key in enumerate(ODD_KEYS):
        s3.put_object(Bucket="objects", Key=key, Body=f"body {index}".encode())
    for index, key in enumerate(ODD_KEYS):
        assert s3.get_object(Bucket="objects", Key=key)["Body"].read() == f"body {index}".encode(), key
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket="objects")["Contents"]]
    assert sorted(listed, key=lambda k: k.encode()) == listed
    assert set(listed) == set(ODD_KEYS)
    # Composed and decomposed é are two keys, as on S3.
    assert "e\u0301 decomposed" in listed and "\u00e9 composed" in listed


def test_a_range_is_served_as_206(s3):
    body = bytes(range(256)) * 4
    s3.put_object(Bucket="objects", Key="ranged", Body=body)
    got = s3.get_object(Bucket="objects", Key="ranged", Range="bytes=10-19")
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert got["ContentRange"] == "bytes 10-19/1024"
    assert got["Body"].read() == body[10:20]
    assert s3.get_object(Bucket="objects", Key="ranged", Range="bytes=-5")["Body"].read() == body[-5:]
    assert s3.get_object(Bucket="objects", Key="ranged", Range="bytes=1000-")["Body"].read() == body[1000:]


def test_a_range_past_the_end_is_invalid_range(s3):
    s3.put_object(Bucket="objects", Key="ranged", Body=b"0123456789")
    response = error_of(lambda: s3.get_object(Bucket="objects", Key="ranged", Range="bytes=20-30"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 416
    assert response["Error"]["Code"] == "InvalidRange"
    assert response["Error"]["Message"] == "The requested range is not satisfiable"
    assert response["Error"]["ActualObjectSize"] == "10"


def test_a_ranged_get_carries_no_whole_object_checksum(s3):
    s3.put_object(Bucket="objects", Key="ranged", Body=b"0123456789")
    got = s3.get_object(Bucket="objects", Key="ranged", Range="bytes=0-3", ChecksumMode="ENABLED")
    assert got["Body"].read() == b"0123"
    assert "ChecksumCRC32" not in got


def test_conditional_gets(s3):
    put = s3.put_object(Bucket="objects", Key="cond", Body=b"conditional")
    etag = put["ETag"]
    head = s3.head_object(Bucket="objects", Key="cond")
    modified = head["LastModified"]
    assert s3.get_object(Bucket="objects", Key="cond", IfMatch=etag)["Body"].read() == b"conditional"

    response = error_of(lambda: s3.get_object(Bucket="objects", Key="cond", IfMatch='"0000"'))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 412
    assert response["Error"]["Code"] == "PreconditionFailed"
    assert response["Error"]["Message"] == "At least one of the pre-conditions you specified did not hold"
    assert response["Error"]["Condition"] == "If-Match"

    response = error_of(lambda: s3.get_object(Bucket="objects", Key="cond", IfNoneMatch=etag))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 304

    response = error_of(lambda: s3.get_object(Bucket="objects", Key="cond", IfModifiedSince=modified))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 304
    earlier = modified - datetime.timedelta(hours=1)
    assert s3.get_object(Bucket="objects", Key="cond", IfModifiedSince=earlier)["Body"].read() == b"conditional"

    response = error_of(lambda: s3.get_object(Bucket="objects", Key="cond", IfUnmodifiedSince=earlier))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 412
    assert response["Error"]["Condition"] == "If-Unmodified-Since"
    # If-Match true wins over If-Unmodified-Since false, as S3 documents.
    assert s3.get_object(Bucket="objects", Key="cond", IfMatch=etag, IfUnmodifiedSince=earlier)["ETag"] == etag


def test_response_overrides_replace_headers_of_the_answer(s3):
    s3.put_object(Bucket="objects", Key="override", Body=b"x", ContentType="text/plain")
    got = s3.get_object(Bucket="objects", Key="override", ResponseContentType="application/json",
                        ResponseContentDisposition="inline", ResponseCacheControl="no-cache")
    assert got["ContentType"] == "application/json"
    assert got["ContentDisposition"] == "inline"
    assert got["CacheControl"] == "no-cache"
    assert s3.head_object(Bucket="objects", Key="override")["ContentType"] == "text/plain"


def test_conditional_writes(s3):
    s3.put_object(Bucket="objects", Key="once", Body=b"first", IfNoneMatch="*")
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="once", Body=b"second", IfNoneMatch="*"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 412
    assert response["Error"]["Condition"] == "If-None-Match"
    assert s3.get_object(Bucket="objects", Key="once")["Body"].read() == b"first"


def test_delete_object_removes_it_and_a_missing_key_deletes_fine(s3):
    s3.put_object(Bucket="objects", Key="gone", Body=b"x")
    assert s3.delete_object(Bucket="objects", Key="gone")["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert error_of(lambda: s3.get_object(Bucket="objects", Key="gone"))["Error"]["Code"] == "NoSuchKey"
    assert s3.delete_object(Bucket="objects", Key="never-was")["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_delete_objects_without_content_md5_as_sdks_send_it(s3):
    for key in ["a", "b", "c"]:
        s3.put_object(Bucket="objects", Key=key, Body=b"x")
    sent = {}
    s3.meta.events.register("before-send.s3.DeleteObjects", lambda request, **_: sent.update(request.headers))
    result = s3.delete_objects(Bucket="objects", Delete={"Objects": [{"Key": "a"}, {"Key": "b"}, {"Key": "zz"}]})
    assert "Content-MD5" not in sent and "x-amz-checksum-crc32" in sent
    assert sorted(d["Key"] for d in result["Deleted"]) == ["a", "b", "zz"]
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="objects")["Contents"]] == ["c"]
    quiet = s3.delete_objects(Bucket="objects", Delete={"Objects": [{"Key": "c"}], "Quiet": True})
    assert "Deleted" not in quiet and "Errors" not in quiet


def test_delete_objects_without_any_integrity_header_is_refused(server, s3):
    body = b"<Delete><Object><Key>a</Key></Object></Delete>"
    reply = signed(server.endpoint, "POST", "/objects?delete", body=body)
    assert reply.status_code == 400
    assert error_code(reply) == "InvalidRequest"
    assert "Missing required header for this request: Content-MD5 OR x-amz-checksum-*" in reply.text


def test_delete_objects_with_a_wrong_content_md5_is_bad_digest(server, s3):
    body = b"<Delete><Object><Key>a</Key></Object></Delete>"
    reply = signed(server.endpoint, "POST", "/objects?delete", body=body, headers={"Content-MD5": md5_b64(b"x")})
    assert reply.status_code == 400
    assert error_code(reply) == "BadDigest"


def test_malformed_xml_is_malformed_xml(server, s3):
    for body in [b"<Delete><Object><Key>a</Key></Object>", b"not xml", b"<Other/>", b"<Delete></Delete>"]:
        reply = signed(server.endpoint, "POST", "/objects?delete", body=body, headers={"Content-MD5": md5_b64(body)})
        assert reply.status_code == 400, body
        assert error_code(reply) == "MalformedXML", body


ENTITY_BODIES = [
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b"<Delete><Object><Key>&b;</Key></Object></Delete>",
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<Delete><Object><Key>&x;</Key></Object></Delete>",
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    "<Delete><Object><Key>&x;</Key></Object></Delete>".encode("utf-16"),
]


@pytest.mark.parametrize("body", ENTITY_BODIES)
def test_entity_declarations_are_refused_before_parsing(server, s3, body):
    s3.put_object(Bucket="objects", Key="aaaaaaaaaa" * 8, Body=b"kept")
    reply = signed(server.endpoint, "POST", "/objects?delete", body=body, headers={"Content-MD5": md5_b64(body)})
    assert reply.status_code == 400
    assert error_code(reply) == "MalformedXML"
    assert "root:" not in reply.text
    assert s3.get_object(Bucket="objects", Key="aaaaaaaaaa" * 8)["Body"].read() == b"kept"


def test_copy_object_copies_bytes_and_metadata(s3):
    s3.put_object(Bucket="objects", Key="src", Body=b"copied bytes", ContentType="text/plain", Metadata={"a": "1"})
    result = s3.copy_object(Bucket="objects", Key="dst", CopySource={"Bucket": "objects", "Key": "src"})
    assert result["CopyObjectResult"]["ETag"] == '"%s"' % hashlib.md5(b"copied bytes").hexdigest()
    got = s3.get_object(Bucket="objects", Key="dst")
    assert got["Body"].read() == b"copied bytes"
    assert got["ContentType"] == "text/plain"
    assert got["Metadata"] == {"a": "1"}


def test_copy_object_with_replace_takes_the_requests_metadata(s3):
    s3.put_object(Bucket="objects", Key="src", Body=b"x", ContentType="text/plain", Metadata={"a": "1"})
    s3.copy_object(Bucket="objects", Key="src", CopySource="objects/src", MetadataDirective="REPLACE",
                   ContentType="application/json", Metadata={"b": "2"})
    got = s3.head_object(Bucket="objects", Key="src")
    assert got["ContentType"] == "application/json"
    assert got["Metadata"] == {"b": "2"}


def test_copying_an_object_onto_itself_unchanged_is_illegal(s3):
    s3.put_object(Bucket="objects", Key="self", Body=b"x")
    response = error_of(lambda: s3.copy_object(Bucket="objects", Key="self", CopySource="objects/self"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidRequest"
    assert response["Error"]["Message"].startswith("This copy request is illegal because it is trying to copy an object to itself")


def test_copy_across_buckets_and_copy_source_conditions(server, s3):
    eu = server.client("s3", region="eu-west-1")
    eu.create_bucket(Bucket="copy-target", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    put = s3.put_object(Bucket="objects", Key="src", Body=b"cross")
    eu.copy_object(Bucket="copy-target", Key="dst", CopySource="objects/src", CopySourceIfMatch=put["ETag"])
    assert eu.get_object(Bucket="copy-target", Key="dst")["Body"].read() == b"cross"
    response = error_of(lambda: eu.copy_object(Bucket="copy-target", Key="dst", CopySource="objects/src",
                                               CopySourceIfNoneMatch=put["ETag"]))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 412
    assert response["Error"]["Code"] == "PreconditionFailed"


def test_copy_of_a_missing_source(s3):
    response = error_of(lambda: s3.copy_object(Bucket="objects", Key="dst", CopySource="objects/nothing"))
    assert response["Error"]["Code"] == "NoSuchKey"
    response = error_of(lambda: s3.copy_object(Bucket="objects", Key="dst", CopySource="no-such-bucket/k"))
    assert response["Error"]["Code"] == "NoSuchBucket"


def test_object_tagging(s3):
    s3.put_object(Bucket="objects", Key="tagged", Body=b"x", Tagging="a=1&b=two%20words")
    assert s3.head_object(Bucket="objects", Key="tagged")["ResponseMetadata"]["HTTPHeaders"]["x-amz-tagging-count"] == "2"
    assert s3.get_object_tagging(Bucket="objects", Key="tagged")["TagSet"] == [
        {"Key": "a", "Value": "1"}, {"Key": "b", "Value": "two words"}]
    s3.put_object_tagging(Bucket="objects", Key="tagged", Tagging={"TagSet": [{"Key": "c", "Value": "3"}]})
    assert s3.get_object_tagging(Bucket="objects", Key="tagged")["TagSet"] == [{"Key": "c", "Value": "3"}]
    s3.delete_object_tagging(Bucket="objects", Key="tagged")
    assert s3.get_object_tagging(Bucket="objects", Key="tagged")["TagSet"] == []
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="t2", Body=b"x",
                                              Tagging="&".join(f"k{i}=v" for i in range(11))))
    assert response["Error"]["Code"] == "BadRequest"
    assert response["Error"]["Message"] == "Object tags cannot be greater than 10"


def test_metadata_over_2_kb_is_too_large(s3):
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="meta", Body=b"x", Metadata={"big": "v" * 2100}))
    assert response["Error"]["Code"] == "MetadataTooLarge"
    assert response["Error"]["Message"] == "Your metadata headers exceed the maximum allowed metadata size."


def test_a_version_id_other_than_null_is_invalid(s3):
    s3.put_object(Bucket="objects", Key="v", Body=b"x")
    assert s3.get_object(Bucket="objects", Key="v", VersionId="null")["Body"].read() == b"x"
    response = error_of(lambda: s3.get_object(Bucket="objects", Key="v", VersionId="3HL4kqtJlcpXroDTDmJ"))
    assert response["Error"]["Code"] == "InvalidArgument"
    assert response["Error"]["Message"] == "Invalid version id specified"


def test_objects_are_stored_by_content_not_by_key(server, state_dir):
    from conftest import Server
    persistent = Server(state=state_dir)
    try:
        s3 = persistent.client("s3")
        s3.create_bucket(Bucket="layout")
        s3.put_object(Bucket="layout", Key="../../../../tmp/escape", Body=b"x")
        s3.put_object(Bucket="layout", Key="same-bytes-1", Body=b"shared")
        s3.put_object(Bucket="layout", Key="same-bytes-2", Body=b"shared")
        files = [p for p in glob.glob(os.path.join(state_dir, "**"), recursive=True) if os.path.isfile(p)]
        blobs = [p for p in files if "/blobs/sha256/" in p]
        assert len(blobs) == 2  # "x" and "shared", stored once
        assert all(len(os.path.basename(p)) == 64 for p in blobs)
        assert not any("escape" in p or "same-bytes" in p for p in files)
    finally:
        persistent.terminate()


def test_acls_are_disabled_as_on_new_buckets(s3):
    s3.put_object(Bucket="objects", Key="acl-ok", Body=b"x", ACL="bucket-owner-full-control")
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="acl", Body=b"x", ACL="public-read"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "AccessControlListNotSupported"
    assert response["Error"]["Message"] == "The bucket does not allow ACLs"


def test_features_not_built_answer_not_implemented(s3):
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="locked", Body=b"x", ObjectLockLegalHoldStatus="ON"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["Error"]["Code"] == "NotImplemented"
    response = error_of(lambda: s3.get_bucket_acl(Bucket="objects"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert "'GetBucketAcl' of service 's3'" in response["Error"]["Message"]


def test_storage_classes(s3):
    s3.put_object(Bucket="objects", Key="cold", Body=b"x", StorageClass="GLACIER")
    assert s3.head_object(Bucket="objects", Key="cold")["StorageClass"] == "GLACIER"
    response = error_of(lambda: s3.get_object(Bucket="objects", Key="cold"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "InvalidObjectState"
    assert response["Error"]["Message"] == "The operation is not valid for the object's storage class"
    listed = s3.list_objects_v2(Bucket="objects")["Contents"]
    assert [o["StorageClass"] for o in listed] == ["GLACIER"]
    response = error_of(lambda: s3.put_object(Bucket="objects", Key="k", Body=b"x", StorageClass="FROZEN"))
    assert response["Error"]["Code"] == "InvalidStorageClass"
    assert response["Error"]["Message"] == "The storage class you specified is not valid"
