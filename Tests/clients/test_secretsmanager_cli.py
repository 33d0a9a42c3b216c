"""Secrets Manager through the aws CLI, as the Elastic Beanstalk guide's readers would type it."""
import json

from conftest import require_tool
from ssm_support import aws_cli, aws_json



def test_create_get_put_describe_delete(server):
    require_tool("aws")
    created = aws_json(server, 'aws secretsmanager create-secret --name ebapp/quay --secret-string "s3cret"')
    assert created["Name"] == "ebapp/quay"
    value = aws_json(server, f"aws secretsmanager get-secret-value --secret-id {created['ARN']}")
    assert value["SecretString"] == "s3cret"
    aws_json(server, 'aws secretsmanager put-secret-value --secret-id ebapp/quay --secret-string "n3w"')
    text = aws_json(server, "aws secretsmanager get-secret-value --secret-id ebapp/quay --query SecretString")
    assert text == "n3w"
    previous = aws_json(server, "aws secretsmanager get-secret-value --secret-id ebapp/quay --version-stage AWSPREVIOUS")
    assert previous["SecretString"] == "s3cret"
    listed = aws_json(server, "aws secretsmanager list-secrets")
    assert [entry["Name"] for entry in listed["SecretList"]] == ["ebapp/quay"]
    aws_json(server, "aws secretsmanager delete-secret --secret-id ebapp/quay --recovery-window-in-days 7")
    done = aws_cli(server, "aws secretsmanager get-secret-value --secret-id ebapp/quay")
    assert done.returncode != 0
    assert "InvalidRequestException" in done.stderr and "marked for deletion" in done.stderr


def test_missing_secret_message(server):
    require_tool("aws")
    done = aws_cli(server, "aws secretsmanager describe-secret --secret-id nope")
    assert done.returncode in (254, 255)  # aws CLI v2 and v1
    assert ("An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: "
            "Secrets Manager can't find the specified secret.") in done.stderr
