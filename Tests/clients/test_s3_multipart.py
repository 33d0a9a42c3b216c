"""Multipart uploads with boto3: the -N ETag rule, part checks, composite and full-object checksums,
copies of parts, listing and aborting."""
import base64
import hashlib
import os

import pytest

from s3_support import checksum, checksum_b64, error_of

MiB = 1024 * 1024


@pytest.fixture
def s3(server):
    client = server.client("s3")
    client.create_bucket(Bucket="multi")
    return client


def upload(s3, key, parts, **create):
    """Uploads `parts` (bytes each) and returns (upload id, [(part number, etag, response)])."""
    upload_id = s3.create_multipart_upload(Bucket="multi", Key=key, **create)["UploadId"]
    done = []
    for number, body in enumerate(parts, start=1):
        reply = s3.upload_part(Bucket="multi", Key=key, UploadId=upload_id, PartNumber=number, Body=body)
        done.append((number, reply["ETag"], reply))
    return upload_id, done


def multipart_etag(parts):
    joined = b"".join(hashlib.md5(p).digest() for p in parts)
    return '"%s-%d"' % (hashlib.md5(joined).hexdigest(), len(parts))


def test_complete_joins_the_parts_with_the_dash_n_etag(s3):
    parts = [os.urandom(5 * MiB), os.urandom(5 * MiB), b"tail"]
    upload_id, done = upload(s3, "joined.bin", parts, ContentType="application/x-test", Metadata={"k": "v"})
    result = s3.complete_multipart_upload(
        Bucket="multi", Key="joined.bin", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e, _ in done]})
    assert result["ETag"] == multipart_etag(parts)
    assert result["Key"] == "joined.bin" and result["Bucket"] == "multi"
    assert result["Location"].endswith("/multi/joined.bin")
    got = s3.get_object(Bucket="multi", Key="joined.bin")
    assert got["Body"].read() == b"".join(parts)
    assert got["ETag"] == multipart_etag(parts)
    assert got["ContentType"] == "application/x-test"
    assert got["Metadata"] == {"k": "v"}
    assert s3.list_multipart_uploads(Bucket="multi").get("Uploads", []) == []


def test_a_part_can_be_read_back_by_part_number(s3):
    parts = [b"a" * (5 * MiB), b"b" * 10]
    upload_id, done = upload(s3, "by-part", parts)
    s3.complete_multipart_upload(Bucket="multi", Key="by-part", UploadId=upload_id,
                                 MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e, _ in done]})
    second = s3.get_object(Bucket="multi", Key="by-part", PartNumber=2)
    assert second["Body"].read() == b"b" * 10
    assert second["PartsCount"] == 2
    assert second["ContentRange"] == f"bytes {5 * MiB}-{5 * MiB + 9}/{5 * MiB + 10}"
    response = error_of(lambda: s3.get_object(Bucket="multi", Key="by-part", PartNumber=3))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 416
    assert response["Error"]["Code"] == "InvalidPartNumber"


def test_boto3_crc32_parts_give_a_composite_checksum(s3):
    parts = [os.urandom(5 * MiB), os.urandom(1000)]
    upload_id, done = upload(s3, "composite", parts, ChecksumAlgorithm="CRC32")
    for (_, _, reply), body in zip(done, parts):
        assert reply["ChecksumCRC32"] == checksum_b64("crc32", body)
    listed = s3.list_parts(Bucket="multi", Key="composite", UploadId=upload_id)
    assert listed["ChecksumAlgorithm"] == "CRC32" and listed["ChecksumType"] == "COMPOSITE"
    result = s3.complete_multipart_upload(
        Bucket="multi", Key="composite", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e, "ChecksumCRC32": r["ChecksumCRC32"]}
                                   for n, e, r in done]})
    expected = checksum_b64("crc32", b"".join(checksum("crc32", p) for p in parts)) + "-2"
    assert result["ChecksumCRC32"] == expected
    assert result["ChecksumType"] == "COMPOSITE"
    head = s3.head_object(Bucket="multi", Key="composite", ChecksumMode="ENABLED")
    assert head["ChecksumCRC32"] == expected


