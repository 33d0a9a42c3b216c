"""Every protocol answers an operation AWS has but ebauth has not built with its own error shape."""
import json
import subprocess

import pytest
import requests
from botocore.exceptions import ClientError

from conftest import require_tool


def error_of(call):
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value.response


def test_json_service_answers_not_implemented_naming_the_operation(server):
    response = error_of(lambda: server.client("ssm").send_command(DocumentName="AWS-RunShellScript", InstanceIds=["i-0123456789abcdef0"]))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["Error"]["Code"] == "NotImplemented"
    assert response["Error"]["Message"] == "The operation 'SendCommand' of service 'ssm' is not implemented by ebauth yet."
    assert response["ResponseMetadata"]["RequestId"]


def test_ecr_answers_not_implemented(server):
    # Image scanning is one of the ECR operations ebauth does not build.
    response = error_of(lambda: server.client("ecr").start_image_scan(repositoryName="web/app", imageId={"imageTag": "v1"}))
    assert response["Error"]["Code"] == "NotImplemented"
    assert "'StartImageScan' of service 'ecr'" in response["Error"]["Message"]


def test_rest_xml_service_answers_not_implemented_with_request_id(server):
    response = error_of(lambda: server.client("s3").get_bucket_acl(Bucket="b"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["Error"]["Code"] == "NotImplemented"
    assert "'GetBucketAcl' of service 's3'" in response["Error"]["Message"]
    assert len(response["ResponseMetadata"]["RequestId"]) == 16
    assert response["ResponseMetadata"]["HostId"]


def test_s3_object_operation_is_named_from_method_path_and_query(server):
    s3 = server.client("s3")
    response = error_of(lambda: s3.get_object_acl(Bucket="b", Key="k/x.txt"))
    assert "'GetObjectAcl' of service 's3'" in response["Error"]["Message"]
    response = error_of(lambda: s3.get_object_attributes(Bucket="b", Key="k", ObjectAttributes=["ETag"]))
    assert "'GetObjectAttributes' of service 's3'" in response["Error"]["Message"]


def test_query_services_answer_not_implemented_in_error_response_xml(server):
    response = error_of(lambda: server.client("iam").list_groups())
    assert response["Error"]["Code"] == "NotImplemented"
    assert response["Error"]["Type"] == "Receiver"
    assert "'ListGroups' of service 'iam'" in response["Error"]["Message"]
    response = error_of(lambda: server.client("sts").get_session_token())
    assert "'GetSessionToken' of service 'sts'" in response["Error"]["Message"]


def test_unknown_target_answers_unknown_operation_exception(server):
    reply = requests.post(
        server.endpoint,
        headers={"X-Amz-Target": "AmazonSSM.FlyToTheMoon", "Content-Type": "application/x-amz-json-1.1"},
        data="{}",
    )
    assert reply.status_code == 400
    assert reply.headers["X-Amzn-ErrorType"] == "UnknownOperationException"
    assert json.loads(reply.text)["__type"] == "UnknownOperationException"


def test_query_service_with_unknown_action_answers_invalid_action(server):
    iam = server.client("iam")
    iam.meta.events.register("before-sign.iam.ListRoles", lambda request, **_: _rename_action(request))
    response = error_of(lambda: iam.list_roles())
    assert response["Error"]["Code"] == "InvalidAction"
    assert response["Error"]["Message"] == "Could not find operation FlyToTheMoon for version 2010-05-08"


def _rename_action(request):
    request.data["Action"] = "FlyToTheMoon"


def test_aws_cli_prints_the_not_implemented_error(server):
    aws = require_tool("aws")
    env = {
        "PATH": "/usr/bin:/bin:/usr/local/bin:" + aws.rsplit("/", 1)[0],
        "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_MAX_ATTEMPTS": "1", "HOME": "/tmp",
    }
    result = subprocess.run(
        [aws, "--endpoint-url", server.endpoint, "ssm", "list-documents"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode in (254, 255)  # awscli v2 and v1 exit codes for a service error
    assert "An error occurred (NotImplemented) when calling the ListDocuments operation" in result.stderr


def test_health_reports_version_and_services(server):
    reply = requests.get(server.endpoint + "/_ebauth/health")
    assert reply.status_code == 200
    health = reply.json()
    assert health["status"] == "running"
    assert health["version"] == "0.1.0"
    assert set(["ssm", "ecr", "s3", "iam", "sts"]) <= set(health["services"])
