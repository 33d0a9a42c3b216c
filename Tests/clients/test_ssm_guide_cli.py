"""The Elastic Beanstalk guide's Parameter Store commands, verbatim, through the aws CLI."""
from conftest import require_tool
from ssm_support import aws_cli, aws_json

GUIDE_USER = 'aws ssm put-parameter --name USER --type String --value "username"'
GUIDE_PASSWD = 'aws ssm put-parameter --name PASSWD --type String --value "passwd"'


def test_the_guides_put_parameter_commands_create_version_1(server):
    require_tool("aws")
    assert aws_json(server, GUIDE_USER) == {"Version": 1, "Tier": "Standard"}
    assert aws_json(server, GUIDE_PASSWD) == {"Version": 1, "Tier": "Standard"}


def test_get_parameter_by_name_by_version_and_by_label(server):
    require_tool("aws")
    aws_json(server, GUIDE_USER)
    aws_json(server, GUIDE_PASSWD)
    by_name = aws_json(server, "aws ssm get-parameter --name USER")["Parameter"]
    assert by_name["Name"] == "USER"
    assert by_name["Value"] == "username"
    assert by_name["Version"] == 1
    assert by_name["ARN"] == "arn:aws:ssm:us-east-1:000000000000:parameter/USER"
    by_version = aws_json(server, "aws ssm get-parameter --name USER:1")["Parameter"]
    assert by_version["Value"] == "username"
    assert by_version["Selector"] == ":1"
    assert aws_json(server, "aws ssm get-parameter --name PASSWD:1 --query Parameter.Value") == "passwd"

    aws_json(server, 'aws ssm put-parameter --name USER --type String --value "renamed" --overwrite')
    labelled = aws_json(server, "aws ssm label-parameter-version --name USER --parameter-version 1 --labels stable")
    assert labelled == {"InvalidLabels": [], "ParameterVersion": 1}
    by_label = aws_json(server, "aws ssm get-parameter --name USER:stable")["Parameter"]
    assert by_label["Value"] == "username"
    assert by_label["Version"] == 1
    assert by_label["Selector"] == ":stable"
    assert aws_json(server, "aws ssm get-parameter --name USER")["Parameter"]["Value"] == "renamed"


def test_history_lists_every_version_with_its_labels(server):
    require_tool("aws")
    aws_json(server, GUIDE_USER)
    aws_json(server, 'aws ssm put-parameter --name USER --type String --value "second" --overwrite')
    aws_json(server, "aws ssm label-parameter-version --name USER --labels current")
    history = aws_json(server, "aws ssm get-parameter-history --name USER")["Parameters"]
    assert [(entry["Version"], entry["Value"], entry["Labels"]) for entry in history] == [
        (1, "username", []), (2, "second", ["current"])]
    assert all(entry["LastModifiedUser"] == "arn:aws:iam::000000000000:root" for entry in history)


def test_get_parameters_by_path_recursion(server):
    require_tool("aws")
    aws_json(server, GUIDE_USER)
    aws_json(server, 'aws ssm put-parameter --name /myapp/registry/user --type String --value "username"')
    aws_json(server, 'aws ssm put-parameter --name /myapp/registry/password --type SecureString --value "passwd"')
    aws_json(server, 'aws ssm put-parameter --name /myapp/port --type String --value "8080"')
    one_level = aws_json(server, "aws ssm get-parameters-by-path --path /myapp")["Parameters"]
    assert [parameter["Name"] for parameter in one_level] == ["/myapp/port"]
    recursive = aws_json(server, "aws ssm get-parameters-by-path --path /myapp --recursive --with-decryption")
    assert {parameter["Name"]: parameter["Value"] for parameter in recursive["Parameters"]} == {
        "/myapp/port": "8080", "/myapp/registry/password": "passwd", "/myapp/registry/user": "username"}
    root = aws_json(server, "aws ssm get-parameters-by-path --path /")["Parameters"]
    assert [parameter["Name"] for parameter in root] == ["USER"]


def test_the_cli_pages_through_more_than_ten_parameters(server):
    require_tool("aws")
    for index in range(23):
        aws_json(server, f'aws ssm put-parameter --name /many/p{index:02d} --type String --value "v{index}"')
    listed = aws_json(server, "aws ssm get-parameters-by-path --path /many")["Parameters"]
    assert [parameter["Name"] for parameter in listed] == [f"/many/p{index:02d}" for index in range(23)]
    described = aws_json(server, "aws ssm describe-parameters")["Parameters"]
    assert len(described) == 23


def test_delete_then_get_fails_with_parameter_not_found(server):
    require_tool("aws")
    aws_json(server, GUIDE_USER)
    assert aws_cli(server, "aws ssm delete-parameter --name USER").returncode == 0
    done = aws_cli(server, "aws ssm get-parameter --name USER")
    assert done.returncode != 0
    assert "An error occurred (ParameterNotFound) when calling the GetParameter operation: " in done.stderr
    again = aws_cli(server, "aws ssm delete-parameter --name USER")
    assert "An error occurred (ParameterNotFound) when calling the DeleteParameter operation: " in again.stderr


def test_the_cli_shows_secure_strings_as_ciphertext_unless_asked_to_decrypt(server):
    require_tool("aws")
    aws_json(server, 'aws ssm put-parameter --name PASSWD --type SecureString --value "passwd"')
    hidden = aws_json(server, "aws ssm get-parameter --name PASSWD")["Parameter"]
    assert hidden["Type"] == "SecureString"
    assert hidden["Value"] != "passwd"
    shown = aws_json(server, "aws ssm get-parameter --name PASSWD --with-decryption --query Parameter.Value")
    assert shown == "passwd"


def test_a_second_put_without_overwrite_fails_as_aws_says(server):
    require_tool("aws")
    aws_json(server, GUIDE_USER)
    done = aws_cli(server, GUIDE_USER)
    assert done.returncode != 0
    assert ("An error occurred (ParameterAlreadyExists) when calling the PutParameter operation: The parameter "
            "already exists. To overwrite this value, set the overwrite option in the request to true.") in done.stderr