def test_a_part_must_use_the_uploads_checksum_algorithm(s3):
    upload_id = s3.create_multipart_upload(Bucket="multi", Key="k", ChecksumAlgorithm="SHA256")["UploadId"]
    # boto3 sends its default CRC32 unless told the upload's algorithm.
    response = error_of(lambda: s3.upload_part(Bucket="multi", Key="k", UploadId=upload_id, PartNumber=1, Body=b"x"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidRequest"
    assert response["Error"]["Message"] == (
        "Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32")


def test_a_composite_upload_needs_each_parts_checksum_at_completion(s3):
    upload_id = s3.create_multipart_upload(Bucket="multi", Key="missing-sum", ChecksumAlgorithm="SHA256")["UploadId"]
    part = s3.upload_part(Bucket="multi", Key="missing-sum", UploadId=upload_id, PartNumber=1, Body=b"x",
                          ChecksumAlgorithm="SHA256")
    assert part["ChecksumSHA256"] == checksum_b64("sha256", b"x")
    response = error_of(lambda: s3.complete_multipart_upload(
        Bucket="multi", Key="missing-sum", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]}))
    assert response["Error"]["Code"] == "InvalidRequest"
    assert response["Error"]["Message"] == (
        "The upload was created using a sha256 checksum. The complete request must include the checksum for each "
        "part. It was missing for part 1 in the request.")


def test_a_full_object_crc32c_upload_gets_the_checksum_of_the_whole_object(s3):
    parts = [os.urandom(5 * MiB), os.urandom(777)]
    upload_id = s3.create_multipart_upload(Bucket="multi", Key="full", ChecksumAlgorithm="CRC32C",
                                           ChecksumType="FULL_OBJECT")["UploadId"]
    done = []
    for number, body in enumerate(parts, start=1):
        reply = s3.upload_part(Bucket="multi", Key="full", UploadId=upload_id, PartNumber=number, Body=body,
                               ChecksumCRC32C=checksum_b64("crc32c", body))
        done.append({"PartNumber": number, "ETag": reply["ETag"]})
    whole = b"".join(parts)
    result = s3.complete_multipart_upload(Bucket="multi", Key="full", UploadId=upload_id,
                                          MultipartUpload={"Parts": done}, ChecksumCRC32C=checksum_b64("crc32c", whole),
                                          ChecksumType="FULL_OBJECT")
    assert result["ChecksumCRC32C"] == checksum_b64("crc32c", whole)
    assert result["ChecksumType"] == "FULL_OBJECT"


def test_an_upload_without_algorithm_gets_a_full_object_crc64nvme(server, s3):
    parts = [os.urandom(5 * MiB), b"end"]
    upload_id = s3.create_multipart_upload(Bucket="multi", Key="default-sum")["UploadId"]
    import requests
    done = []
    for number, body in enumerate(parts, start=1):
        url = s3.generate_presigned_url("upload_part", Params={"Bucket": "multi", "Key": "default-sum",
                                                               "UploadId": upload_id, "PartNumber": number})
        reply = requests.put(url, data=body)
        assert reply.status_code == 200, reply.text
        done.append({"PartNumber": number, "ETag": reply.headers["ETag"]})
    s3.complete_multipart_upload(Bucket="multi", Key="default-sum", UploadId=upload_id, MultipartUpload={"Parts": done})
    head = s3.head_object(Bucket="multi", Key="default-sum", ChecksumMode="ENABLED")
    headers = head["ResponseMetadata"]["HTTPHeaders"]
    assert headers["x-amz-checksum-crc64nvme"] == checksum_b64("crc64nvme", b"".join(parts))
    assert headers["x-amz-checksum-type"] == "FULL_OBJECT"


def test_sha256_cannot_be_full_object(s3):
    response = error_of(lambda: s3.create_multipart_upload(Bucket="multi", Key="k", ChecksumAlgorithm="SHA256",
                                                           ChecksumType="FULL_OBJECT"))
    assert response["Error"]["Code"] == "InvalidRequest"
    assert response["Error"]["Message"] == "The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm."


