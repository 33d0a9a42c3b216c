"""SSM Parameter Store through boto3: every built operation, and every error with its status,
code and message as a client sees them."""
import datetime

import requests

from ssm_support import assert_error, error_of, expect_error

INVALID_NAME = ('Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can '
                'consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, '
                'numbers and the following 3 symbols .-_')
ACCOUNT = "000000000000"


def arn(name):
    return f"arn:aws:ssm:us-east-1:{ACCOUNT}:parameter/{name.lstrip('/')}"


# PutParameter


def test_put_parameter_creates_then_overwrites_with_increasing_versions(server):
    ssm = server.client("ssm")
    assert ssm.put_parameter(Name="USER", Type="String", Value="username")["Version"] == 1
    result = ssm.put_parameter(Name="USER", Value="changed", Overwrite=True)
    assert (result["Version"], result["Tier"]) == (2, "Standard")
    assert ssm.get_parameter(Name="USER")["Parameter"]["Value"] == "changed"


def test_put_parameter_errors(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="USER", Type="String", Value="username")
    expect_error("ParameterAlreadyExists",
                 "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.",
                 ssm.put_parameter, Name="USER", Type="String", Value="again")
    expect_error("ValidationException", "A parameter type is required when you create a parameter.",
                 ssm.put_parameter, Name="NEW", Value="v")
    expect_error("ValidationException",
                 "1 validation error detected: Value 'Number' at 'type' failed to satisfy constraint: Member must "
                 "satisfy enum value set: [SecureString, StringList, String]",
                 ssm.put_parameter, Name="NEW", Type="Number", Value="v")
    expect_error("HierarchyTypeMismatchException",
                 "Parameter Store doesn't support changing a parameter type in a hierarchy. For example, you can't "
                 "change a parameter from a String type to a SecureString type. You must create a new, unique parameter.",
                 ssm.put_parameter, Name="USER", Type="StringList", Value="a,b", Overwrite=True)
    expect_error("ValidationException",
                 "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please "
                 "remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or "
                 "RemoveTagsFromResource.",
                 ssm.put_parameter, Name="USER", Value="v", Overwrite=True, Tags=[{"Key": "k", "Value": "v"}])
    expect_error("ValidationException", "KeyId is required for SecureString type parameter only.",
                 ssm.put_parameter, Name="NEW", Type="String", Value="v", KeyId="alias/aws/ssm")
    expect_error("ValidationException", "Parameter value can't nest another parameter. Do not use \"{{}}\" in the value.",
                 ssm.put_parameter, Name="NESTED", Type="String", Value="{{ssm:USER}}")
    expect_error("ValidationException",
                 "The following data type is not supported: AMI (Data type names are all lowercase.)",
                 ssm.put_parameter, Name="IMG", Type="String", Value="ami-12345678", DataType="AMI")
    expect_error("NotImplemented", "Parameter policies (the Policies member) is not implemented by ebauth yet.",
                 ssm.put_parameter, Name="POL", Type="String", Value="v", Tier="Advanced",
                 Policies='[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T00:00:00.000Z"}}]',
                 status=501)


def test_put_parameter_name_rules(server):
    ssm = server.client("ssm")
    expect_error("AccessDeniedException", "No access to reserved parameter name: aws/app/key.",
                 ssm.put_parameter, Name="/aws/app/key", Type="String", Value="v")
    expect_error("ValidationException", 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
                 ssm.put_parameter, Name="awsKey", Type="String", Value="v")
    expect_error("ValidationException", INVALID_NAME, ssm.put_parameter, Name="/ssm/app/key", Type="String", Value="v")
    for bad in ["Dev MySQL DB", "/myPrefix/support@example.com", "a/b/c", "/a//b"]:
        expect_error("ValidationException", INVALID_NAME, ssm.put_parameter, Name=bad, Type="String", Value="v")
    expect_error("ValidationException", INVALID_NAME,
                 ssm.put_parameter, Name=arn("USER"), Type="String", Value="v")
    deep = "".join(f"/l{index}" for index in range(1, 17))
    expect_error("HierarchyLevelLimitExceededException",
                 "A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints "
                 "for parameter names in the Amazon Web Services Systems Manager User Guide.",
                 ssm.put_parameter, Name=deep, Type="String", Value="v")
    longest = "n" * (1011 - len(arn("")))
    assert ssm.put_parameter(Name=longest, Type="String", Value="v")["Version"] == 1
    response = error_of(ssm.put_parameter, Name=longest + "n", Type="String", Value="v")
    assert_error(response, "ValidationException")
    assert "1011" in response["Error"]["Message"]
    ssm.put_parameter(Name="  spaced  ", Type="String", Value="v")
    assert ssm.get_parameter(Name="spaced")["Parameter"]["Value"] == "v"


