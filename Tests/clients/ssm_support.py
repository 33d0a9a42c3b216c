"""Helpers shared by the SSM client tests (test_ssm_*.py)."""
import json
import os
import subprocess

import pytest
from botocore.exceptions import ClientError


def error_of(call, *args, **kwargs):
    """The error response of a call that must fail: {'Error': {'Code', 'Message'}, 'ResponseMetadata': …}."""
    with pytest.raises(ClientError) as caught:
        call(*args, **kwargs)
    return caught.value.response


def assert_error(response, code, message=None, status=400):
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response
    assert response["Error"]["Code"] == code, response
    if message is not None:
        assert response["Error"]["Message"] == message, response


def expect_error(code, message, call, *args, status=400, **kwargs):
    response = error_of(call, *args, **kwargs)
    assert_error(response, code, message, status)
    return response


def aws_cli(server, command):
    """Runs an `aws ...` command line as written, against `server`, with the conventional test
    credentials; returns the completed process (stdout parsed by the caller)."""
    env = dict(os.environ)
    env.update({
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "AWS_PAGER": "",
    })
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_ENDPOINT_URL", None)
    return subprocess.run(
        f"{command} --endpoint-url {server.endpoint}", shell=True, env=env, capture_output=True, text=True,
        timeout=60)


def aws_json(server, command):
    done = aws_cli(server, command)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}