def test_a_part_with_a_wrong_etag_is_invalid_part(s3):
    upload_id, done = upload(s3, "k", [b"x"])
    response = error_of(lambda: s3.complete_multipart_upload(
        Bucket="multi", Key="k", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"00000000000000000000000000000000"'}]}))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidPart"
    assert response["Error"]["Message"] == (
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the "
        "specified entity tag may not have matched the part's entity tag.")
    response = error_of(lambda: s3.complete_multipart_upload(
        Bucket="multi", Key="k", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": done[0][1]}]}))
    assert response["Error"]["Code"] == "InvalidPart"


def test_parts_out_of_order_are_invalid_part_order(s3):
    upload_id, done = upload(s3, "k", [b"a" * (5 * MiB), b"b"])
    response = error_of(lambda: s3.complete_multipart_upload(
        Bucket="multi", Key="k", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e, _ in reversed(done)]}))
    assert response["Error"]["Code"] == "InvalidPartOrder"
    assert response["Error"]["Message"] == (
        "The list of parts was not in ascending order. Parts must be ordered by part number.")


def test_a_small_part_that_is_not_the_last_is_entity_too_small(s3):
    upload_id, done = upload(s3, "k", [b"small", b"last"])
    response = error_of(lambda: s3.complete_multipart_upload(
        Bucket="multi", Key="k", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e, _ in done]}))
    assert response["Error"]["Code"] == "EntityTooSmall"
    assert response["Error"]["Message"] == "Your proposed upload is smaller than the minimum allowed size"
    assert response["Error"]["ProposedSize"] == "5"
    assert response["Error"]["MinSizeAllowed"] == str(5 * MiB)