def test_put_parameter_value_limits_and_tiers(server):
    ssm = server.client("ssm")
    assert ssm.put_parameter(Name="std", Type="String", Value="x" * 4096)["Tier"] == "Standard"
    expect_error("ValidationException",
                 "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger "
                 "parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see "
                 "https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html",
                 ssm.put_parameter, Name="big", Type="String", Value="x" * 4097)
    assert ssm.put_parameter(Name="adv", Type="String", Value="x" * 8192, Tier="Advanced")["Tier"] == "Advanced"
    expect_error("ValidationException", "Advanced tier parameters support a maximum parameter value of 8192 characters.",
                 ssm.put_parameter, Name="adv2", Type="String", Value="x" * 8193, Tier="Advanced")
    assert ssm.put_parameter(Name="auto", Type="String", Value="small", Tier="Intelligent-Tiering")["Tier"] == "Standard"
    assert ssm.put_parameter(Name="auto", Value="x" * 5000, Tier="Intelligent-Tiering",
                             Overwrite=True)["Tier"] == "Advanced"
    expect_error("ValidationException",
                 "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the "
                 "advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced "
                 "parameter and recreate it as a standard parameter.",
                 ssm.put_parameter, Name="auto", Value="small", Tier="Standard", Overwrite=True)
    expect_error("ValidationException",
                 "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have "
                 "length greater than or equal to 1",
                 ssm.put_parameter, Name="empty", Type="String", Value="")


def test_put_parameter_allowed_pattern(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="port", Type="String", Value="8080", AllowedPattern=r"^\d+$")
    expect_error("ParameterPatternMismatchException", r"Parameter value, cannot be validated against allowedPattern: ^\d+$",
                 ssm.put_parameter, Name="port", Value="eighty", Overwrite=True)
    expect_error("InvalidAllowedPatternException", "The request doesn't meet the regular expression requirement.",
                 ssm.put_parameter, Name="other", Type="String", Value="v", AllowedPattern="([")
    assert ssm.put_parameter(Name="port", Value="9090", Overwrite=True)["Version"] == 2


def test_put_parameter_data_type_ec2_image(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="/golden/ami", Type="String", Value="ami-0123456789abcdef0", DataType="aws:ec2:image")
    assert ssm.get_parameter(Name="/golden/ami")["Parameter"]["DataType"] == "aws:ec2:image"
    response = error_of(ssm.put_parameter, Name="/golden/bad", Type="String", Value="not-an-image",
                        DataType="aws:ec2:image")
    assert_error(response, "ValidationException")


def test_hundred_versions_are_kept_and_a_labelled_oldest_blocks_the_next(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="rolled", Type="String", Value="1")
    for number in range(2, 101):
        ssm.put_parameter(Name="rolled", Value=str(number), Overwrite=True)
    ssm.label_parameter_version(Name="rolled", ParameterVersion=1, Labels=["pinned"])
    expect_error("ParameterMaxVersionLimitExceeded",
                 "You attempted to create a new version of rolled by calling the PutParameter API with the overwrite "
                 "flag. Version 1, the oldest version, can't be deleted because it has a label associated with it. "
                 "Move the label to another version of the parameter, and try again.",
                 ssm.put_parameter, Name="rolled", Value="101", Overwrite=True)
    ssm.label_parameter_version(Name="rolled", ParameterVersion=100, Labels=["pinned"])
    assert ssm.put_parameter(Name="rolled", Value="101", Overwrite=True)["Version"] == 101
    history = [entry["Version"] for page in ssm.get_paginator("get_parameter_history").paginate(Name="rolled")
               for entry in page["Parameters"]]
    assert history == list(range(2, 102))


# GetParameter and GetParameters


