"""SecureString parameters: encrypted at rest, opaque without WithDecryption, plaintext with it."""
import base64
import glob
import os

from conftest import Server
from ssm_support import expect_error

SECRET = "s3cret-Registry-Passw0rd-4e1b9"


def test_round_trip_with_and_without_decryption(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="PASSWD", Type="SecureString", Value=SECRET)
    hidden = ssm.get_parameter(Name="PASSWD")["Parameter"]
    assert hidden["Type"] == "SecureString"
    assert hidden["Value"] != SECRET
    assert SECRET.encode() not in base64.b64decode(hidden["Value"])
    assert ssm.get_parameter(Name="PASSWD", WithDecryption=True)["Parameter"]["Value"] == SECRET
    assert ssm.get_parameters(Names=["PASSWD"], WithDecryption=True)["Parameters"][0]["Value"] == SECRET
    history = ssm.get_parameter_history(Name="PASSWD", WithDecryption=True)["Parameters"]
    assert [entry["Value"] for entry in history] == [SECRET]
    assert history[0]["KeyId"] == "alias/aws/ssm"


def test_every_write_gives_a_different_ciphertext(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="PASSWD", Type="SecureString", Value=SECRET)
    ssm.put_parameter(Name="PASSWD", Value=SECRET, Overwrite=True)
    first = ssm.get_parameter(Name="PASSWD:1")["Parameter"]["Value"]
    second = ssm.get_parameter(Name="PASSWD:2")["Parameter"]["Value"]
    assert first != second
    assert {ssm.get_parameter(Name=f"PASSWD:{n}", WithDecryption=True)["Parameter"]["Value"] for n in (1, 2)} == {SECRET}


def test_key_ids_of_the_aws_ssm_key_are_accepted_and_others_are_invalid(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="one", Type="SecureString", Value="v", KeyId="alias/aws/ssm")
    ssm.put_parameter(Name="two", Type="SecureString", Value="v",
                      KeyId="arn:aws:kms:us-east-1:000000000000:alias/aws/ssm")
    assert ssm.get_parameter(Name="two", WithDecryption=True)["Parameter"]["Value"] == "v"
    response = expect_error("InvalidKeyId", None, ssm.put_parameter, Name="three", Type="SecureString", Value="v",
                            KeyId="0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e")
    assert response["Error"]["Message"].startswith(
        "Key 'arn:aws:kms:us-east-1:000000000000:key/0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e' does not exist "
        "(Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; Request ID: ")
    response = expect_error("InvalidKeyId", None, ssm.put_parameter, Name="three", Type="SecureString", Value="v",
                            KeyId="alias/my-key")
    assert response["Error"]["Message"].startswith(
        "Alias arn:aws:kms:us-east-1:000000000000:alias/my-key is not found. (Service: AWSKMS;")


def test_the_sqlite_file_of_a_state_dir_never_holds_the_plaintext(state_dir):
    server = Server(state=state_dir)
    try:
        ssm = server.client("ssm")
        ssm.put_parameter(Name="/registry/password", Type="SecureString", Value=SECRET)
        ssm.put_parameter(Name="/registry/password", Value=SECRET + "-rotated", Overwrite=True)
        ssm.put_parameter(Name="/registry/user", Type="String", Value="plain-user-value")
    finally:
        assert server.terminate() == 0
    files = [path for path in glob.glob(os.path.join(state_dir, "**"), recursive=True) if os.path.isfile(path)]
    database = [path for path in files if os.path.basename(path).startswith("ebauth.sqlite3")]
    assert database, files
    contents = b"".join(open(path, "rb").read() for path in files)
    # The String value is there in clear, so the check is looking at the right bytes.
    assert b"plain-user-value" in contents
    assert SECRET.encode() not in contents

    restarted = Server(state=state_dir)
    try:
        ssm = restarted.client("ssm")
        value = ssm.get_parameter(Name="/registry/password", WithDecryption=True)["Parameter"]["Value"]
        assert value == SECRET + "-rotated"
        assert ssm.get_parameter(Name="/registry/password:1", WithDecryption=True)["Parameter"]["Value"] == SECRET
    finally:
        restarted.terminate()


def test_the_server_log_never_holds_the_plaintext(server):
    ssm = server.client("ssm")
    ssm.put_parameter(Name="PASSWD", Type="SecureString", Value=SECRET)
    ssm.get_parameter(Name="PASSWD", WithDecryption=True)
    expect_error("ParameterPatternMismatchException", "Parameter value, cannot be validated against allowedPattern: ^[0-9]+$",
                 ssm.put_parameter, Name="OTHER", Type="SecureString", Value=SECRET, AllowedPattern="^[0-9]+$")
    server.terminate()
    assert SECRET not in server.stderr()