def test_an_unknown_upload_is_no_such_upload(s3):
    for call in [
        lambda: s3.upload_part(Bucket="multi", Key="k", UploadId="nope", PartNumber=1, Body=b"x"),
        lambda: s3.list_parts(Bucket="multi", Key="k", UploadId="nope"),
        lambda: s3.abort_multipart_upload(Bucket="multi", Key="k", UploadId="nope"),
        lambda: s3.complete_multipart_upload(Bucket="multi", Key="k", UploadId="nope",
                                             MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"x"'}]}),
    ]:
        response = error_of(call)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
        assert response["Error"]["Code"] == "NoSuchUpload"
        assert response["Error"]["Message"] == (
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted "
            "or completed.")


def test_a_part_number_outside_1_to_10000_is_invalid_argument(s3):
    upload_id = s3.create_multipart_upload(Bucket="multi", Key="k")["UploadId"]
    response = error_of(lambda: s3.upload_part(Bucket="multi", Key="k", UploadId=upload_id, PartNumber=10001, Body=b"x"))
    assert response["Error"]["Code"] == "InvalidArgument"
    assert response["Error"]["Message"] == "Part number must be an integer between 1 and 10000, inclusive"


def test_abort_removes_the_upload(s3):
    upload_id, _ = upload(s3, "k", [b"x"])
    assert s3.abort_multipart_upload(Bucket="multi", Key="k", UploadId=upload_id)["ResponseMetadata"][
        "HTTPStatusCode"] == 204
    assert error_of(lambda: s3.list_parts(Bucket="multi", Key="k", UploadId=upload_id))["Error"]["Code"] == "NoSuchUpload"


def test_list_parts_pages(s3):
    upload_id, done = upload(s3, "k", [b"1", b"2", b"3"])
    first = s3.list_parts(Bucket="multi", Key="k", UploadId=upload_id, MaxParts=2)
    assert [p["PartNumber"] for p in first["Parts"]] == [1, 2]
    assert first["IsTruncated"] is True and first["NextPartNumberMarker"] == 2
    rest = s3.list_parts(Bucket="multi", Key="k", UploadId=upload_id, PartNumberMarker=2)
    assert [p["PartNumber"] for p in rest["Parts"]] == [3]
    assert rest["Parts"][0]["ETag"] == done[2][1] and rest["Parts"][0]["Size"] == 1
    assert first["Initiator"]["ID"] == first["Owner"]["ID"]


def test_list_multipart_uploads_with_prefix_delimiter_and_markers(s3):
    ids = {}
    for key in ["a/1", "a/2", "b", "c"]:
        ids[key] = s3.create_multipart_upload(Bucket="multi", Key=key)["UploadId"]
    listed = s3.list_multipart_uploads(Bucket="multi")
    assert [(u["Key"], u["UploadId"]) for u in listed["Uploads"]] == [(k, ids[k]) for k in ["a/1", "a/2", "b", "c"]]
    grouped = s3.list_multipart_uploads(Bucket="multi", Delimiter="/")
    assert [u["Key"] for u in grouped["Uploads"]] == ["b", "c"]
    assert [p["Prefix"] for p in grouped["CommonPrefixes"]] == ["a/"]
    page = s3.list_multipart_uploads(Bucket="multi", MaxUploads=2)
    assert page["IsTruncated"] is True and page["NextKeyMarker"] == "a/2"
    rest = s3.list_multipart_uploads(Bucket="multi", KeyMarker=page["NextKeyMarker"],
                                     UploadIdMarker=page["NextUploadIdMarker"])
    assert [u["Key"] for u in rest["Uploads"]] == ["b", "c"]
    assert [u["Key"] for u in s3.list_multipart_uploads(Bucket="multi", Prefix="a/")["Uploads"]] == ["a/1", "a/2"]


def test_upload_part_copy_takes_a_range_of_another_object(s3):
    source = os.urandom(6 * MiB)
    s3.put_object(Bucket="multi", Key="source", Body=source)
    upload_id = s3.create_multipart_upload(Bucket="multi", Key="assembled")["UploadId"]
    first = s3.upload_part_copy(Bucket="multi", Key="assembled", UploadId=upload_id, PartNumber=1,
                                CopySource="multi/source", CopySourceRange=f"bytes=0-{5 * MiB - 1}")
    second = s3.upload_part_copy(Bucket="multi", Key="assembled", UploadId=upload_id, PartNumber=2,
                                 CopySource={"Bucket": "multi", "Key": "source"})
    assert first["CopyPartResult"]["ETag"] == '"%s"' % hashlib.md5(source[:5 * MiB]).hexdigest()
    s3.complete_multipart_upload(Bucket="multi", Key="assembled", UploadId=upload_id, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": first["CopyPartResult"]["ETag"]},
        {"PartNumber": 2, "ETag": second["CopyPartResult"]["ETag"]}]})
    assert s3.get_object(Bucket="multi", Key="assembled")["Body"].read() == source[:5 * MiB] + source
    response = error_of(lambda: s3.upload_part_copy(Bucket="multi", Key="assembled", UploadId="x", PartNumber=1,
                                                    CopySource="multi/source"))
    assert response["Error"]["Code"] == "NoSuchUpload"


def test_upload_part_copy_range_past_the_source_is_invalid_argument(s3):
    s3.put_object(Bucket="multi", Key="source", Body=b"0123456789")
    upload_id = s3.create_multipart_upload(Bucket="multi", Key="k")["UploadId"]
    response = error_of(lambda: s3.upload_part_copy(Bucket="multi", Key="k", UploadId=upload_id, PartNumber=1,
                                                    CopySource="multi/source", CopySourceRange="bytes=5-20"))
    assert response["Error"]["Code"] == "InvalidArgument"
    assert response["Error"]["Message"] == "Range specified is not valid for source object of size: 10"


def test_upload_file_and_download_file_round_trip(s3, tmp_path):
    from boto3.s3.transfer import TransferConfig
    path = tmp_path / "data.bin"
    path.write_bytes(os.urandom(20 * MiB + 123))
    config = TransferConfig(multipart_threshold=8 * MiB, multipart_chunksize=8 * MiB)
    s3.upload_file(str(path), "multi", "transfer.bin", Config=config)
    out = tmp_path / "out.bin"
    s3.download_file("multi", "transfer.bin", str(out), Config=config)
    assert out.read_bytes() == path.read_bytes()
    assert s3.head_object(Bucket="multi", Key="transfer.bin")["ETag"].endswith('-3"')
