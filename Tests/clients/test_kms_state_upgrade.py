"""A --state written before KMS was one module still works: SecureString parameters and secrets read
back byte for byte, under the same key ARNs, and new values can still name those keys.

Before, Parameter Store kept its `aws/ssm` key in `ssm_kms_key` and sealed values as
`0x01 ‖ key ID ‖ nonce ‖ ciphertext ‖ tag` (authenticating `aws:ssm:PARAMETER_ARN=<arn>`), and
Secrets Manager kept `aws/secretsmanager` in `secretsmanager_key` and sealed values as
`0x01 ‖ nonce ‖ ciphertext ‖ tag` (authenticating `aws:secretsmanager:SecretARN=<arn>;SecretVersionId=<id>`).

The earlier state is made two ways:
- "tables" (always): this build makes a fresh state, which is then turned back into the earlier
  schema (KMS's tables and the three migrations that make and fill them removed, the two key tables
  as the earlier migrations made them), and keys, parameters and secrets are written into it with
  sqlite3 in the layout the earlier code wrote. Needs Python's `cryptography` for AES-GCM (moto, which
  .ci/run installs, depends on it): skipped without it locally, failed under CI=true.
- "old-binary": the build before the change (EBAUTH_OLD_BIN, e.g. a copy of main's ebauth) writes
  them through boto3. Skipped when EBAUTH_OLD_BIN is not set; .ci/run does not set it.
"""
import base64
import os
import sqlite3
import time
import uuid

import pytest

import conftest
from conftest import Server

REGION = "us-east-1"
NEW_MIGRATIONS = ("kms-001-create-keys-and-aliases", "kms-002-move-ssm-key", "kms-003-move-secretsmanager-key")
# As ssm-001 and secretsmanager-001 created them.
OLD_KEY_TABLE = """
    CREATE TABLE {name} (
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        key_id TEXT NOT NULL,
        material BLOB NOT NULL,
        creation_date REAL NOT NULL,
        PRIMARY KEY (account_id, region)
    );
    """


def database(state):
    return sqlite3.connect(os.path.join(state, "ebauth.sqlite3"))


def aes_gcm():
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("Python's cryptography package is required under CI=true but is not installed")
        pytest.skip("Python's cryptography package is not installed")
    return AESGCM


def old_secure_string(aesgcm, material, key_id, parameter_arn, value):
    nonce = os.urandom(12)
    sealed = aesgcm(material).encrypt(nonce, value.encode(), f"aws:ssm:PARAMETER_ARN={parameter_arn}".encode())
    return b"\x01" + uuid.UUID(key_id).bytes + nonce + sealed


def old_secret(aesgcm, material, secret_arn, version_id, value):
    nonce = os.urandom(12)
    context = f"aws:secretsmanager:SecretARN={secret_arn};SecretVersionId={version_id}".encode()
    return b"\x01" + nonce + aesgcm(material).encrypt(nonce, value, context)


