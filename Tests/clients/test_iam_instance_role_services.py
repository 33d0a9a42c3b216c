"""The instance role decides what an EB instance may read: boto3 with credentials from instance
metadata only, against SSM and S3 under --enforce-iam (issue 5)."""
import json

from iam_support import CALL_AND_REPORT, instance_role, register_instance, run_python

READ_PARAMETER = CALL_AND_REPORT + """
print(json.dumps(attempt(lambda: boto3.client("ssm").get_parameter(Name="USER")), default=str))
"""

READ_AUTH_FILE = CALL_AND_REPORT + """
print(json.dumps(attempt(lambda: boto3.client("s3").get_object(Bucket="auth-files", Key="mydockercfg")), default=str))
"""


def seed(server):
    server.client("ssm").put_parameter(Name="USER", Type="String", Value="johndoe")
    s3 = server.client("s3")
    s3.create_bucket(Bucket="auth-files")
    s3.put_object(Bucket="auth-files", Key="mydockercfg", Body=b'{"quay.io": {"auth": "am9objpz"}}')


def test_ssm_read_allowed_by_amazon_ssm_read_only_access(enforcing_server):
    seed(enforcing_server)
    instance_role(enforcing_server, "eb-ssm-reader", managed=["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"])
    endpoint = register_instance(enforcing_server, "i-0aaaaaaaaaaaaaaa1", "eb-ssm-reader")
    result = run_python(enforcing_server, endpoint, READ_PARAMETER)
    assert result["ok"], result
    assert result["response"]["Parameter"]["Value"] == "johndoe"


def test_ssm_read_without_a_policy_is_access_denied_with_iams_message(enforcing_server):
    seed(enforcing_server)
    instance_role(enforcing_server, "eb-bare")
    endpoint = register_instance(enforcing_server, "i-0aaaaaaaaaaaaaaa2", "eb-bare")
    result = run_python(enforcing_server, endpoint, READ_PARAMETER)
    assert (result["ok"], result["code"], result["status"]) == (False, "AccessDeniedException", 400)
    assert result["message"] == (
        "User: arn:aws:sts::000000000000:assumed-role/eb-bare/i-0aaaaaaaaaaaaaaa2 is not authorized to perform: "
        "ssm:GetParameter on resource: arn:aws:ssm:us-east-1:000000000000:parameter/USER "
        "because no identity-based policy allows the ssm:GetParameter action")


def test_ssm_read_denied_by_an_explicit_deny(enforcing_server):
    seed(enforcing_server)
    deny = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "ssm:GetParameter*", "Resource": "arn:aws:ssm:*:*:parameter/USER"}]}
    instance_role(enforcing_server, "eb-denied", managed=["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"],
                  inline={"no-user": deny})
    endpoint = register_instance(enforcing_server, "i-0aaaaaaaaaaaaaaa3", "eb-denied")
    result = run_python(enforcing_server, endpoint, READ_PARAMETER)
    assert result["code"] == "AccessDeniedException"
    assert result["message"].endswith("with an explicit deny in an identity-based policy")


def test_s3_auth_file_read_allowed_by_s3_read_only_and_denied_without(enforcing_server):
    seed(enforcing_server)
    instance_role(enforcing_server, "eb-s3-reader", managed=["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])
    instance_role(enforcing_server, "eb-no-s3")
    allowed = run_python(enforcing_server, register_instance(enforcing_server, "i-0bbbbbbbbbbbbbbb1", "eb-s3-reader"),
                         READ_AUTH_FILE)
    assert allowed["ok"], allowed
    denied = run_python(enforcing_server, register_instance(enforcing_server, "i-0bbbbbbbbbbbbbbb2", "eb-no-s3"),
                        READ_AUTH_FILE)
    assert (denied["code"], denied["status"]) == ("AccessDenied", 403)
    assert denied["message"] == (
        'User: arn:aws:sts::000000000000:assumed-role/eb-no-s3/i-0bbbbbbbbbbbbbbb2 is not authorized to perform: '
        's3:GetObject on resource: "arn:aws:s3:::auth-files/mydockercfg" '
        'because no identity-based policy allows the s3:GetObject action')