def test_get_parameter_by_name_arn_version_and_label(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="/app/db/user", Type="String", Value="admin")
    ssm.put_parameter(Name="/app/db/user", Value="root", Overwrite=True)
    ssm.label_parameter_version(Name="/app/db/user", ParameterVersion=1, Labels=["old"])
    latest = ssm.get_parameter(Name="/app/db/user")["Parameter"]
    assert latest["ARN"] == arn("/app/db/user")
    assert (latest["Value"], latest["Version"], latest["Type"], latest["DataType"]) == ("root", 2, "String", "text")
    assert isinstance(latest["LastModifiedDate"], datetime.datetime)
    assert "Selector" not in latest
    assert ssm.get_parameter(Name=arn("/app/db/user"))["Parameter"]["Value"] == "root"
    by_version = ssm.get_parameter(Name="/app/db/user:1")["Parameter"]
    assert (by_version["Value"], by_version["Selector"], by_version["Name"]) == ("admin", ":1", "/app/db/user")
    by_label = ssm.get_parameter(Name=arn("/app/db/user") + ":old")["Parameter"]
    assert (by_label["Value"], by_label["Selector"], by_label["ARN"]) == ("admin", ":old", arn("/app/db/user"))


def test_flat_names_may_be_written_with_a_leading_slash(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="USER", Type="String", Value="username")
    parameter = ssm.get_parameter(Name="/USER")["Parameter"]
    assert (parameter["Name"], parameter["Value"], parameter["ARN"]) == ("/USER", "username", arn("USER"))


def test_get_parameter_errors(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="USER", Type="String", Value="username")
    expect_error("ParameterNotFound", "", ssm.get_parameter, Name="missing")
    expect_error("ParameterVersionNotFound",
                 "Systems Manager could not find version 5 of USER. Verify the version and try again.",
                 ssm.get_parameter, Name="USER:5")
    expect_error("ParameterVersionNotFound",
                 "Systems Manager could not find version nolabel of USER. Verify the version and try again.",
                 ssm.get_parameter, Name="USER:nolabel")
    expect_error("ValidationException", INVALID_NAME, ssm.get_parameter, Name="a/b/c")
    expect_error("ParameterNotFound", "", ssm.get_parameter, Name="arn:aws:ssm:us-east-1:123456789012:parameter/USER")


def test_get_parameters_returns_found_ones_sorted_and_the_rest_as_invalid(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="b", Type="String", Value="2")
    ssm.put_parameter(Name="a", Type="String", Value="1")
    result = ssm.get_parameters(Names=["b", "missing", "a:1", "a:9", "bad name"])
    assert [parameter["Name"] for parameter in result["Parameters"]] == ["a", "b"]
    assert result["Parameters"][0]["Selector"] == ":1"
    assert result["InvalidParameters"] == ["missing", "a:9", "bad name"]
    names = [f"p{index}" for index in range(11)]
    expect_error("ValidationException",
                 f"1 validation error detected: Value '[{', '.join(names)}]' at 'names' failed to satisfy constraint: "
                 "Member must have length less than or equal to 10.",
                 ssm.get_parameters, Names=names)


# GetParametersByPath


def test_get_parameters_by_path_levels_filters_and_paging(server):
    ssm = server.client("ssm")
    for index in range(12):
        ssm.put_parameter(Name=f"/svc/conf/k{index:02d}", Type="String", Value=str(index))
    ssm.put_parameter(Name="/svc/secret", Type="SecureString", Value="hidden")
    ssm.put_parameter(Name="/svc/conf/k00", Value="relabelled", Overwrite=True)
    ssm.label_parameter_version(Name="/svc/conf/k00", ParameterVersion=1, Labels=["first"])
    assert [p["Name"] for p in ssm.get_parameters_by_path(Path="/svc")["Parameters"]] == ["/svc/secret"]
    first = ssm.get_parameters_by_path(Path="/svc", Recursive=True, MaxResults=5)
    assert len(first["Parameters"]) == 5 and first["NextToken"]
    pages = ssm.get_paginator("get_parameters_by_path").paginate(Path="/svc", Recursive=True)
    names = [p["Name"] for page in pages for p in page["Parameters"]]
    assert names == [f"/svc/conf/k{index:02d}" for index in range(12)] + ["/svc/secret"]
    secure = ssm.get_parameters_by_path(Path="/svc", ParameterFilters=[{"Key": "Type", "Values": ["SecureString"]}],
                                        WithDecryption=True)["Parameters"]
    assert [(p["Name"], p["Value"]) for p in secure] == [("/svc/secret", "hidden")]
    labelled = ssm.get_parameters_by_path(Path="/svc/conf", ParameterFilters=[
        {"Key": "Label", "Option": "Equals", "Values": ["first"]}])["Parameters"]
    assert [(p["Name"], p["Value"], p["Version"]) for p in labelled] == [("/svc/conf/k00", "0", 1)]


