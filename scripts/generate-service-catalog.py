#!/usr/bin/env python3
"""Generate ebauth's AWS operation catalogue from botocore's installed service models.

Writes two Swift files (run from the repository root):

    python3 scripts/generate-service-catalog.py

  Sources/AWSCore/Catalog/ServiceCatalog+Generated.swift
      service metadata and operation names for the services ebauth speaks, plus
      every S3 operation's HTTP method, requestUri and required query/header members
      (read straight from data/<service>/<version>/service-2.json(.gz), stdlib only).
  Tests/AWSCoreTests/S3RequestFixtures+Generated.swift
      the HTTP requests botocore's S3 client really sends for every S3 operation
      (and a few variants), captured before they leave the client. This part
      imports botocore itself; skip it with --no-fixtures.

Options --sources-dir / --tests-dir write elsewhere (e.g. a scratch package).
The output is deterministic: same botocore version -> same bytes.
"""

import argparse
import gzip
import importlib.util
import json
import os
import sys
import urllib.parse

REGEN_COMMAND = "python3 scripts/generate-service-catalog.py"
# Generated files are left as this script writes them: .ci/run's `swift format lint` skips them.
SWIFT_FORMAT_IGNORE = "// swift-format-ignore-file"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (botocore service name, Swift static property name)
SERVICES = [
    ("ssm", "ssm"),
    ("ecr", "ecr"),
    ("s3", "s3"),
    ("iam", "iam"),
    ("sts", "sts"),
    ("secretsmanager", "secretsManager"),
    ("kms", "kms"),
    ("elasticbeanstalk", "elasticBeanstalk"),
    ("ec2", "ec2"),
]

PROTOCOLS = {"rest-xml": ".restXML", "query": ".query", "ec2": ".ec2"}

# ---------------------------------------------------------------- model loading (stdlib)


def botocore_dir():
    spec = importlib.util.find_spec("botocore")
    if spec is None or spec.origin is None:
        sys.exit("botocore is not installed (pip install botocore)")
    return os.path.dirname(spec.origin)


