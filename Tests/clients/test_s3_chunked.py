"""aws-chunked PutObject and UploadPart bodies as new SDKs stream them: the stored object is the
payload (never the chunk framing), checksum trailers are verified and kept, wrong ones are BadDigest."""
import pytest
import requests

from s3_support import aws_chunked_put, checksum_b64, error_code

PAYLOAD = bytes(range(256)) * 1200  # 300 KiB: several 64 KiB chunks and a short last one


@pytest.fixture
def s3(enforcing_server):
    client = enforcing_server.client("s3")
    client.create_bucket(Bucket="chunked")
    return client


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "SHA256", "CRC64NVME", "SHA1"])
@pytest.mark.parametrize("mode", ["unsigned-trailer", "signed-trailer"])
def test_a_trailer_checksum_is_verified_and_the_payload_stored_without_framing(enforcing_server, s3, mode, algorithm):
    reply = aws_chunked_put(enforcing_server.endpoint, "/chunked/obj", PAYLOAD, mode, algorithm=algorithm)
    assert reply.status_code == 200, reply.text
    assert reply.headers[f"x-amz-checksum-{algorithm.lower()}"] == checksum_b64(algorithm, PAYLOAD)

    stored = s3.get_object(Bucket="chunked", Key="obj", ChecksumMode="ENABLED")
    assert stored["Body"].read() == PAYLOAD
    assert stored["ContentLength"] == len(PAYLOAD)
    assert stored[f"Checksum{algorithm}"] == checksum_b64(algorithm, PAYLOAD)
    assert stored["ChecksumType"] == "FULL_OBJECT"
    assert "ContentEncoding" not in stored  # aws-chunked is a transfer detail, not the object's encoding


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "SHA256"])
@pytest.mark.parametrize("mode", ["unsigned-trailer", "signed-trailer"])
def test_a_wrong_trailer_checksum_is_bad_digest_and_nothing_is_stored(enforcing_server, s3, mode, algorithm):
    wrong = checksum_b64(algorithm, b"something else")
    reply = aws_chunked_put(enforcing_server.endpoint, "/chunked/obj", PAYLOAD, mode, algorithm=algorithm,
                            checksum_value=wrong)
    assert reply.status_code == 400
    assert error_code(reply) == "BadDigest"
    assert f"The {algorithm} you specified did not match the calculated checksum." in reply.text
    assert s3.list_objects_v2(Bucket="chunked")["KeyCount"] == 0


def test_signed_chunks_without_trailer_store_the_payload(enforcing_server, s3):
    reply = aws_chunked_put(enforcing_server.endpoint, "/chunked/plain", PAYLOAD, "signed")
    assert reply.status_code == 200, reply.text
    assert reply.headers["ETag"] == '"%s"' % __import__("hashlib").md5(PAYLOAD).hexdigest()
    assert s3.get_object(Bucket="chunked", Key="plain")["Body"].read() == PAYLOAD


def test_a_body_larger_than_the_memory_threshold_is_decoded_to_disk_and_stored(enforcing_server, s3):
    payload = bytes(range(251)) * 12000  # ~2.9 MiB, spooled by the server and by the decoder
    reply = aws_chunked_put(enforcing_server.endpoint, "/chunked/large", payload, "signed-trailer", algorithm="CRC32C")
    assert reply.status_code == 200, reply.text
    assert s3.get_object(Bucket="chunked", Key="large")["Body"].read() == payload


def test_a_checksum_trailer_that_is_not_base64_of_the_right_size_is_invalid_request(enforcing_server, s3):
    reply = aws_chunked_put(enforcing_server.endpoint, "/chunked/obj", PAYLOAD, "unsigned-trailer", algorithm="CRC32",
                            checksum_value="AAAA")
    assert reply.status_code == 400
    assert error_code(reply) == "InvalidRequest"
    assert "Value for x-amz-checksum-crc32 trailing header is invalid." in reply.text


def test_an_upload_part_streamed_with_a_trailer_is_stored_with_its_checksum(enforcing_server, s3):
    upload = s3.create_multipart_upload(Bucket="chunked", Key="mp", ChecksumAlgorithm="CRC32C")
    path = f"/chunked/mp?partNumber=1&uploadId={requests.utils.quote(upload['UploadId'], safe='')}"
    reply = aws_chunked_put(enforcing_server.endpoint, path, PAYLOAD, "signed-trailer", algorithm="CRC32C")
    assert reply.status_code == 200, reply.text
    parts = s3.list_parts(Bucket="chunked", Key="mp", UploadId=upload["UploadId"])["Parts"]
    assert parts[0]["ChecksumCRC32C"] == checksum_b64("CRC32C", PAYLOAD)
    assert parts[0]["Size"] == len(PAYLOAD)
    s3.complete_multipart_upload(
        Bucket="chunked", Key="mp", UploadId=upload["UploadId"],
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": reply.headers["ETag"],
                                    "ChecksumCRC32C": parts[0]["ChecksumCRC32C"]}]})
    assert s3.get_object(Bucket="chunked", Key="mp")["Body"].read() == PAYLOAD