def test_get_parameters_by_path_errors(server):
    ssm = server.client("ssm")
    expect_error("ValidationException",
                 "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must "
                 "have value less than or equal to 10",
                 ssm.get_parameters_by_path, Path="/svc", MaxResults=11)
    expect_error("InvalidFilterKey", "The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId].",
                 ssm.get_parameters_by_path, Path="/svc", ParameterFilters=[{"Key": "Name", "Values": ["x"]}])
    expect_error("InvalidFilterOption",
                 "The following filter option is not valid: Contains. Valid options include: [BeginsWith, Equals].",
                 ssm.get_parameters_by_path, Path="/svc",
                 ParameterFilters=[{"Key": "Type", "Option": "Contains", "Values": ["String"]}])
    expect_error("InvalidFilterValue",
                 "The following filter value is not valid: Text. Valid values include: [String, StringList, SecureString].",
                 ssm.get_parameters_by_path, Path="/svc", ParameterFilters=[{"Key": "Type", "Values": ["Text"]}])
    expect_error("InvalidNextToken", "The specified token isn't valid.",
                 ssm.get_parameters_by_path, Path="/svc", NextToken="not-a-token")
    response = error_of(ssm.get_parameters_by_path, Path="svc")
    assert_error(response, "ValidationException")
    assert response["Error"]["Message"].startswith("The parameter doesn't meet the parameter name requirements.")


# GetParameterHistory


def test_get_parameter_history_pages_oldest_first(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="h", Type="String", Value="v1", Description="first")
    for number in range(2, 8):
        ssm.put_parameter(Name="h", Value=f"v{number}", Overwrite=True)
    page = ssm.get_parameter_history(Name="h", MaxResults=3)
    assert [entry["Version"] for entry in page["Parameters"]] == [1, 2, 3]
    entry = page["Parameters"][0]
    assert (entry["Description"], entry["Tier"], entry["Labels"], entry["Policies"]) == ("first", "Standard", [], [])
    rest = ssm.get_parameter_history(Name="h", NextToken=page["NextToken"])
    assert [entry["Version"] for entry in rest["Parameters"]] == [4, 5, 6, 7]
    assert "NextToken" not in rest
    expect_error("ParameterNotFound", "", ssm.get_parameter_history, Name="missing")
    expect_error("ValidationException",
                 "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must "
                 "have value less than or equal to 50",
                 ssm.get_parameter_history, Name="h", MaxResults=51)
    expect_error("InvalidNextToken", "The specified token isn't valid.",
                 ssm.get_parameter_history, Name="h", NextToken="bogus")


# DeleteParameter and DeleteParameters


def test_delete_parameter_and_delete_parameters(server):
    ssm = server.client("ssm")
    for name in ["a", "b", "/c/d"]:
        ssm.put_parameter(Name=name, Type="String", Value="v")
    ssm.delete_parameter(Name="a")
    expect_error("ParameterNotFound", "", ssm.get_parameter, Name="a")
    expect_error("ParameterNotFound", "", ssm.delete_parameter, Name="a")
    result = ssm.delete_parameters(Names=["b", "missing", "/c/d"])
    assert (result["DeletedParameters"], result["InvalidParameters"]) == (["b", "/c/d"], ["missing"])
    assert ssm.put_parameter(Name="b", Type="String", Value="new")["Version"] == 1


# DescribeParameters