def state_from_tables(state):
    """Writes the earlier tables directly; returns what a client saw of them."""
    aesgcm = aes_gcm()
    fresh = Server(state=state)
    try:
        account = fresh.client("sts").get_caller_identity()["Account"]
    finally:
        fresh.terminate()
    ssm_key, secrets_key = str(uuid.uuid4()), str(uuid.uuid4())
    ssm_material, secrets_material = os.urandom(32), os.urandom(32)
    key_arn = f"arn:aws:kms:{REGION}:{account}:key/"
    now = time.time()
    seen = {"parameters": {}, "secrets": {}, "ssm_key_arn": key_arn + ssm_key, "secrets_key_arn": key_arn + secrets_key}
    db = database(state)
    with db:
        db.execute(f"DELETE FROM schema_migrations WHERE id IN ({', '.join('?' * len(NEW_MIGRATIONS))})",
                   NEW_MIGRATIONS)
        db.executescript("DROP TABLE kms_alias; DROP TABLE kms_key;"
                         + OLD_KEY_TABLE.format(name="ssm_kms_key") + OLD_KEY_TABLE.format(name="secretsmanager_key"))
        for table, key_id, material in (("ssm_kms_key", ssm_key, ssm_material),
                                        ("secretsmanager_key", secrets_key, secrets_material)):
            db.execute(f"INSERT INTO {table} (account_id, region, key_id, material, creation_date) "
                       "VALUES (?, ?, ?, ?, ?)", (account, REGION, key_id, material, now))
        for name, value, shown_key in (("/app/db/password", "pa55 wörd ✓", "alias/aws/ssm"),
                                       ("TOKEN", "t" * 4000, key_arn + ssm_key)):
            arn = f"arn:aws:ssm:{REGION}:{account}:parameter/{name.lstrip('/')}"
            blob = old_secure_string(aesgcm, ssm_material, ssm_key, arn, value)
            cursor = db.execute(
                "INSERT INTO ssm_parameter (account_id, region, name_key, name, type, tier, latest_version) "
                "VALUES (?, ?, ?, ?, 'SecureString', 'Standard', 1)", (account, REGION, name, name))
            db.execute(
                "INSERT INTO ssm_parameter_version (parameter_id, version, type, value, ciphertext, key_id, "
                "description, allowed_pattern, data_type, tier, last_modified_date, last_modified_user) "
                "VALUES (?, 1, 'SecureString', NULL, ?, ?, NULL, NULL, 'text', 'Standard', ?, ?)",
                (cursor.lastrowid, blob, shown_key, now, f"arn:aws:iam::{account}:root"))
            seen["parameters"][name] = {"value": value, "hidden": base64.b64encode(blob).decode(), "key_id": shown_key}
        for name, value, kms_key_id in (("prod/db", b'{"user":"app","password":"s3cr3t"}', None),
                                        ("blob", bytes(range(256)), key_arn + secrets_key)):
            arn = f"arn:aws:secretsmanager:{REGION}:{account}:secret:{name}-AbC123"
            version = str(uuid.uuid4())
            cursor = db.execute(
                "INSERT INTO secretsmanager_secret (account_id, region, name, arn, description, kms_key_id, "
                "created_date, last_changed_date) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
                (account, REGION, name, arn, kms_key_id, now, now))
            binary = name == "blob"
            db.execute("INSERT INTO secretsmanager_version "
                       "(secret_id, version_id, ciphertext, is_binary, created_date) VALUES (?, ?, ?, ?, ?)",
                       (cursor.lastrowid, version, old_secret(aesgcm, secrets_material, arn, version, value),
                        int(binary), now))
            db.execute("INSERT INTO secretsmanager_stage (secret_id, stage, version_id) VALUES (?, 'AWSCURRENT', ?)",
                       (cursor.lastrowid, version))
            shown = {"SecretBinary": value} if binary else {"SecretString": value.decode()}
            seen["secrets"][name] = {"arn": arn, "version": version, "kms_key_id": kms_key_id, **shown}
    db.close()
    return seen


def state_from_old_binary(state):
    """Lets the earlier build write through boto3; returns what a client saw of it."""
    old = os.environ.get("EBAUTH_OLD_BIN")
    if not old:
        pytest.skip("EBAUTH_OLD_BIN (the ebauth binary of the build before KMS was one module) is not set")
    if not os.access(old, os.X_OK):
        pytest.fail(f"EBAUTH_OLD_BIN={old} is not an executable")
    saved, conftest.BINARY = conftest.BINARY, old
    try:
        server = Server(state=state)
    finally:
        conftest.BINARY = saved
    try:
        ssm, secrets = server.client("ssm"), server.client("secretsmanager")
        ssm.put_parameter(Name="/app/db/password", Type="SecureString", Value="pa55 wörd ✓")
        secrets.create_secret(Name="prod/db", SecretString='{"user":"app","password":"s3cr3t"}')
        db = database(state)
        ssm_key = db.execute("SELECT key_id FROM ssm_kms_key").fetchone()[0]
        secrets_key = db.execute("SELECT key_id FROM secretsmanager_key").fetchone()[0]
        db.close()
        account = server.client("sts").get_caller_identity()["Account"]
        key_arn = f"arn:aws:kms:{REGION}:{account}:key/"
        ssm.put_parameter(Name="TOKEN", Type="SecureString", Value="t" * 4000, KeyId=key_arn + ssm_key)
        secrets.create_secret(Name="blob", SecretBinary=bytes(range(256)), KmsKeyId=key_arn + secrets_key)
        seen = {"parameters": {}, "secrets": {}, "ssm_key_arn": key_arn + ssm_key,
                "secrets_key_arn": key_arn + secrets_key}
        described = {p["Name"]: p for p in ssm.describe_parameters()["Parameters"]}
        for name in ("/app/db/password", "TOKEN"):
            seen["parameters"][name] = {
                "value": ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"],
                "hidden": ssm.get_parameter(Name=name)["Parameter"]["Value"],
                "key_id": described[name]["KeyId"]}
        for name in ("prod/db", "blob"):
            value = secrets.get_secret_value(SecretId=name)
            entry = {"arn": value["ARN"], "version": value["VersionId"],
                     "kms_key_id": secrets.describe_secret(SecretId=name).get("KmsKeyId")}
            for field in ("SecretString", "SecretBinary"):
                if field in value:
                    entry[field] = value[field]
            seen["secrets"][name] = entry
        return seen
    finally:
        assert server.terminate() == 0, server.stderr()


