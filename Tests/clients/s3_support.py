"""Helpers for the S3 client tests: raw signed requests, aws-chunked bodies, checksums Python lacks."""
import base64
import datetime
import hashlib
import hmac
import zlib

import pytest
import requests
from botocore.auth import SigV4Auth, S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def error_of(call):
    """The parsed error response of a call that must fail."""
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value.response


def b64(data):
    return base64.b64encode(data).decode()


def md5_b64(data):
    return b64(hashlib.md5(data).digest())


# --- checksums --------------------------------------------------------------------------------------------

def _table(polynomial, width):
    table = []
    for index in range(256):
        crc = index
        for _ in range(8):
            crc = (crc >> 1) ^ polynomial if crc & 1 else crc >> 1
        table.append(crc & ((1 << width) - 1))
    return table


_CRC32C = _table(0x82F63B78, 32)
_CRC64NVME = _table(0x9A6C9329AC4BC9B5, 64)


def _reflected(data, table, width):
    mask = (1 << width) - 1
    crc = mask
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ mask


def checksum(algorithm, data):
    """Raw big-endian digest of `data` for an S3 checksum algorithm."""
    algorithm = algorithm.lower()
    if algorithm == "crc32":
        return zlib.crc32(data).to_bytes(4, "big")
    if algorithm == "crc32c":
        return _reflected(data, _CRC32C, 32).to_bytes(4, "big")
    if algorithm == "crc64nvme":
        return _reflected(data, _CRC64NVME, 64).to_bytes(8, "big")
    if algorithm == "sha1":
        return hashlib.sha1(data).digest()
    if algorithm == "sha256":
        return hashlib.sha256(data).digest()
    raise ValueError(algorithm)


def checksum_b64(algorithm, data):
    return b64(checksum(algorithm, data))


# --- raw signed requests ----------------------------------------------------------------------------------

def signed(endpoint, method, path, region="us-east-1", headers=None, body=b"", host=None, key="test",
           secret="test", payload_hash=None):
    """Sends a SigV4-signed request built by hand, so tests can see S3's first answer
    (boto3 follows region redirects silently)."""
    url = endpoint + path
    headers = dict(headers or {})
    headers["X-Amz-Content-SHA256"] = payload_hash or hashlib.sha256(body).hexdigest()
    if host:
        headers["Host"] = host
    request = AWSRequest(method=method, url=url, headers=headers, data=body)
    S3SigV4Auth(Credentials(key, secret), "s3", region).add_auth(request)
    sent = dict(request.headers)
    return requests.request(method, url, headers=sent, data=body, allow_redirects=False)


def _signing_key(secret, date, region):
    key = ("AWS4" + secret).encode()
    for part in (date, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def aws_chunked_put(endpoint, path, payload, mode, algorithm=None, checksum_value=None, chunk=65536,
                    region="us-east-1", secret="test", extra_headers=None):
    """PutObject (or UploadPart) with an aws-chunked body as SDKs stream it.

    mode: "unsigned-trailer" (STREAMING-UNSIGNED-PAYLOAD-TRAILER), "signed" (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)
    or "signed-trailer" (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER). With `algorithm`, a
    x-amz-checksum-<algorithm> trailer carries `checksum_value` (default: the right one)."""
    url = endpoint + path
    content_sha = {
        "unsigned-trailer": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "signed": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "signed-trailer": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
    }[mode]
    headers = {
        "X-Amz-Content-SHA256": content_sha,
        "Content-Encoding": "aws-chunked",
        "X-Amz-Decoded-Content-Length": str(len(payload)),
    }
    headers.update(extra_headers or {})
    trailer_name = None
    if algorithm:
        trailer_name = "x-amz-checksum-" + algorithm.lower()
        headers["X-Amz-Trailer"] = trailer_name
        checksum_value = checksum_value or checksum_b64(algorithm, payload)
    request = AWSRequest(method="PUT", url=url, headers=headers)
    # SigV4Auth signs the X-Amz-Content-SHA256 given; S3SigV4Auth would replace it.
    SigV4Auth(Credentials("test", secret), "s3", region).add_auth(request)
    pieces = [payload[i:i + chunk] for i in range(0, len(payload), chunk)]
    body = b""
    if mode == "unsigned-trailer":
        for piece in pieces:
            body += b"%x\r\n" % len(piece) + piece + b"\r\n"
        body += b"0\r\n"
        if trailer_name:
            body += f"{trailer_name}:{checksum_value}\r\n".encode()
        body += b"\r\n"
    else:
        amz_date = request.headers["X-Amz-Date"]
        scope = f"{amz_date[:8]}/{region}/s3/aws4_request"
        key = _signing_key(secret, amz_date[:8], region)
        previous = request.headers["Authorization"].rsplit("Signature=", 1)[1]

        def sign(kind, digest):
            text = "\n".join([kind, amz_date, scope, previous, *digest])
            return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()

        for piece in pieces + [b""]:
            previous = sign("AWS4-HMAC-SHA256-PAYLOAD", [EMPTY_SHA256, hashlib.sha256(piece).hexdigest()])
            body += b"%x;chunk-signature=%s\r\n" % (len(piece), previous.encode()) + piece
            body += b"\r\n" if piece or mode == "signed" else b""
        if mode == "signed-trailer":
            trailer = f"{trailer_name}:{checksum_value}\n" if trailer_name else "\n"
            body += trailer.replace("\n", "\r\n").encode() if trailer_name else b""
            signature = sign("AWS4-HMAC-SHA256-TRAILER", [hashlib.sha256(trailer.encode()).hexdigest()])
            body += f"x-amz-trailer-signature:{signature}\r\n\r\n".encode()
    sent = dict(request.headers)
    sent["Content-Length"] = str(len(body))
    return requests.put(url, data=body, headers=sent)


def error_code(reply):
    """`<Code>` of an S3 error document."""
    text = reply.text
    start = text.find("<Code>")
    return text[start + 6:text.find("</Code>")] if start >= 0 else None