def test_describe_parameters_metadata_filters_and_paging(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="/app/user", Type="String", Value="u", Description="the user",
                      Tags=[{"Key": "team", "Value": "core"}])
    ssm.put_parameter(Name="/app/pw", Type="SecureString", Value="p")
    ssm.put_parameter(Name="/app/deep/list", Type="StringList", Value="a,b", Tier="Advanced")
    ssm.put_parameter(Name="flat", Type="String", Value="f", AllowedPattern="[a-z]+")
    everything = ssm.describe_parameters()["Parameters"]
    assert [p["Name"] for p in everything] == ["/app/deep/list", "/app/pw", "/app/user", "flat"]
    user = everything[2]
    assert (user["ARN"], user["Type"], user["Description"], user["Version"], user["Tier"], user["DataType"]) == (
        arn("/app/user"), "String", "the user", 1, "Standard", "text")
    assert user["LastModifiedUser"] == f"arn:aws:iam::{ACCOUNT}:root"
    assert "Value" not in user and "KeyId" not in user
    assert everything[1]["KeyId"] == "alias/aws/ssm"

    def names(**kwargs):
        return [p["Name"] for page in ssm.get_paginator("describe_parameters").paginate(**kwargs)
                for p in page["Parameters"]]

    assert names(ParameterFilters=[{"Key": "Path", "Values": ["/app"]}]) == ["/app/pw", "/app/user"]
    assert names(ParameterFilters=[{"Key": "Path", "Option": "Recursive", "Values": ["/app"]}]) == [
        "/app/deep/list", "/app/pw", "/app/user"]
    assert names(ParameterFilters=[{"Key": "Name", "Option": "Contains", "Values": ["us"]}]) == ["/app/user"]
    assert names(ParameterFilters=[{"Key": "Type", "Values": ["SecureString"]}]) == ["/app/pw"]
    assert names(ParameterFilters=[{"Key": "Tier", "Values": ["Advanced"]}]) == ["/app/deep/list"]
    assert names(ParameterFilters=[{"Key": "tag:team"}]) == ["/app/user"]
    assert names(Filters=[{"Key": "Name", "Values": ["/app/p"]}]) == ["/app/pw"]
    first = ssm.describe_parameters(MaxResults=3)
    assert len(first["Parameters"]) == 3
    assert [p["Name"] for p in ssm.describe_parameters(NextToken=first["NextToken"])["Parameters"]] == ["flat"]


def test_describe_parameters_errors(server):
    ssm = server.client("ssm")
    expect_error("ValidationException", "You can use either Filters or ParameterFilters in a single request.",
                 ssm.describe_parameters, Filters=[{"Key": "Type", "Values": ["String"]}],
                 ParameterFilters=[{"Key": "Type", "Values": ["String"]}])
    expect_error("InvalidFilterKey",
                 "The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].",
                 ssm.describe_parameters, ParameterFilters=[{"Key": "Label", "Values": ["x"]}])
    expect_error("InvalidFilterOption",
                 "The following filter option is not valid: Deep. Valid options include: [Recursive, OneLevel].",
                 ssm.describe_parameters, ParameterFilters=[{"Key": "Path", "Option": "Deep", "Values": ["/a"]}])
    expect_error("InvalidFilterValue", "The following filter values are missing : null for filter key Name.",
                 ssm.describe_parameters, ParameterFilters=[{"Key": "Name"}])
    expect_error("InvalidFilterKey",
                 "The following filter is duplicated in the request: Type. A request can contain only one occurrence "
                 "of a specific filter.",
                 ssm.describe_parameters, ParameterFilters=[{"Key": "Type", "Values": ["String"]},
                                                            {"Key": "Type", "Values": ["StringList"]}])
    expect_error("ValidationException",
                 "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must "
                 "have value less than or equal to 50",
                 ssm.describe_parameters, MaxResults=51)
    expect_error("InvalidNextToken", "The specified token isn't valid.", ssm.describe_parameters, NextToken="x")


# LabelParameterVersion and UnlabelParameterVersion


def test_labels_move_between_versions_and_invalid_ones_are_returned(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="USER", Type="String", Value="one")
    ssm.put_parameter(Name="USER", Value="two", Overwrite=True)
    result = ssm.label_parameter_version(Name="USER", Labels=["prod", "1digit", "awsLabel", "bad/label"])
    assert (result["ParameterVersion"], result["InvalidLabels"]) == (2, ["1digit", "awsLabel", "bad/label"])
    ssm.label_parameter_version(Name="USER", ParameterVersion=1, Labels=["prod"])
    assert ssm.get_parameter(Name="USER:prod")["Parameter"]["Version"] == 1
    removed = ssm.unlabel_parameter_version(Name="USER", ParameterVersion=1, Labels=["prod", "absent"])
    assert (removed["RemovedLabels"], removed["InvalidLabels"]) == (["prod"], ["absent"])