def botocore_version(root):
    # botocore/__init__.py has a line: __version__ = '1.43.11'
    with open(os.path.join(root, "__init__.py"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("__version__"):
                return line.split("=", 1)[1].strip().strip("'\"")
    sys.exit("cannot read botocore.__version__")


def load_model(root, service):
    """The newest API version's service-2.json, as botocore's own Loader picks it."""
    service_dir = os.path.join(root, "data", service)
    versions = sorted(v for v in os.listdir(service_dir) if os.path.isdir(os.path.join(service_dir, v)))
    version_dir = os.path.join(service_dir, versions[-1])
    for name, opener in (("service-2.json", open), ("service-2.json.gz", gzip.open)):
        path = os.path.join(version_dir, name)
        if os.path.exists(path):
            with opener(path, "rt", encoding="utf-8") as f:
                return json.load(f)
    sys.exit(f"no service-2.json for {service} in {version_dir}")


# ---------------------------------------------------------------- Swift helpers


def lit(s):
    if any(ord(c) < 0x20 or ord(c) > 0x7E for c in s):
        sys.exit(f"unexpected character in {s!r}")
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def opt(s):
    return "nil" if s is None else lit(s)


def lit_array(items):
    return "[" + ", ".join(lit(i) for i in items) + "]"


def packed(items, indent, width=110):
    """String literals packed several to a line, so 765 EC2 names stay readable and short."""
    lines, line = [], indent
    for item in items:
        piece = lit(item) + ","
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece + " "
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------- catalogue


def xml_namespace(model):
    """metadata.xmlNamespace (query/ec2); S3 only states it on operation inputs."""
    ns = model["metadata"].get("xmlNamespace")
    if ns:
        return ns
    uris = {op["input"]["xmlNamespace"]["uri"] for op in model["operations"].values()
            if "xmlNamespace" in op.get("input", {})}
    if len(uris) > 1:
        sys.exit(f"several xml namespaces: {sorted(uris)}")
    return uris.pop() if uris else None


def service_block(name, prop, model):
    md = model["metadata"]
    proto = md["protocol"]
    if proto == "json":
        if md.get("jsonVersion") != "1.1":
            sys.exit(f"{name}: only JSON 1.1 is modelled, got {md.get('jsonVersion')}")
        swift_proto = ".json11"
    else:
        swift_proto = PROTOCOLS[proto]
    signing = md.get("signingName", md["endpointPrefix"])
    target = md.get("targetPrefix") if proto == "json" else None
    ns = xml_namespace(model) if proto != "json" else None
    ops = sorted(model["operations"])
    return "\n".join([
        f"    /// {md.get('serviceFullName', name)} ({len(ops)} operations).",
        f"    public static let {prop} = AWSServiceDescription(",
        f"        name: {lit(name)}, signingName: {lit(signing)}, endpointPrefix: {lit(md['endpointPrefix'])},",
        f"        protocol: {swift_proto}, apiVersion: {lit(md['apiVersion'])}, targetPrefix: {opt(target)},",
        f"        xmlNamespace: {opt(ns)},",
        "        operations: [",
        packed(ops, " " * 12),
        "        ])",
    ])


def s3_operation_line(name, op, shapes):
    """One S3OperationSpec per line: model method/requestUri plus required query/header members."""
    http = op["http"]
    req_q, req_h, opt_q = [], [], []
    if "input" in op:
        shape = shapes[op["input"]["shape"]]
        required = set(shape.get("required", []))
        for member, ref in sorted(shape.get("members", {}).items()):
            where, wire = ref.get("location"), ref.get("locationName", member)
            if where == "querystring":
                (req_q if member in required else opt_q).append(wire)
            elif where == "header" and member in required and not ref.get("hostLabel"):
                req_h.append(wire.lower())  # hostLabel members go into the host name, not a header
    parts = [lit(name), lit(http["method"]), lit(http["requestUri"])]
    if req_q:
        parts.append("requiredQuery: " + lit_array(sorted(req_q)))
    if req_h:
        parts.append("requiredHeaders: " + lit_array(sorted(req_h)))
    if opt_q:
        parts.append("optionalQuery: " + lit_array(sorted(opt_q)))
    if op.get("deprecated"):
        parts.append("deprecated: true")
    return "        .init(" + ", ".join(parts) + "),"


def generate_catalogue(root, version):
    models = {name: load_model(root, name) for name, _ in SERVICES}
    out = [
        SWIFT_FORMAT_IGNORE,
        f"// Generated from botocore {version} service models (data/<service>/<version>/service-2.json).",
        f"// DO NOT EDIT. Regenerate from the repository root with: {REGEN_COMMAND}",
        "",
        "extension ServiceCatalog {",
        "    /// Every service in the catalogue, in a fixed order.",
        "    public static let all: [AWSServiceDescription] = [" + ", ".join(p for _, p in SERVICES) + "]",
    ]
    for name, prop in SERVICES:
        out += ["", service_block(name, prop, models[name])]
    out += ["}", "", "extension S3OperationMatcher {",
            "    /// Every S3 operation: name, HTTP method, requestUri exactly as in the model, the query",
            "    /// and header members the model requires, its optional query members, and deprecation.",
            "    public static let operations: [OperationSpec] = ["]
    s3 = models["s3"]
    for name in sorted(s3["operations"]):
        out.append(s3_operation_line(name, s3["operations"][name], s3["shapes"]))
    out += ["    ]", "}", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- S3 request fixtures (botocore)

BUCKET = "amzn-s3-demo-bucket"
KEY = "photos/2024/cat.jpg"
SPECIAL_VALUES = {
    "Bucket": BUCKET, "Key": KEY, "CopySource": "source-bucket/source.jpg", "UploadId": "upload-1",
    "PartNumber": 2, "Id": "config-1", "RequestRoute": "route-1", "RequestToken": "token-1",
    "RenameSource": "/amzn-s3-demo-bucket/old.jpg", "Expression": "SELECT * FROM S3Object",
}

# (operation, label, extra params) -- variants beyond each operation's minimal request.
VARIANTS = [
    ("GetObject", "versionId+response-content-type", {"VersionId": "v1", "ResponseContentType": "text/plain"}),
    ("GetObject", "partNumber", {"PartNumber": 1}),
    ("HeadObject", "versionId", {"VersionId": "v1"}),
    ("DeleteObject", "versionId", {"VersionId": "v1"}),
    ("ListObjects", "prefix+delimiter+marker", {"Prefix": "photos/", "Delimiter": "/", "Marker": "a"}),
    ("ListObjectsV2", "prefix+continuation", {"Prefix": "photos/", "ContinuationToken": "t", "StartAfter": "a"}),
    ("ListObjectVersions", "prefix+key-marker", {"Prefix": "photos/", "KeyMarker": "k"}),
    ("ListMultipartUploads", "prefix", {"Prefix": "photos/", "MaxUploads": 10}),
    ("ListParts", "max-parts", {"MaxParts": 10, "PartNumberMarker": 1}),
    ("ListBuckets", "max-buckets+prefix", {"MaxBuckets": 10, "Prefix": "amzn"}),
    ("ListDirectoryBuckets", "max-directory-buckets", {"MaxDirectoryBuckets": 10}),
    ("ListBucketAnalyticsConfigurations", "continuation", {"ContinuationToken": "t"}),
    ("GetObjectTagging", "versionId", {"VersionId": "v1"}),
    ("PutObjectTagging", "versionId", {"VersionId": "v1"}),
    ("GetObjectAcl", "versionId", {"VersionId": "v1"}),
    ("PutObjectAcl", "canned acl", {"ACL": "public-read"}),
    ("PutBucketAcl", "canned acl", {"ACL": "public-read"}),
    ("PutObject", "body+metadata", {"Body": b"hello", "Metadata": {"owner": "me"}, "ContentType": "text/plain"}),
    ("UploadPart", "body", {"Body": b"hello"}),
    ("CopyObject", "metadata-directive", {"MetadataDirective": "REPLACE"}),
]


def minimal_value(shape, member_name, depth=0):
    """The smallest value botocore's validator accepts for a shape (required members only)."""
    if member_name in SPECIAL_VALUES:
        return SPECIAL_VALUES[member_name]
    t = shape.type_name
    if t == "structure":
        if depth > 6:
            return {}
        if shape.metadata.get("union"):  # tagged union: exactly one member
            first = sorted(shape.members)[0]
            return {first: minimal_value(shape.members[first], first, depth + 1)}
        return {m: minimal_value(shape.members[m], m, depth + 1) for m in shape.required_members}
    if t == "list":
        return [minimal_value(shape.member, member_name, depth + 1)]
    if t == "map":
        return {}
    if t == "string":
        enum = shape.metadata.get("enum")
        return enum[0] if enum else "x" * max(1, shape.metadata.get("min", 1))
    if t in ("integer", "long"):
        return max(1, shape.metadata.get("min", 1))
    if t == "boolean":
        return True
    if t in ("float", "double"):
        return 1.0
    if t == "blob":
        return b"x"
    if t == "timestamp":
        import datetime
        return datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    sys.exit(f"no minimal value for {member_name}: {t}")


class Captured(Exception):
    pass


def capture_requests():
    """Run every S3 operation through a real botocore client and keep the request it would send."""
    import botocore.session
    from botocore.config import Config

    for var in [v for v in os.environ if v.startswith("AWS_")]:
        del os.environ[var]  # no profile, endpoint or checksum settings from the environment
    session = botocore.session.get_session()
    client = session.create_client(
        "s3", region_name="us-east-1", endpoint_url="http://localhost:4566",
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG",
        config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}))
    box = {}

    def before_send(request, **_):
        box["request"] = request
        raise Captured()

    client.meta.events.register("before-send.s3", before_send)
    model = client.meta.service_model
    cases = [(n, "minimal", None) for n in sorted(model.operation_names)] + VARIANTS
    fixtures = []
    for op_name, label, extra in cases:
        op = model.operation_model(op_name)
        params = minimal_value(op.input_shape, "") if op.input_shape else {}
        params.update(extra or {})
        method = getattr(client, botocore.xform_name(op_name))
        box.clear()
        try:
            method(**params)
        except Captured:
            pass
        if "request" not in box:
            sys.exit(f"{op_name}: botocore sent no request")
        fixtures.append((op_name, label, box["request"]))
    return fixtures


VOLATILE_HEADERS = {"authorization", "x-amz-date", "user-agent", "amz-sdk-invocation-id", "amz-sdk-request"}


def fixture_line(op_name, label, request):
    url = urllib.parse.urlsplit(request.url)
    segments = url.path.lstrip("/").split("/", 1)
    bucket = urllib.parse.unquote(segments[0]) if segments[0] else None
    key = urllib.parse.unquote(segments[1]) if len(segments) > 1 and segments[1] else None
    query = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
    headers = sorted({h.lower() for h in request.headers.keys()} - VOLATILE_HEADERS)
    q = "[" + ", ".join(f"({lit(k)}, {lit(v)})" for k, v in query) + "]"
    return (f"        .init({lit(op_name)}, {lit(label)}, {lit(request.method)}, bucket: {opt(bucket)}, "
            f"key: {opt(key)}, query: {q}, headers: {lit_array(headers)}),")


def generate_fixtures(version):
    import botocore
    if botocore.__version__ != version:
        sys.exit(f"imported botocore {botocore.__version__} but models are from {version}")
    out = [
        SWIFT_FORMAT_IGNORE,
        f"// Generated from botocore {version}: the requests its S3 client sends (path-style addressing).",
        f"// DO NOT EDIT. Regenerate from the repository root with: {REGEN_COMMAND}",
        "",
        "import Testing",
        "",
        "/// What botocore sent for one S3 operation call; header names only, minus volatile ones.",
        "struct S3RequestFixture: Sendable, CustomTestStringConvertible {",
        "    let operation: String, label: String, method: String",
        "    let bucket: String?, key: String?",
        "    let query: [(name: String, value: String)]",
        "    let headers: [String]",
        "    var testDescription: String { \"\\(operation) (\\(label))\" }",
        "",
        "    init(_ operation: String, _ label: String, _ method: String, bucket: String?, key: String?,",
        "         query: [(String, String)], headers: [String]) {",
        "        self.operation = operation; self.label = label; self.method = method",
        "        self.bucket = bucket; self.key = key",
        "        self.query = query.map { (name: $0.0, value: $0.1) }; self.headers = headers",
        "    }",
        "}",
        "",
        "extension S3RequestFixture {",
        "    static let all: [S3RequestFixture] = [",
    ]
    out += [fixture_line(*f) for f in capture_requests()]
    out += ["    ]", "}", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- main


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources-dir", default=os.path.join(REPO_ROOT, "Sources/AWSCore/Catalog"))
    ap.add_argument("--tests-dir", default=os.path.join(REPO_ROOT, "Tests/AWSCoreTests"))
    ap.add_argument("--no-fixtures", action="store_true", help="only the catalogue (stdlib only)")
    args = ap.parse_args()
    root = botocore_dir()
    version = botocore_version(root)
    write(os.path.join(args.sources_dir, "ServiceCatalog+Generated.swift"), generate_catalogue(root, version))
    if not args.no_fixtures:
        write(os.path.join(args.tests_dir, "S3RequestFixtures+Generated.swift"), generate_fixtures(version))


if __name__ == "__main__":
    main()
