"""boto3 with credentials from the instance metadata service, under --enforce-iam: the role's
policies decide, with IAM's own AccessDenied texts, and every decision is explained."""
import requests

from iam_support import CALL_AND_REPORT, instance_role, register_instance, run_python

READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"

LIST_ROLES = CALL_AND_REPORT + """
sts, iam = boto3.client("sts"), boto3.client("iam")
print(json.dumps({"identity": sts.get_caller_identity()["Arn"],
                  "listRoles": attempt(lambda: iam.list_roles()),
                  "source": boto3.Session().get_credentials().method}, default=str))
"""


def test_boto3_takes_instance_credentials_and_is_the_instance_role(enforcing_server):
    s = enforcing_server
    instance_role(s, "reader", managed=[READ_ONLY])
    endpoint = register_instance(s, "i-0123456789abcdef0", "reader")
    # The default endpoint (/latest/ of the last registered instance) works the same.
    for metadata in [s.endpoint + "/", endpoint]:
        report = run_python(s, metadata, LIST_ROLES)
        assert report["source"] == "iam-role"
        assert report["identity"] == "arn:aws:sts::000000000000:assumed-role/reader/i-0123456789abcdef0"
        assert report["listRoles"]["ok"], report
        assert "reader" in [r["RoleName"] for r in report["listRoles"]["response"]["Roles"]]


def test_role_without_the_policy_is_denied_with_iams_message_and_the_decision_is_explained(enforcing_server):
    s = enforcing_server
    instance_role(s, "bare")
    endpoint = register_instance(s, "i-0000000000000bare", "bare")
    denied = run_python(s, endpoint, LIST_ROLES)["listRoles"]
    assert not denied["ok"]
    assert (denied["code"], denied["status"]) == ("AccessDenied", 403)
    assert denied["message"] == (
        "User: arn:aws:sts::000000000000:assumed-role/bare/i-0000000000000bare is not authorized to perform: "
        "iam:ListRoles on resource: arn:aws:iam::000000000000:role/ because no identity-based policy allows "
        "the iam:ListRoles action")

    answer = requests.get(s.endpoint + "/_ebauth/decisions", params={"requestId": denied["requestId"]})
    assert answer.status_code == 200
    decision = answer.json()["decisions"][0]
    assert decision["decision"] == "Deny"
    assert decision["principal"] == "arn:aws:sts::000000000000:assumed-role/bare/i-0000000000000bare"
    assert decision["reason"] == "noIdentityPolicyAllows"
    assert decision["explanation"] == "no identity-based or resource-based policy allows"
    assert "iam decision: Deny iam:ListRoles" in s.stderr()


def test_explicit_deny_beats_read_only_access(enforcing_server):
    s = enforcing_server
    instance_role(s, "fenced", managed=[READ_ONLY], inline={"no-iam-lists": {
        "Version": "2012-10-17",
        "Statement": [{"Sid": "NoRoleListing", "Effect": "Deny", "Action": "iam:List*", "Resource": "*"}]}})
    endpoint = register_instance(s, "i-00000000000fenced", "fenced")
    denied = run_python(s, endpoint, LIST_ROLES)["listRoles"]
    assert denied["message"] == (
        "User: arn:aws:sts::000000000000:assumed-role/fenced/i-00000000000fenced is not authorized to perform: "
        "iam:ListRoles on resource: arn:aws:iam::000000000000:role/ with an explicit deny in an identity-based policy")
    decision = requests.get(s.endpoint + "/_ebauth/decisions", params={"requestId": denied["requestId"]}).json()
    statements = decision["decisions"][0]["statements"]
    assert {"policy": "inline policy no-iam-lists of role fenced", "statement": 'Sid "NoRoleListing"', "effect": "Deny",
            "result": "matched", "detail": "matched"} in statements


def test_two_instances_side_by_side_each_with_its_own_role(enforcing_server):
    s = enforcing_server
    instance_role(s, "reader", managed=[READ_ONLY])
    instance_role(s, "bare")
    reader = register_instance(s, "i-0aaaaaaaaaaaaaaa1", "reader")
    bare = register_instance(s, "i-0bbbbbbbbbbbbbbb2", "bare")
    assert run_python(s, reader, LIST_ROLES)["listRoles"]["ok"]
    assert not run_python(s, bare, LIST_ROLES)["listRoles"]["ok"]


def test_imdsv2_tokens_and_v1_over_raw_http(enforcing_server):
    s = enforcing_server
    instance_role(s, "web")
    register_instance(s, "i-0123456789abcdef0", "web", httpTokens="required", region="eu-west-1")
    assert requests.get(s.endpoint + "/latest/meta-data/instance-id").status_code == 401
    token = requests.put(s.endpoint + "/latest/api/token", headers={"X-aws-ec2-metadata-token-ttl-seconds": "60"})
    assert token.status_code == 200
    headers = {"X-aws-ec2-metadata-token": token.text}
    assert requests.get(s.endpoint + "/latest/meta-data/placement/region", headers=headers).text == "eu-west-1"
    assert requests.get(s.endpoint + "/latest/meta-data/iam/security-credentials/", headers=headers).text == "web"
    credentials = requests.get(s.endpoint + "/latest/meta-data/iam/security-credentials/web", headers=headers).json()
    assert credentials["Code"] == "Success" and credentials["Type"] == "AWS-HMAC"
    assert credentials["AccessKeyId"].startswith("ASIA")
    assert set(credentials) == {"Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token", "Expiration"}
    assert credentials["SecretAccessKey"] not in s.stderr()
    assert credentials["Token"] not in s.stderr()
    assert requests.get(s.endpoint + "/latest/meta-data/iam/security-credentials/other", headers=headers).status_code == 404
    assert requests.put(s.endpoint + "/latest/api/token").status_code == 400


def test_without_an_instance_there_are_no_credentials(server):
    reply = requests.get(server.endpoint + "/latest/meta-data/iam/security-credentials/")
    assert reply.status_code == 404
    assert "<title>404 - Not Found</title>" in reply.text
