"""Secrets Manager through boto3: secrets, versions and stages, deletion, tags, IAM."""
import json

import pytest
from ssm_support import error_of, assert_error, expect_error

NOT_FOUND = "Secrets Manager can't find the specified secret."
MARKED = "You can't perform this operation on the secret because it was marked for deletion."


def test_create_and_read_by_name_arn_and_partial_arn(server):
    sm = server.client("secretsmanager")
    created = sm.create_secret(Name="ebapp/registry", SecretString="s3cret", Tags=[{"Key": "app", "Value": "eb"}])
    arn = created["ARN"]
    prefix = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ebapp/registry-"
    assert arn.startswith(prefix) and len(arn) == len(prefix) + 6
    for secret_id in ("ebapp/registry", arn, prefix[:-1]):
        value = sm.get_secret_value(SecretId=secret_id)
        assert value["SecretString"] == "s3cret"
        assert value["ARN"] == arn
        assert value["VersionStages"] == ["AWSCURRENT"]
        assert value["VersionId"] == created["VersionId"]
    described = sm.describe_secret(SecretId=arn)
    assert described["Name"] == "ebapp/registry"
    assert described["Tags"] == [{"Key": "app", "Value": "eb"}]
    assert described["VersionIdsToStages"] == {created["VersionId"]: ["AWSCURRENT"]}
    assert "KmsKeyId" not in described


def test_binary_secret_round_trip(server):
    sm = server.client("secretsmanager")
    sm.create_secret(Name="bin", SecretBinary=b"\x00\x01\xff")
    value = sm.get_secret_value(SecretId="bin")
    assert value["SecretBinary"] == b"\x00\x01\xff"
    assert "SecretString" not in value


def test_put_secret_value_moves_stages(server):
    sm = server.client("secretsmanager")
    first = sm.create_secret(Name="db", SecretString=json.dumps({"password": "one"}))["VersionId"]
    second = sm.put_secret_value(SecretId="db", SecretString=json.dumps({"password": "two"}))
    assert second["VersionStages"] == ["AWSCURRENT"]
    assert json.loads(sm.get_secret_value(SecretId="db")["SecretString"]) == {"password": "two"}
    previous = sm.get_secret_value(SecretId="db", VersionStage="AWSPREVIOUS")
    assert previous["VersionId"] == first
    assert sm.get_secret_value(SecretId="db", VersionId=first)["VersionStages"] == ["AWSPREVIOUS"]
    expect_error("ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
                 sm.get_secret_value, SecretId="db", VersionStage="AWSPENDING")


def test_errors_as_aws_sends_them(server):
    sm = server.client("secretsmanager")
    expect_error("ResourceNotFoundException", NOT_FOUND, sm.get_secret_value, SecretId="missing")
    expect_error("ResourceNotFoundException", NOT_FOUND, sm.describe_secret,
                 SecretId="arn:aws:secretsmanager:us-east-1:000000000000:secret:missing-AbCdEf")
    sm.create_secret(Name="dup", SecretString="v")
    expect_error("ResourceExistsException", "The operation failed because the secret dup already exists.",
                 sm.create_secret, Name="dup", SecretString="v")
    expect_error("InvalidParameterException",
                 "You can't specify both a binary secret value and a string secret value in the same secret.",
                 sm.create_secret, Name="both", SecretString="v", SecretBinary=b"v")


def test_delete_restore_and_force_delete(server):
    sm = server.client("secretsmanager")
    sm.create_secret(Name="gone", SecretString="v")
    deleted = sm.delete_secret(SecretId="gone", RecoveryWindowInDays=7)
    assert deleted["Name"] == "gone"
    expect_error("InvalidRequestException", MARKED, sm.get_secret_value, SecretId="gone")
    expect_error("InvalidRequestException", MARKED, sm.put_secret_value, SecretId="gone", SecretString="w")
    assert "DeletedDate" in sm.describe_secret(SecretId="gone")
    assert [s["Name"] for s in sm.list_secrets()["SecretList"]] == []
    assert [s["Name"] for s in sm.list_secrets(IncludePlannedDeletion=True)["SecretList"]] == ["gone"]
    sm.restore_secret(SecretId="gone")
    assert sm.get_secret_value(SecretId="gone")["SecretString"] == "v"
    sm.delete_secret(SecretId="gone", ForceDeleteWithoutRecovery=True)
    expect_error("ResourceNotFoundException", NOT_FOUND, sm.describe_secret, SecretId="gone")
    expect_error("InvalidParameterException",
                 "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
                 sm.delete_secret, SecretId="x", RecoveryWindowInDays=3)


def test_list_secrets_pages_with_the_paginator(server):
    sm = server.client("secretsmanager")
    names = [f"app/s{index:02d}" for index in range(7)]
    for name in names:
        sm.create_secret(Name=name, SecretString="v")
    first = sm.list_secrets(MaxResults=3)
    assert len(first["SecretList"]) == 3 and "NextToken" in first
    pages = sm.get_paginator("list_secrets").paginate(PaginationConfig={"PageSize": 3})
    assert [s["Name"] for page in pages for s in page["SecretList"]] == names
    filtered = sm.list_secrets(Filters=[{"Key": "name", "Values": ["app/s0"]}])["SecretList"]
    assert len(filtered) == 7


def test_tag_and_untag(server):
    sm = server.client("secretsmanager")
    sm.create_secret(Name="t", SecretString="v")
    sm.tag_resource(SecretId="t", Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    sm.untag_resource(SecretId="t", TagKeys=["a"])
    assert sm.describe_secret(SecretId="t")["Tags"] == [{"Key": "b", "Value": "2"}]


def test_operations_not_built_answer_501(server):
    sm = server.client("secretsmanager")
    response = error_of(sm.rotate_secret, SecretId="x")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_iam_decides_get_secret_value(enforcing_server):
    iam = enforcing_server.client("iam")
    sm = enforcing_server.client("secretsmanager")
    arn = sm.create_secret(Name="prod/db", SecretString="pw")["ARN"]
    iam.create_user(UserName="app")
    key = iam.create_access_key(UserName="app")["AccessKey"]
    app = enforcing_server.client("secretsmanager", key=key["AccessKeyId"], secret=key["SecretAccessKey"])
    response = error_of(app.get_secret_value, SecretId="prod/db")
    assert_error(response, "AccessDeniedException", status=400)
    message = response["Error"]["Message"]
    assert "arn:aws:iam::000000000000:user/app" in message
    assert "secretsmanager:GetSecretValue" in message and arn in message
    iam.put_user_policy(UserName="app", PolicyName="read", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                       "Resource": "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/*"}]}))
    assert app.get_secret_value(SecretId="prod/db")["SecretString"] == "pw"
    assert_error(error_of(app.describe_secret, SecretId="prod/db"), "AccessDeniedException")
    iam.put_user_policy(UserName="app", PolicyName="no-kms", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}]}))
    assert_error(error_of(app.get_secret_value, SecretId="prod/db"), "AccessDeniedException")


def test_values_are_encrypted_at_rest(state_dir):
    from conftest import Server
    import glob
    import os
    server = Server(state=state_dir)
    try:
        secret = "plaintext-that-must-not-be-stored-7f3a"
        server.client("secretsmanager").create_secret(Name="enc", SecretString=secret)
    finally:
        server.terminate()
    for path in glob.glob(os.path.join(state_dir, "**", "*"), recursive=True):
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                assert secret.encode() not in handle.read(), path
    again = Server(state=state_dir)
    try:
        assert again.client("secretsmanager").get_secret_value(SecretId="enc")["SecretString"] == secret
    finally:
        again.terminate()
