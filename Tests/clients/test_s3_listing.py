"""ListObjectsV2 and ListObjects: prefixes, delimiters, pages, markers and URL encoding."""
import pytest

from s3_support import error_of

KEYS = ["a.txt", "dir/one", "dir/sub/two", "dir/sub/three", "dir2/x", "logs/2024/01", "logs/2024/02", "logs/2025/01",
        "z"]


@pytest.fixture
def s3(server):
    client = server.client("s3")
    client.create_bucket(Bucket="listing")
    for key in KEYS:
        client.put_object(Bucket="listing", Key=key, Body=key.encode())
    return client


def keys(result):
    return [o["Key"] for o in result.get("Contents", [])]


def prefixes(result):
    return [p["Prefix"] for p in result.get("CommonPrefixes", [])]


def test_v2_lists_every_key_in_byte_order_with_sizes_and_etags(s3):
    result = s3.list_objects_v2(Bucket="listing")
    assert keys(result) == sorted(KEYS)
    assert result["KeyCount"] == len(KEYS)
    assert result["IsTruncated"] is False
    first = result["Contents"][0]
    assert first["Size"] == len("a.txt")
    assert first["StorageClass"] == "STANDARD"
    assert first["ETag"].startswith('"')
    assert first["ChecksumAlgorithm"] == ["CRC32"]
    assert "Owner" not in first
    assert "Owner" in s3.list_objects_v2(Bucket="listing", FetchOwner=True)["Contents"][0]


def test_v2_prefix_and_delimiter_fold_into_common_prefixes(s3):
    result = s3.list_objects_v2(Bucket="listing", Delimiter="/")
    assert keys(result) == ["a.txt", "z"]
    assert prefixes(result) == ["dir/", "dir2/", "logs/"]
    assert result["KeyCount"] == 5
    nested = s3.list_objects_v2(Bucket="listing", Prefix="dir/", Delimiter="/")
    assert keys(nested) == ["dir/one"]
    assert prefixes(nested) == ["dir/sub/"]
    assert prefixes(s3.list_objects_v2(Bucket="listing", Prefix="logs/20", Delimiter="/")) == ["logs/2024/", "logs/2025/"]


def test_v2_pages_with_continuation_tokens_count_prefixes_as_entries(s3):
    seen_keys, seen_prefixes, token, pages = [], [], None, 0
    while True:
        args = {"Bucket": "listing", "Delimiter": "/", "MaxKeys": 2}
        if token:
            args["ContinuationToken"] = token
        page = s3.list_objects_v2(**args)
        pages += 1
        assert page["KeyCount"] <= 2
        seen_keys += keys(page)
        seen_prefixes += prefixes(page)
        if not page["IsTruncated"]:
            break
        token = page["NextContinuationToken"]
    assert pages == 3
    assert seen_keys == ["a.txt", "z"]
    assert seen_prefixes == ["dir/", "dir2/", "logs/"]


def test_v2_start_after(s3):
    assert keys(s3.list_objects_v2(Bucket="listing", StartAfter="logs/2024/02")) == ["logs/2025/01", "z"]


def test_v2_paginator_walks_every_key(s3):
    paginator = s3.get_paginator("list_objects_v2")
    walked = [o["Key"] for page in paginator.paginate(Bucket="listing", PaginationConfig={"PageSize": 3})
              for o in page["Contents"]]
    assert walked == sorted(KEYS)


def test_v2_a_bad_continuation_token_is_invalid_argument(s3):
    response = error_of(lambda: s3.list_objects_v2(Bucket="listing", ContinuationToken="garbage"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidArgument"
    assert response["Error"]["Message"] == "The continuation token provided is incorrect"


def test_max_keys_zero_and_negative(s3):
    result = s3.list_objects_v2(Bucket="listing", MaxKeys=0)
    assert result["KeyCount"] == 0 and result["IsTruncated"] is False
    response = error_of(lambda: s3.list_objects_v2(Bucket="listing", MaxKeys=-1))
    assert response["Error"]["Code"] == "InvalidArgument"
    assert response["Error"]["Message"] == "Provided max-keys not an integer or within integer range"


def test_v1_marker_and_next_marker(s3):
    first = s3.list_objects(Bucket="listing", MaxKeys=3)
    assert keys(first) == sorted(KEYS)[:3]
    assert first["IsTruncated"] is True
    assert "NextMarker" not in first  # only with a delimiter; clients continue from the last key
    rest = s3.list_objects(Bucket="listing", Marker=keys(first)[-1])
    assert keys(rest) == sorted(KEYS)[3:]
    assert rest["Contents"][0]["Owner"]["ID"]
    grouped = s3.list_objects(Bucket="listing", Delimiter="/", MaxKeys=2)
    assert grouped["NextMarker"] == "dir/"
    after = s3.list_objects(Bucket="listing", Delimiter="/", Marker=grouped["NextMarker"])
    assert keys(after) == ["z"] and prefixes(after) == ["dir2/", "logs/"]


def test_v1_paginator_walks_every_key(s3):
    paginator = s3.get_paginator("list_objects")
    walked = [o["Key"] for page in paginator.paginate(Bucket="listing", PaginationConfig={"PageSize": 4})
              for o in page["Contents"]]
    assert walked == sorted(KEYS)


def test_url_encoding_carries_keys_xml_cannot(server):
    s3 = server.client("s3")
    s3.create_bucket(Bucket="encoded")
    odd = ["ctrl\x01char", "space key", "plus+key", "pct%20key", "é/ü"]
    for key in odd:
        s3.put_object(Bucket="encoded", Key=key, Body=b"x")
    # boto3 asks for encoding-type=url and decodes the answer.
    assert sorted(keys(s3.list_objects_v2(Bucket="encoded")), key=str.encode) == sorted(odd, key=str.encode)
    assert prefixes(s3.list_objects_v2(Bucket="encoded", Delimiter="/")) == ["é/"]
    assert sorted(keys(s3.list_objects(Bucket="encoded")), key=str.encode) == sorted(odd, key=str.encode)


def test_an_unknown_encoding_type_is_invalid_argument(server, s3):
    import requests
    reply = requests.get(server.endpoint + "/listing?list-type=2&encoding-type=base64")
    assert reply.status_code == 400
    assert "<Code>InvalidArgument</Code>" in reply.text
    assert "Invalid Encoding Method specified in Request" in reply.text