def test_label_errors(server):
    ssm = server.client("ssm")
    expect_error("ParameterNotFound", "", ssm.label_parameter_version, Name="missing", Labels=["a"])
    ssm.put_parameter(Name="USER", Type="String", Value="one")
    expect_error("ParameterVersionNotFound",
                 "Systems Manager could not find version 3 of USER. Verify the version and try again.",
                 ssm.label_parameter_version, Name="USER", ParameterVersion=3, Labels=["a"])
    ssm.label_parameter_version(Name="USER", Labels=[f"l{index}" for index in range(10)])
    expect_error("ParameterVersionLabelLimitExceeded",
                 "A parameter version can have maximum 10 labels. Move one or more labels to another version and try again.",
                 ssm.label_parameter_version, Name="USER", Labels=["eleventh"])
    expect_error("ValidationException",
                 "1 validation error detected: Value '[" + "a" * 101 + "]' at 'labels' failed to satisfy constraint: "
                 "Member must satisfy constraint: [Member must have length less than or equal to 100, Member must "
                 "have length greater than or equal to 1]",
                 ssm.label_parameter_version, Name="USER", Labels=["a" * 101])
    expect_error("ParameterVersionNotFound",
                 "Systems Manager could not find version 2 of USER. Verify the version and try again.",
                 ssm.unlabel_parameter_version, Name="USER", ParameterVersion=2, Labels=["l1"])
    expect_error("ParameterNotFound", "", ssm.unlabel_parameter_version, Name="missing", ParameterVersion=1,
                 Labels=["a"])


# Tags


def test_tags_of_a_parameter(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="/app/user", Type="String", Value="u", Tags=[{"Key": "team", "Value": "core"}])
    ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId="/app/user",
                             Tags=[{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "platform"}])
    tags = ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="/app/user")["TagList"]
    assert tags == [{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "platform"}]
    ssm.remove_tags_from_resource(ResourceType="Parameter", ResourceId="/app/user", TagKeys=["env"])
    assert ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="/app/user")["TagList"] == [
        {"Key": "team", "Value": "platform"}]


def test_tag_errors(server):
    ssm = server.client("ssm")
    expect_error("InvalidResourceId", "", ssm.list_tags_for_resource, ResourceType="Parameter", ResourceId="missing")
    expect_error("InvalidResourceId", "", ssm.add_tags_to_resource, ResourceType="Parameter", ResourceId="missing",
                 Tags=[{"Key": "k", "Value": "v"}])
    expect_error("NotImplemented", "Tagging resources of type Document is not implemented by ebauth yet.",
                 ssm.list_tags_for_resource, ResourceType="Document", ResourceId="doc", status=501)
    ssm.put_parameter(Name="p", Type="String", Value="v")
    ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId="p",
                             Tags=[{"Key": f"k{index}", "Value": "v"} for index in range(50)])
    expect_error("TooManyTagsError", "", ssm.add_tags_to_resource, ResourceType="Parameter", ResourceId="p",
                 Tags=[{"Key": "one-more", "Value": "v"}])
    expect_error("ValidationException",
                 "1 validation error detected: Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint: "
                 "Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
                 ssm.add_tags_to_resource, ResourceType="Parameter", ResourceId="p",
                 Tags=[{"Key": "bad#key", "Value": "v"}])


# The wire


def test_state_is_separate_per_account_and_region(server):
    east = server.client("ssm")
    west = server.client("ssm", region="eu-west-1")
    other = server.client("ssm", key="123456789012")
    east.put_parameter(Name="USER", Type="String", Value="east")
    expect_error("ParameterNotFound", "", west.get_parameter, Name="USER")
    expect_error("ParameterNotFound", "", other.get_parameter, Name="USER")
    west.put_parameter(Name="USER", Type="String", Value="west")
    other.put_parameter(Name="USER", Type="String", Value="other")
    assert east.get_parameter(Name="USER")["Parameter"]["Value"] == "east"
    assert west.get_parameter(Name="USER")["Parameter"]["ARN"] == f"arn:aws:ssm:eu-west-1:{ACCOUNT}:parameter/USER"
    assert other.get_parameter(Name="USER")["Parameter"]["ARN"] == "arn:aws:ssm:us-east-1:123456789012:parameter/USER"


def test_unbuilt_ssm_operations_answer_501(server):
    ssm = server.client("ssm")
    expect_error("NotImplemented", "The operation 'SendCommand' of service 'ssm' is not implemented by ebauth yet.",
                 ssm.send_command, DocumentName="AWS-RunShellScript", InstanceIds=["i-0123456789abcdef0"], status=501)


def test_health_reports_the_thirteen_built_operations(server):
    health = requests.get(f"{server.endpoint}/_ebauth/health").json()
    assert health["services"]["ssm"]["implemented"] == 13
