"""Helpers for the hardening tests: raw HTTP over sockets, signed requests, error codes from any
protocol, health and identity of the server process."""
import base64
import datetime
import json
import re
import socket
import urllib.request

import requests
from botocore.auth import SigV4Auth, S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def code(self):
        return error_code(self.body)

    def __repr__(self):
        return f"Reply({self.status}, {self.code!r}, {self.body[:300]!r})"


def error_code(body):
    """The error code of an AWS XML, AWS JSON or registry JSON error body; None when there is none."""
    if isinstance(body, str):
        body = body.encode()
    match = re.search(rb"<Code>([^<]*)</Code>", body)
    if match:
        return match.group(1).decode()
    try:
        document = json.loads(body)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    if "__type" in document:
        return str(document["__type"]).split("#")[-1]
    if isinstance(document.get("errors"), list) and document["errors"]:
        return document["errors"][0].get("code")
    return document.get("code")


def raw(port, data, timeout=10.0, half_close=False):
    """Sends `data` as is on a new connection and reads one response (up to the close, or up to the
    declared Content-Length)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        buffer = b""
        while b"\r\n\r\n" not in buffer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            buffer += chunk
        head, _, body = buffer.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        match = re.match(rb"HTTP/1\.[01] (\d{3})", lines[0] if lines else b"")
        if not match:
            raise AssertionError(f"no HTTP status line in {buffer[:200]!r}")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
        length = int(headers.get("content-length", "0") or 0)
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return Reply(int(match.group(1)), headers, body)
    finally:
        sock.close()


def health(server):
    """Status of /_ebauth/health on a fresh connection."""
    with urllib.request.urlopen(f"{server.endpoint}/_ebauth/health", timeout=10) as response:
        return response.status


def assert_healthy(server, pid):
    assert server.process.poll() is None, f"server exited with {server.process.returncode}:\n{server.stderr()[-3000:]}"
    assert server.process.pid == pid
    assert health(server) == 200


def signed(server, method, path, body=b"", headers=None, service="s3", key="test", secret="test",
           region="us-east-1", when=None, query=""):
    """A SigV4-signed request as a (url, headers) pair; `when` fixes the signing time."""
    url = f"{server.endpoint}{path}" + (f"?{query}" if query else "")
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    signer_class = S3SigV4Auth if service == "s3" else SigV4Auth
    signer = signer_class(Credentials(key, secret), service, region)
    if when is not None:
        import botocore.auth as auth
        original = auth.get_current_datetime
        auth.get_current_datetime = lambda *a, **k: when
        try:
            signer.add_auth(request)
        finally:
            auth.get_current_datetime = original
    else:
        signer.add_auth(request)
    return url, dict(request.headers.items())


def send(server, method, path, body=b"", headers=None, **sign):
    url, all_headers = signed(server, method, path, body, headers, **sign)
    response = requests.request(method, url, data=body, headers=all_headers, timeout=30)
    return Reply(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content)


def ssm(server, target, body, **sign):
    """An SSM JSON 1.1 call with any body bytes."""
    headers = {"X-Amz-Target": f"AmazonSSM.{target}", "Content-Type": "application/x-amz-json-1.1"}
    return send(server, "POST", "/", body if isinstance(body, bytes) else body.encode(), headers, service="ssm", **sign)


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def seed_registry(server, registry):
    request = urllib.request.Request(
        f"{server.endpoint}/_ebauth/registries", data=json.dumps(registry).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        return json.load(response)
