"""Secrets (issue 10): no seeded secret — SecureString values, registry passwords, ECR tokens, secret
access keys, session tokens — appears in any log line, report or JSON output.

`ebauth replay` has no log-level option (its in-process server logs at critical), so two tests:
every scenario replayed with --verbose (engine logs) and --json/--junit reports, and a server at
--log-level trace through which the same kinds of secrets are driven, on success and error paths.
"""
import base64
import glob
import json
import os
import subprocess

import pytest
import requests
import yaml

from conftest import BINARY, ROOT, Server
from hardening_support import basic, seed_registry, send, signed, ssm

SCENARIOS = os.path.join(ROOT, "Scenarios")


def scenario_secrets():
    """Every password and SecureString value the scenario files seed, with the forms they travel in."""
    secrets = set()

    def walk(node):
        if isinstance(node, dict):
            if "password" in node and isinstance(node["password"], str):
                secrets.add(node["password"])
                if "user" in node:
                    secrets.add(base64.b64encode(f"{node['user']}:{node['password']}".encode()).decode())
            if node.get("type") == "SecureString" or node.get("name") == "PASSWD":
                secrets.add(str(node["value"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for path in glob.glob(os.path.join(SCENARIOS, "*", "scenario.yml")):
        with open(path) as f:
            walk(yaml.safe_load(f))
    return secrets


def leaks(text, secrets):
    return sorted(secret for secret in secrets if secret in text)


def test_replaying_every_scenario_prints_and_reports_no_secret(tmp_path):
    secrets = scenario_secrets()
    assert {"s3cret", "old-password"} <= secrets
    report, junit = tmp_path / "report.json", tmp_path / "report.xml"
    result = subprocess.run([BINARY, "replay", "--verbose", "--json", str(report), "--junit", str(junit), SCENARIOS],
                            capture_output=True, text=True, timeout=600, cwd=str(tmp_path))
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert " scenarios: " in result.stdout
    outputs = {"stdout": result.stdout, "stderr": result.stderr, "json": report.read_text(), "junit": junit.read_text()}
    assert json.loads(outputs["json"])
    for name, text in outputs.items():
        assert leaks(text, secrets) == [], f"secret in replay {name}"
        # ECR authorization tokens are base64 of "AWS:<password>".
        assert "QVdTO" not in text, f"an ECR authorization token in replay {name}"


def test_a_trace_level_server_logs_no_secret_it_handles(tmp_path):
    server = Server("--log-level", "trace")
    seen = set()
    outputs = []
    try:
        # SSM SecureString: put, get decrypted, by path, history, and an error naming it.
        secure = "securestring-plaintext-4411"
        body = json.dumps({"Name": "/app/db-password", "Value": secure, "Type": "SecureString"})
        assert ssm(server, "PutParameter", body).status == 200
        for target, request in [("GetParameter", {"Name": "/app/db-password", "WithDecryption": True}),
                                ("GetParameters", {"Names": ["/app/db-password"], "WithDecryption": True}),
                                ("GetParametersByPath", {"Path": "/app", "WithDecryption": True}),
                                ("GetParameterHistory", {"Name": "/app/db-password", "WithDecryption": True})]:
            reply = ssm(server, target, json.dumps(request))
            assert reply.status == 200 and secure.encode() in reply.body
            outputs.append(reply.body)
        reply = ssm(server, "PutParameter", json.dumps({"Name": "/app/db-password", "Value": secure, "Type": "SecureString"}))
        assert reply.code == "ParameterAlreadyExists"
        reply = ssm(server, "PutParameter", json.dumps({"Name": "/app/x", "Value": secure, "Type": "Secure"}))
        assert reply.status == 400
        assert secure.encode() not in reply.body
        seen.add(secure)

        # IAM secret access keys and STS session credentials.
        iam = server.client("iam")
        iam.create_user(UserName="deployer")
        key = iam.create_access_key(UserName="deployer")["AccessKey"]
        seen.add(key["SecretAccessKey"])
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}))
        assumed = server.client("sts").assume_role(RoleArn="arn:aws:iam::000000000000:role/r", RoleSessionName="session")
        seen.update([assumed["Credentials"]["SecretAccessKey"], assumed["Credentials"]["SessionToken"]])
        # Requests signed with those secrets, good and bad.
        assert send(server, "GET", "/", key=key["AccessKeyId"], secret=key["SecretAccessKey"]).status == 200

        # ECR authorization token, used against the ECR registry.
        token = server.client("ecr").get_authorization_token()["authorizationData"][0]["authorizationToken"]
        password = base64.b64decode(token).decode().partition(":")[2]
        seen.update([token, password])
        response = requests.get(f"{server.endpoint}/v2/", headers={"Authorization": f"Basic {token}"}, timeout=10)
        assert response.status_code == 200
        response = requests.get(f"{server.endpoint}/v2/", headers={"Authorization": basic("AWS", password + "x")}, timeout=10)
        assert response.status_code == 400  # ECR answers a password that is no token of its own with 400
        outputs.append(response.content)

        # A third-party registry's password: seeded, used right and wrong, listed.
        registry_password = "third-party-registry-pw-8802"
        seen.add(registry_password)
        seed_registry(server, {"host": "registry.secret.test", "aliases": ["127.0.0.1"], "auth": "basic",
                               "users": [{"user": "johndoe", "password": registry_password}],
                               "images": [{"repository": "johndoe/app", "tag": "latest"}]})
        headers = {"Host": "127.0.0.1", "Accept": "application/vnd.docker.distribution.manifest.v2+json"}
        ok = requests.get(f"{server.endpoint}/v2/johndoe/app/manifests/latest",
                          headers={**headers, "Authorization": basic("johndoe", registry_password)}, timeout=10)
        assert ok.status_code == 200
        bad = requests.get(f"{server.endpoint}/v2/johndoe/app/manifests/latest",
                           headers={**headers, "Authorization": basic("johndoe", registry_password + "-wrong")}, timeout=10)
        assert bad.status_code == 401
        listing = requests.get(f"{server.endpoint}/_ebauth/registries", timeout=10)
        outputs += [listing.content, bad.content]
        seen.add(basic("johndoe", registry_password).split()[1])
    finally:
        server.terminate()
    log = server.stderr() + "".join(server.banner)
    assert "debug" in log.lower() or "trace" in log.lower(), "the server logged nothing at trace level"
    assert leaks(log, seen) == [], "secret in the server log"
    for body in outputs:
        assert leaks(body.decode("utf-8", "replace"), seen - {secure}) == [], "secret in a response that must not hold it"
