"""aws-chunked uploads as SDKs send them: signed chunks, unsigned chunks with checksum trailers."""
import base64
import datetime
import hashlib
import hmac
import zlib

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def _key(secret, date, region, service):
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def signed_upload(endpoint, payload, chunk=65536, secret="test", corrupt_chunk=None):
    """PutObject with STREAMING-AWS4-HMAC-SHA256-PAYLOAD, framed and signed by hand."""
    url = endpoint + "/bucket/streamed.bin"
    headers = {
        "X-Amz-Content-SHA256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "Content-Encoding": "aws-chunked",
        "X-Amz-Decoded-Content-Length": str(len(payload)),
    }
    pieces = [payload[i:i + chunk] for i in range(0, len(payload), chunk)] + [b""]
    request = AWSRequest(method="PUT", url=url, headers=headers)
    SigV4Auth(Credentials("test", secret), "s3", "us-east-1").add_auth(request)
    amz_date = request.headers["X-Amz-Date"]
    seed = request.headers["Authorization"].rsplit("Signature=", 1)[1]
    scope = f"{amz_date[:8]}/us-east-1/s3/aws4_request"
    key = _key(secret, amz_date[:8], "us-east-1", "s3")
    body, previous = b"", seed
    for index, piece in enumerate(pieces):
        to_sign = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", amz_date, scope, previous, EMPTY_SHA256,
                             hashlib.sha256(piece).hexdigest()])
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        previous = signature
        if index == corrupt_chunk:
            signature = "0" * 64
        body += f"{len(piece):x};chunk-signature={signature}\r\n".encode() + piece + b"\r\n"
    sent = dict(request.headers)
    sent["Content-Length"] = str(len(body))
    return requests.put(url, data=body, headers=sent)


def unsigned_trailer_upload(endpoint, payload, checksum=None, chunk=8192):
    """PutObject with STREAMING-UNSIGNED-PAYLOAD-TRAILER and a CRC32 trailer, as boto3 sends over HTTPS."""
    url = endpoint + "/bucket/trailer.bin"
    crc = checksum or base64.b64encode(zlib.crc32(payload).to_bytes(4, "big")).decode()
    body = b""
    for i in range(0, len(payload), chunk):
        piece = payload[i:i + chunk]
        body += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    body += b"0\r\n" + f"x-amz-checksum-crc32:{crc}\r\n\r\n".encode()
    headers = {
        "X-Amz-Content-SHA256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "Content-Encoding": "aws-chunked",
        "X-Amz-Decoded-Content-Length": str(len(payload)),
        "X-Amz-Trailer": "x-amz-checksum-crc32",
        "Content-Length": str(len(body)),
    }
    request = AWSRequest(method="PUT", url=url, headers=headers)
    SigV4Auth(Credentials("test", "test"), "s3", "us-east-1").add_auth(request)
    return requests.put(url, data=body, headers=dict(request.headers))


def test_signed_chunks_are_verified_and_decoded(enforcing_server):
    s3 = enforcing_server.client("s3")
    s3.create_bucket(Bucket="bucket")
    reply = signed_upload(enforcing_server.endpoint, bytes(range(256)) * 1000)
    assert reply.status_code == 200, reply.text
    assert s3.get_object(Bucket="bucket", Key="streamed.bin")["Body"].read() == bytes(range(256)) * 1000


def test_a_chunk_with_a_wrong_signature_is_refused(enforcing_server):
    reply = signed_upload(enforcing_server.endpoint, bytes(200_000), corrupt_chunk=1)
    assert reply.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in reply.text


def test_unsigned_chunks_with_a_correct_crc32_trailer_are_accepted(enforcing_server):
    s3 = enforcing_server.client("s3")
    s3.create_bucket(Bucket="bucket")
    reply = unsigned_trailer_upload(enforcing_server.endpoint, b"hello trailer " * 5000)
    assert reply.status_code == 200, reply.text
    assert s3.get_object(Bucket="bucket", Key="trailer.bin")["Body"].read() == b"hello trailer " * 5000


def test_a_crc32_trailer_that_does_not_match_is_bad_digest(enforcing_server):
    reply = unsigned_trailer_upload(enforcing_server.endpoint, b"hello trailer " * 5000, checksum="AAAAAA==")
    assert reply.status_code == 400
    assert "<Code>BadDigest</Code>" in reply.text
    assert "The CRC32 you specified did not match the calculated checksum." in reply.text