@pytest.mark.parametrize("make_state", [state_from_tables, state_from_old_binary], ids=["tables", "old-binary"])
def test_values_of_an_earlier_state_read_back_under_the_same_keys(state_dir, make_state):
    before = make_state(state_dir)
    server = Server(state=state_dir)
    try:
        ssm, secrets = server.client("ssm"), server.client("secretsmanager")
        described = {p["Name"]: p for p in ssm.describe_parameters()["Parameters"]}
        for name, seen in before["parameters"].items():
            assert ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"] == seen["value"]
            # The stored ciphertext is untouched: the same opaque value as before.
            assert ssm.get_parameter(Name=name)["Parameter"]["Value"] == seen["hidden"]
            assert described[name]["KeyId"] == seen["key_id"]
        by_path = ssm.get_parameters_by_path(Path="/app/db", WithDecryption=True)["Parameters"]
        assert [p["Value"] for p in by_path] == [before["parameters"]["/app/db/password"]["value"]]
        for name, seen in before["secrets"].items():
            value = secrets.get_secret_value(SecretId=name)
            assert (value["ARN"], value["VersionId"]) == (seen["arn"], seen["version"])
            for field in ("SecretString", "SecretBinary"):
                assert value.get(field) == seen.get(field)
            assert secrets.describe_secret(SecretId=name).get("KmsKeyId") == seen["kms_key_id"]

        # The keys kept their IDs: their ARNs still name them, and new values sealed with them open.
        ssm.put_parameter(Name="after", Type="SecureString", Value="new", KeyId=before["ssm_key_arn"])
        assert ssm.get_parameter(Name="after", WithDecryption=True)["Parameter"]["Value"] == "new"
        ssm.put_parameter(Name="TOKEN", Value="rotated", Overwrite=True)
        assert ssm.get_parameter(Name="TOKEN", WithDecryption=True)["Parameter"]["Value"] == "rotated"
        assert ssm.get_parameter(Name="TOKEN:1", WithDecryption=True)["Parameter"]["Value"] == "t" * 4000
        secrets.create_secret(Name="after", SecretString="new", KmsKeyId=before["secrets_key_arn"])
        assert secrets.get_secret_value(SecretId="after")["SecretString"] == "new"
        secrets.put_secret_value(SecretId="prod/db", SecretString="v2")
        assert secrets.get_secret_value(SecretId="prod/db")["SecretString"] == "v2"
        previous = secrets.get_secret_value(SecretId="prod/db", VersionStage="AWSPREVIOUS")
        assert previous["SecretString"] == before["secrets"]["prod/db"]["SecretString"]
    finally:
        assert server.terminate() == 0, server.stderr()

    db = database(state_dir)
    keys = set(db.execute("SELECT key_id, key_manager FROM kms_key").fetchall())
    aliases = set(db.execute("SELECT alias_name, key_id FROM kms_alias").fetchall())
    old_tables = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE name IN ('ssm_kms_key', 'secretsmanager_key')").fetchone()[0]
    db.close()
    ssm_key, secrets_key = (before[k].rsplit("/", 1)[1] for k in ("ssm_key_arn", "secrets_key_arn"))
    assert keys == {(ssm_key, "AWS"), (secrets_key, "AWS")}
    assert aliases == {("alias/aws/ssm", ssm_key), ("alias/aws/secretsmanager", secrets_key)}
    assert old_tables == 0
