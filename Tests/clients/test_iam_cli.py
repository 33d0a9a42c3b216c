"""The aws CLI builds an instance role world against the real binary and reads it back."""
import json
import os
import subprocess

import pytest

from conftest import require_tool
from iam_support import EC2_TRUST, clean_environment, instance_role, register_instance


def aws(server, *args, key="test", secret="test", token=None, env=None, check=True):
    require_tool("aws")
    environment = env or {
        **{name: value for name, value in os.environ.items() if not name.startswith("AWS_")},
        "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_DEFAULT_REGION": "us-east-1",
    }
    if token:
        environment["AWS_SESSION_TOKEN"] = token
    result = subprocess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json", *args],
                            env=environment, capture_output=True, text=True, timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout) if result.stdout.strip() else None
    return result


def test_cli_builds_role_instance_profile_and_policy(server, tmp_path):
    trust = tmp_path / "trust.json"
    trust.write_text(json.dumps(EC2_TRUST))
    policy = tmp_path / "pull.json"
    policy.write_text(json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}]}))

    role = aws(server, "iam", "create-role", "--role-name", "aws-elasticbeanstalk-ec2-role",
               "--assume-role-policy-document", f"file://{trust}")["Role"]
    assert role["Arn"] == "arn:aws:iam::000000000000:role/aws-elasticbeanstalk-ec2-role"
    assert role["AssumeRolePolicyDocument"] == EC2_TRUST
    created = aws(server, "iam", "create-policy", "--policy-name", "eb-ecr-token",
                  "--policy-document", f"file://{policy}")["Policy"]
    assert created["Arn"] == "arn:aws:iam::000000000000:policy/eb-ecr-token"
    for arn in [created["Arn"], "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"]:
        aws(server, "iam", "attach-role-policy", "--role-name", "aws-elasticbeanstalk-ec2-role", "--policy-arn", arn)
    aws(server, "iam", "create-instance-profile", "--instance-profile-name", "aws-elasticbeanstalk-ec2-role")
    aws(server, "iam", "add-role-to-instance-profile", "--instance-profile-name", "aws-elasticbeanstalk-ec2-role",
        "--role-name", "aws-elasticbeanstalk-ec2-role")

    profile = aws(server, "iam", "get-instance-profile", "--instance-profile-name",
                  "aws-elasticbeanstalk-ec2-role")["InstanceProfile"]
    assert [r["RoleName"] for r in profile["Roles"]] == ["aws-elasticbeanstalk-ec2-role"]
    attached = aws(server, "iam", "list-attached-role-policies", "--role-name", "aws-elasticbeanstalk-ec2-role")
    assert [p["PolicyName"] for p in attached["AttachedPolicies"]] == [
        "eb-ecr-token", "AmazonEC2ContainerRegistryReadOnly"]
    version = aws(server, "iam", "get-policy-version", "--policy-arn",
                  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly", "--version-id", "v3")
    assert "ecr:BatchGetImage" in version["PolicyVersion"]["Document"]["Statement"][0]["Action"]


def test_cli_shows_iam_errors_in_aws_words(server):
    result = aws(server, "iam", "get-role", "--role-name", "ghost", check=False)
    assert result.returncode != 0  # 255 for CLI v1, 254 for v2
    assert ("An error occurred (NoSuchEntity) when calling the GetRole operation: "
            "The role with name ghost cannot be found.") in result.stderr
    result = aws(server, "iam", "create-role", "--role-name", "bad",
                 "--assume-role-policy-document", "{not json", check=False)
    assert ("An error occurred (MalformedPolicyDocument) when calling the CreateRole operation: "
            "This policy contains invalid Json") in result.stderr


def test_get_caller_identity_with_user_assumed_role_and_instance_keys(enforcing_server):
    s = enforcing_server
    iam = s.client("iam")
    iam.create_user(UserName="alice")
    iam.put_user_policy(UserName="alice", PolicyName="assume", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="alice")["AccessKey"]
    user = aws(s, "sts", "get-caller-identity", key=key["AccessKeyId"], secret=key["SecretAccessKey"])
    assert user["Arn"] == "arn:aws:iam::000000000000:user/alice"
    assert user["UserId"].startswith("AIDA")

    iam.create_role(RoleName="deployer", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"},
                                                "Action": "sts:AssumeRole"}]}))
    assumed = aws(s, "sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/deployer",
                  "--role-session-name", "release-42", key=key["AccessKeyId"], secret=key["SecretAccessKey"])
    credentials = assumed["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    session = aws(s, "sts", "get-caller-identity", key=credentials["AccessKeyId"],
                  secret=credentials["SecretAccessKey"], token=credentials["SessionToken"])
    assert session["Arn"] == "arn:aws:sts::000000000000:assumed-role/deployer/release-42"
    forged = aws(s, "sts", "get-caller-identity", key=credentials["AccessKeyId"],
                 secret=credentials["SecretAccessKey"], token="forged", check=False)
    assert "InvalidClientTokenId" in forged.stderr

    instance_role(s, "web")
    endpoint = register_instance(s, "i-0cafe0000000000a1", "web")
    instance = aws(s, "sts", "get-caller-identity", env=clean_environment(s, endpoint))
    assert instance["Arn"] == "arn:aws:sts::000000000000:assumed-role/web/i-0cafe0000000000a1"
