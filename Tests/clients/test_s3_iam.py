"""S3 under --enforce-iam: every operation asks IAM with s3:* actions on arn:aws:s3:::bucket[/key],
bucket policies are resource policies, and a missing key without s3:ListBucket is 403, not 404."""
import json

import pytest

from iam_support import CALL_AND_REPORT, instance_role, register_instance, run_python
from s3_support import error_of


def user_client(server, name, statements):
    """An IAM user with one inline policy, and an S3 client signing with its key."""
    iam = server.client("iam")
    iam.create_user(UserName=name)
    if statements:
        iam.put_user_policy(UserName=name, PolicyName="s3", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": statements}))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return server.client("s3", key=key["AccessKeyId"], secret=key["SecretAccessKey"])


@pytest.fixture
def bucket(enforcing_server):
    admin = enforcing_server.client("s3")
    admin.create_bucket(Bucket="guarded")
    admin.put_object(Bucket="guarded", Key="auth/dockercfg", Body=b'{"auths": {}}')
    return admin


GET_ONLY = [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::guarded/*"}]
LIST = {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::guarded"}


def test_get_object_allowed_by_an_identity_policy(enforcing_server, bucket):
    reader = user_client(enforcing_server, "reader", GET_ONLY)
    assert reader.get_object(Bucket="guarded", Key="auth/dockercfg")["Body"].read() == b'{"auths": {}}'


def test_a_missing_key_without_list_bucket_is_access_denied(enforcing_server, bucket):
    reader = user_client(enforcing_server, "reader", GET_ONLY)
    response = error_of(lambda: reader.get_object(Bucket="guarded", Key="auth/mistyped"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "AccessDenied"
    assert response["Error"]["Message"] == (
        'User: arn:aws:iam::000000000000:user/reader is not authorized to perform: s3:ListBucket on resource: '
        '"arn:aws:s3:::guarded" because no identity-based policy allows the s3:ListBucket action')


def test_a_missing_key_with_list_bucket_is_no_such_key(enforcing_server, bucket):
    lister = user_client(enforcing_server, "lister", GET_ONLY + [LIST])
    response = error_of(lambda: lister.get_object(Bucket="guarded", Key="auth/mistyped"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["Error"]["Code"] == "NoSuchKey"


def test_a_write_without_permission_is_denied_with_the_quoted_object_arn(enforcing_server, bucket):
    reader = user_client(enforcing_server, "reader", GET_ONLY)
    response = error_of(lambda: reader.put_object(Bucket="guarded", Key="new", Body=b"x"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Message"] == (
        'User: arn:aws:iam::000000000000:user/reader is not authorized to perform: s3:PutObject on resource: '
        '"arn:aws:s3:::guarded/new" because no identity-based policy allows the s3:PutObject action')


def test_a_bucket_policy_grants_what_the_identity_policy_does_not(enforcing_server, bucket):
    writer = user_client(enforcing_server, "writer", [])
    assert error_of(lambda: writer.put_object(Bucket="guarded", Key="drop/x", Body=b"x"))["Error"]["Code"] == "AccessDenied"
    bucket.put_bucket_policy(Bucket="guarded", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:user/writer"},
        "Action": "s3:PutObject", "Resource": "arn:aws:s3:::guarded/drop/*"}]}))
    writer.put_object(Bucket="guarded", Key="drop/x", Body=b"x")
    assert error_of(lambda: writer.put_object(Bucket="guarded", Key="elsewhere", Body=b"x"))["Error"]["Code"] == "AccessDenied"


def test_an_explicit_deny_in_the_bucket_policy_wins(enforcing_server, bucket):
    reader = user_client(enforcing_server, "reader", GET_ONLY)
    bucket.put_bucket_policy(Bucket="guarded", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::guarded/auth/*"}]}))
    response = error_of(lambda: reader.get_object(Bucket="guarded", Key="auth/dockercfg"))
    assert response["Error"]["Message"] == (
        'User: arn:aws:iam::000000000000:user/reader is not authorized to perform: s3:GetObject on resource: '
        '"arn:aws:s3:::guarded/auth/dockercfg" with an explicit deny in a resource-based policy')


def test_list_bucket_conditions_on_prefix(enforcing_server, bucket):
    scoped = user_client(enforcing_server, "scoped", [{
        "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::guarded",
        "Condition": {"StringLike": {"s3:prefix": "auth/*"}}}])
    assert [o["Key"] for o in scoped.list_objects_v2(Bucket="guarded", Prefix="auth/")["Contents"]] == ["auth/dockercfg"]
    assert error_of(lambda: scoped.list_objects_v2(Bucket="guarded"))["Error"]["Code"] == "AccessDenied"


DOWNLOAD = CALL_AND_REPORT + """
s3 = boto3.client("s3")
found = attempt(lambda: s3.get_object(Bucket="eb-auth", Key="mydockercfg"))
body = found["response"]["Body"].read().decode() if found["ok"] else None
print(json.dumps({"found": found["ok"], "body": body,
                  "mistyped": attempt(lambda: s3.get_object(Bucket="eb-auth", Key="mydockercfg.json"))}, default=str))
"""


def test_the_beanstalk_instance_role_reads_the_auth_file_and_gets_403_for_a_mistyped_key(enforcing_server):
    s = enforcing_server
    admin = s.client("s3")
    admin.create_bucket(Bucket="eb-auth")
    admin.put_object(Bucket="eb-auth", Key="mydockercfg", Body=b'{"quay.io": {"auth": "am9objpzM2NyZXQ="}}')
    instance_role(s, "aws-elasticbeanstalk-ec2-role", inline={"auth-file": {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::eb-auth/*"}]}})
    endpoint = register_instance(s, "i-0eb0000000000auth", "aws-elasticbeanstalk-ec2-role")
    report = run_python(s, endpoint, DOWNLOAD)
    assert report["found"], report
    assert report["body"] == '{"quay.io": {"auth": "am9objpzM2NyZXQ="}}'
    assert report["mistyped"]["status"] == 403
    assert report["mistyped"]["code"] == "AccessDenied"
    assert "assumed-role/aws-elasticbeanstalk-ec2-role/i-0eb0000000000auth" in report["mistyped"]["message"]
