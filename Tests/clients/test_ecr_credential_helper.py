"""Tier 2: amazon-ecr-credential-helper (`docker-credential-ecr-login`, Debian's package).

The helper (0.6.x, aws-sdk-go-v2 of 2022) predates `AWS_ENDPOINT_URL` and always calls
`https://api.ecr.<region>.amazonaws.com`. It does honour `HTTPS_PROXY` and `SSL_CERT_FILE`, so
the test points it at a small CONNECT proxy that terminates TLS with a certificate from a test
CA and passes the plain HTTP on to ebauth. The helper's SigV4 signature is over the real host
name, which the proxy leaves untouched, so ebauth checks it as AWS would.
"""
import base64
import json
import os
import select
import socket
import ssl
import subprocess
import threading

import pytest
import requests

from conftest import Server, require_tool
from ecr_support import Skopeo, layout_digest, make_oci_layout

API_HOST = "api.ecr.us-east-1.amazonaws.com"


def make_certificates(directory):
    """A CA and a certificate for the ECR API host signed by it; returns (ca, cert, key) paths."""
    openssl = require_tool("openssl")
    ca_key, ca, key, csr, cert = (os.path.join(directory, n) for n in ("ca.key", "ca.pem", "api.key", "api.csr", "api.pem"))
    ext = os.path.join(directory, "api.ext")
    with open(ext, "w") as f:
        f.write(f"subjectAltName=DNS:{API_HOST}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\n")
    for command in (
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
         "-subj", "/CN=ebauth test CA"],
        [openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", f"/CN={API_HOST}"],
        [openssl, "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2",
         "-extfile", ext],
    ):
        subprocess.run(command, check=True, capture_output=True, timeout=60)
    return ca, cert, key


class TLSTerminatingProxy:
    """Accepts `CONNECT host:443`, speaks TLS as that host, relays plain bytes to `target_port`."""

    def __init__(self, cert, key, target_port):
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connects = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(client,), daemon=True).start()

    def handle(self, client):
        try:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            self.connects.append(head.split(b"\r\n")[0].decode())
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            tls = self.context.wrap_socket(client, server_side=True)
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            sockets = [tls, upstream]
            while True:
                readable = [tls] if tls.pending() else select.select(sockets, [], [], 30)[0]
                if not readable:
                    return
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is tls else tls).sendall(data)
        except (OSError, ssl.SSLError):
            return
        finally:
            client.close()

    def close(self):
        self.listener.close()


@pytest.fixture
def ecr():
    server = Server()
    yield server
    server.terminate()


def test_credential_helper_returns_credentials_that_pull(ecr, tmp_path):
    helper = require_tool("docker-credential-ecr-login")
    client = ecr.client("ecr")
    client.create_repository(repositoryName="web/app")
    ca, cert, key = make_certificates(str(tmp_path))
    proxy = TLSTerminatingProxy(cert, key, ecr.port)
    try:
        env = {
            "PATH": os.environ["PATH"], "HOME": str(tmp_path), "HTTPS_PROXY": f"http://127.0.0.1:{proxy.port}",
            "SSL_CERT_FILE": ca, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_ECR_DISABLE_CACHE": "true", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": str(tmp_path / "none"), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        }
        server_url = "000000000000.dkr.ecr.us-east-1.amazonaws.com"
        result = subprocess.run([helper, "get"], input=server_url, capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        credentials = json.loads(result.stdout)
    finally:
        proxy.close()
    assert proxy.connects == [f"CONNECT {API_HOST}:443 HTTP/1.1"]
    assert credentials["Username"] == "AWS"
    assert "GetAuthorizationToken 200" in ecr.stderr()

    # The credentials work: a push and pull with skopeo, and a manifest GET addressed to the
    # real ECR name (as a client that maps it to 127.0.0.1 in /etc/hosts sends it).
    creds = f"AWS:{credentials['Secret']}"
    source, copy = str(tmp_path / "source"), str(tmp_path / "copy")
    digest = make_oci_layout(source, "credential-helper")
    skopeo = Skopeo(str(tmp_path))
    assert skopeo.push(source, f"127.0.0.1:{ecr.port}/web/app:v1", creds=creds).returncode == 0
    pulled = skopeo.pull(f"127.0.0.1:{ecr.port}/web/app:v1", copy, creds=creds)
    assert pulled.returncode == 0, pulled.stderr
    assert layout_digest(copy) == digest
    manifest = requests.get(
        f"{ecr.endpoint}/v2/web/app/manifests/v1",
        headers={"Host": server_url, "Accept": "application/vnd.oci.image.manifest.v1+json",
                 "Authorization": "Basic " + base64.b64encode(creds.encode()).decode()})
    assert manifest.status_code == 200
    assert manifest.headers["Docker-Content-Digest"] == digest
