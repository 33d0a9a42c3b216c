"""Helpers for the IAM/STS/instance-metadata tests: build a world with boto3, run clients that
take their credentials from the instance metadata service, in a clean environment."""
import json
import os
import subprocess
import sys
import tempfile

import requests

EC2_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def instance_role(server, name, managed=(), inline=None, trust=EC2_TRUST):
    """A role with an instance profile of the same name; returns the role ARN."""
    iam = server.client("iam")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    for policy_arn in managed:
        iam.attach_role_policy(RoleName=name, PolicyArn=policy_arn)
    for policy_name, document in (inline or {}).items():
        iam.put_role_policy(RoleName=name, PolicyName=policy_name, PolicyDocument=json.dumps(document))
    iam.create_instance_profile(InstanceProfileName=name)
    iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
    return arn


def register_instance(server, instance_id, profile, **extra):
    """Registers an emulated EC2 instance; returns its own metadata endpoint."""
    reply = requests.post(server.endpoint + "/_ebauth/instance",
                          json={"instanceId": instance_id, "instanceProfileName": profile, **extra})
    assert reply.status_code == 200, reply.text
    return reply.json()["metadataEndpoint"]


def clean_environment(server, metadata_endpoint):
    """No static keys, no config files: the SDK must find credentials in instance metadata."""
    empty = tempfile.mkdtemp(prefix="ebauth-noconfig-")
    env = {name: value for name, value in os.environ.items() if name.startswith("PYENV") or name in ("PATH", "HOME", "LANG")}
    env.update({
        "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata_endpoint,
        "AWS_ENDPOINT_URL": server.endpoint,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.path.join(empty, "config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(empty, "credentials"),
    })
    return env


def run_python(server, metadata_endpoint, code):
    """Runs `code` in a fresh interpreter whose boto3 has only instance metadata to go on;
    the code prints one JSON document, which is returned."""
    result = subprocess.run([sys.executable, "-c", code], env=clean_environment(server, metadata_endpoint),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


CALL_AND_REPORT = """
import json, boto3
from botocore.exceptions import ClientError
def attempt(call):
    try:
        response = call()
        return {"ok": True, "requestId": response["ResponseMetadata"]["RequestId"], "response": response}
    except ClientError as error:
        return {"ok": False, "code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"],
                "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
                "requestId": error.response["ResponseMetadata"]["RequestId"]}
"""
