"""The aws CLI against S3: mb in a non-default region, cp of 100 MiB up and back, ls, sync, presign,
the wrong-region answers s3api shows, and a .dockercfg uploaded as the Beanstalk guide does."""
import base64
import json
import os
import subprocess

import pytest

from conftest import require_tool

MiB = 1024 * 1024


@pytest.fixture
def aws(enforcing_server, tmp_path):
    binary = require_tool("aws")
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
               AWS_CONFIG_FILE=str(tmp_path / "no-config"), AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-creds"),
               AWS_EC2_METADATA_DISABLED="true")

    def run(*args, check=True):
        result = subprocess.run([binary, "--endpoint-url", enforcing_server.endpoint, *args], env=env,
                                capture_output=True, text=True, timeout=300)
        if check:
            assert result.returncode == 0, f"aws {' '.join(args)} failed:\n{result.stderr}"
        return result

    run("s3", "mb", "s3://cli-eu", "--region", "eu-west-1")
    return run


def test_mb_in_a_non_default_region(aws):
    location = json.loads(aws("s3api", "get-bucket-location", "--bucket", "cli-eu").stdout)
    assert location["LocationConstraint"] == "eu-west-1"
    assert "cli-eu" in aws("s3", "ls").stdout


def test_cp_of_100_mib_up_and_back_is_byte_identical(aws, tmp_path):
    source = tmp_path / "big.bin"
    with open(source, "wb") as out:
        for _ in range(100):
            out.write(os.urandom(MiB))
    aws("s3", "cp", str(source), "s3://cli-eu/big.bin", "--region", "eu-west-1")
    head = json.loads(aws("s3api", "head-object", "--bucket", "cli-eu", "--key", "big.bin", "--region", "eu-west-1").stdout)
    assert head["ContentLength"] == 100 * MiB
    assert head["ETag"].endswith('-13"')  # the CLI's default 8 MiB parts
    back = tmp_path / "back.bin"
    aws("s3", "cp", "s3://cli-eu/big.bin", str(back), "--region", "eu-west-1")
    assert subprocess.run(["cmp", str(source), str(back)]).returncode == 0


def test_ls_shows_objects_and_prefixes(aws, tmp_path):
    (tmp_path / "f.txt").write_text("hello")
    aws("s3", "cp", str(tmp_path / "f.txt"), "s3://cli-eu/dir/f.txt", "--region", "eu-west-1")
    aws("s3", "cp", str(tmp_path / "f.txt"), "s3://cli-eu/top.txt", "--region", "eu-west-1")
    listing = aws("s3", "ls", "s3://cli-eu", "--region", "eu-west-1").stdout
    assert "PRE dir/" in listing
    assert "5 top.txt" in listing
    recursive = aws("s3", "ls", "s3://cli-eu", "--recursive", "--region", "eu-west-1").stdout
    assert "dir/f.txt" in recursive and "top.txt" in recursive


def test_sync_uploads_changes_and_deletes_and_syncs_back(aws, tmp_path):
    local = tmp_path / "site"
    (local / "css").mkdir(parents=True)
    (local / "index.html").write_text("<h1>v1</h1>")
    (local / "css" / "main.css").write_text("body {}")
    (local / "old.txt").write_text("remove me")
    first = aws("s3", "sync", str(local), "s3://cli-eu/site", "--region", "eu-west-1").stdout
    assert first.count("upload:") == 3
    assert aws("s3", "sync", str(local), "s3://cli-eu/site", "--region", "eu-west-1").stdout.strip() == ""
    (local / "index.html").write_text("<h1>version two</h1>")
    (local / "old.txt").unlink()
    second = aws("s3", "sync", str(local), "s3://cli-eu/site", "--delete", "--region", "eu-west-1").stdout
    assert "upload:" in second and "index.html" in second
    assert "delete: s3://cli-eu/site/old.txt" in second
    copy = tmp_path / "copy"
    aws("s3", "sync", "s3://cli-eu/site", str(copy), "--region", "eu-west-1")
    assert (copy / "index.html").read_text() == "<h1>version two</h1>"
    assert (copy / "css" / "main.css").read_text() == "body {}"
    assert not (copy / "old.txt").exists()


def test_presign_and_curl(aws, tmp_path):
    curl = require_tool("curl")
    (tmp_path / "layer").write_bytes(b"presigned layer")
    aws("s3", "cp", str(tmp_path / "layer"), "s3://cli-eu/layer", "--region", "eu-west-1")
    url = aws("s3", "presign", "s3://cli-eu/layer", "--expires-in", "300", "--region", "eu-west-1").stdout.strip()
    fetched = subprocess.run([curl, "-sS", "-f", url], capture_output=True)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout == b"presigned layer"
    tampered = subprocess.run([curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", url.replace("/layer?", "/other?")],
                              capture_output=True, text=True)
    assert tampered.stdout == "403"


def test_s3api_shows_the_wrong_region_answer_before_following_it(aws, tmp_path):
    (tmp_path / "obj").write_text("eu data")
    aws("s3", "cp", str(tmp_path / "obj"), "s3://cli-eu/obj", "--region", "eu-west-1")
    result = aws("s3api", "get-object", "--bucket", "cli-eu", "--key", "obj", str(tmp_path / "out"),
                 "--region", "us-east-1", "--debug")
    assert "AuthorizationHeaderMalformed" in result.stderr
    assert "<Region>eu-west-1</Region>" in result.stderr
    assert (tmp_path / "out").read_text() == "eu data"
    head = aws("s3api", "head-bucket", "--bucket", "cli-eu", "--region", "ap-south-1", "--debug")
    assert "x-amz-bucket-region" in head.stderr and "eu-west-1" in head.stderr


def test_s3api_on_a_missing_key_and_bucket(aws):
    missing = aws("s3api", "head-object", "--bucket", "cli-eu", "--key", "nope", "--region", "eu-west-1", check=False)
    assert missing.returncode != 0 and "404" in missing.stderr
    no_bucket = aws("s3api", "list-objects-v2", "--bucket", "no-such-cli-bucket", check=False)
    assert no_bucket.returncode != 0 and "NoSuchBucket" in no_bucket.stderr


def test_a_dockercfg_uploaded_as_the_beanstalk_guide_does(aws, tmp_path):
    auth = base64.b64encode(b"johndoe:s3cret").decode()
    dockercfg = {"quay.io": {"auth": auth, "email": "johndoe@example.com"}}
    path = tmp_path / ".dockercfg"
    path.write_text(json.dumps(dockercfg))
    aws("s3", "cp", str(path), "s3://cli-eu/mydockercfg", "--region", "eu-west-1")
    fetched = aws("s3", "cp", "s3://cli-eu/mydockercfg", "-", "--region", "eu-west-1").stdout
    assert json.loads(fetched) == dockercfg
