"""Tier 3: `ebauth replay` with real registries and real pullers (issue 8).

`--registry process` runs Debian's docker-registry, `--registry container` the same registry in
a Docker engine, `--puller skopeo` runs skopeo, `--puller docker` a real `docker pull` on a
private engine that `ebauth replay` starts (root and dockerd needed). The report must carry the
real tools' own failure texts, and nothing the run started may outlive it.
"""
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from conftest import BINARY, ROOT, require_tool

SCENARIOS = os.path.join(ROOT, "Scenarios")


def replay(tmp_path, *args):
    report = tmp_path / "report.json"
    result = subprocess.run([BINARY, "replay", "--json", str(report), *args, SCENARIOS],
                            capture_output=True, text=True, timeout=600)
    scenarios = json.loads(report.read_text())["scenarios"] if report.exists() else []
    return result, {entry["folder"].rsplit("/", 1)[-1]: entry for entry in scenarios}


def require_engine():
    require_tool("dockerd")
    require_tool("docker")
    if os.geteuid() != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("a private Docker engine needs root under CI=true")
        pytest.skip("a private Docker engine needs root")


def engine_socket(stdout):
    match = re.search(r"Docker engine: .* at unix://(\S+)/docker\.sock", stdout)
    assert match, stdout
    return match.group(1)


@contextlib.contextmanager
def engine_of_our_own(*options, env=None):
    """A dockerd the test starts and stops, standing for an engine the user runs: (host, process)."""
    root = f"/tmp/ebauth-test-engine-{os.getpid()}"
    os.makedirs(root, exist_ok=True)
    host = f"unix://{root}/docker.sock"
    args = ["dockerd", "--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver=vfs",
            "--data-root", f"{root}/data", "--exec-root", f"{root}/exec", "--pidfile", f"{root}/pid", "-H", host, *options]
    log = open(f"{root}/dockerd.log", "w")
    engine = subprocess.Popen(args, env=env or os.environ, stdout=log, stderr=log)
    try:
        for _ in range(300):
            if subprocess.run(["docker", "-H", host, "version"], capture_output=True).returncode == 0:
                break
            assert engine.poll() is None, open(f"{root}/dockerd.log").read()[-2000:]
            time.sleep(0.1)
        yield host, engine
    finally:
        engine.terminate()
        engine.wait(timeout=30)
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def assert_engine_gone(directory):
    assert not os.path.exists(directory), f"{directory} outlived the run"
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert directory not in ps, "a dockerd of the run is still running"


def test_process_registry_serves_the_ssm_flow_and_refuses_a_wrong_password(tmp_path):
    require_tool("docker-registry")
    result, runs = replay(tmp_path, "--registry", "process", "--filter", "ssm-flow-corrected")
    assert result.returncode == 0, result.stdout + result.stderr
    run = runs["ssm-flow-corrected"]
    assert run["status"] == "passed" and run["registry"] == "process"
    assert any("distribution registry process" in line and "quay.io" in line for line in run["setup"])
    assert run["pulled"] == ["quay.io/johndoe/private-image:latest"]

    result, runs = replay(tmp_path, "--registry", "process", "--filter", "registry-wrong-password")
    assert result.returncode == 0, result.stdout + result.stderr
    failure = runs["registry-wrong-password"]["failure"]
    # The real registry's 401 for the wrong password, as docker login reports it.
    assert "login attempt to https://quay.io/v2/ failed with status: 401 Unauthorized" in failure["message"]


def parent_if_alive(pid):
    """The parent pid of a running process (not a zombie), or None."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
    except OSError:
        return None
    return None if state == "Z" else int(parent)


def registry_processes(parent=None, mentioning=None):
    """Live docker-registry processes, {pid: their command line}: children of `parent`, or any
    whose command line names `mentioning`."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                args = [arg.decode() for arg in cmdline.read().split(b"\0") if arg]
        except OSError:
            continue
        its_parent = parent_if_alive(entry)
        if not args or os.path.basename(args[0]) not in ("docker-registry", "registry") or its_parent is None:
            continue
        if (parent is not None and its_parent == parent) or (mentioning is not None and any(mentioning in arg for arg in args)):
            found[int(entry)] = " ".join(args)
    return found


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupting_a_process_registry_run_leaves_no_registry_or_folder(tmp_path, sig):
    """Ctrl-C or SIGTERM while scenarios have their docker-registry running: the replay stops
    them and removes their folders before it exits."""
    require_tool("docker-registry")
    temp = tmp_path / "tmp"
    temp.mkdir()
    log = open(tmp_path / "replay.log", "w+")
    replay = subprocess.Popen([BINARY, "replay", "--registry", "process", SCENARIOS], stdout=log, stderr=subprocess.STDOUT,
                              env=dict(os.environ, TMPDIR=str(temp)))
    try:
        children = {}
        while not children:
            assert replay.poll() is None, "the run ended before a registry was seen"
            children = registry_processes(parent=replay.pid)
            time.sleep(0.02)
        # Each registry serves from the scenario's folder in the replay's TMPDIR.
        assert all(str(temp) in args for args in children.values()), children
        replay.send_signal(sig)
        status = replay.wait(timeout=120)
        log.seek(0)
        output = log.read()
        # Neither the registries seen nor any started after them outlived the replay.
        left = {pid: args for pid, args in children.items() if parent_if_alive(pid) is not None}
        left.update(registry_processes(mentioning=str(temp)))
        assert left == {}, f"registries outlived the replay: {left}\n{output}"
        folders = {name: sorted(os.listdir(temp / name)) for name in os.listdir(temp) if name.startswith("ebauth-")}
        assert folders == {}, f"the scenarios' folders outlived the replay\n{output}"
        # It says why it stopped and exits as a shell reports the signal.
        assert "ebauth replay: interrupted" in output
        assert status == 128 + sig, output
    finally:
        if replay.poll() is None:
            replay.kill()
            replay.wait()
        for pid in registry_processes(mentioning=str(temp)):
            os.kill(pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(temp, ignore_errors=True)


def test_interrupting_a_container_registry_run_removes_its_containers(tmp_path):
    """SIGTERM while scenarios have their registry containers running in an engine the user runs
    (DOCKER_HOST, which the replay leaves running): the containers go, and the folders they serve."""
    require_engine()
    require_tool("docker-registry")
    temp = tmp_path / "tmp"
    temp.mkdir()
    log = open(tmp_path / "replay.log", "w+")
    with engine_of_our_own() as (host, engine):
        def registry_containers():
            listed = subprocess.run(["docker", "-H", host, "ps", "-a", "--filter", "name=ebauth-registry-", "--format", "{{.Names}}"],
                                    capture_output=True, text=True, timeout=60)
            assert listed.returncode == 0, listed.stderr
            return listed.stdout.split()

        replay = subprocess.Popen([BINARY, "replay", "--registry", "container", SCENARIOS], stdout=log, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, TMPDIR=str(temp), DOCKER_HOST=host))
        try:
            while not registry_containers():
                assert replay.poll() is None, "the run ended before a registry container was seen"
                time.sleep(0.1)
            replay.send_signal(signal.SIGTERM)
            status = replay.wait(timeout=180)
            log.seek(0)
            output = log.read()
            assert registry_containers() == [], output
            folders = {name: sorted(os.listdir(temp / name)) for name in os.listdir(temp) if name.startswith("ebauth-")}
            assert folders == {}, f"the scenarios' folders outlived the replay\n{output}"
            assert status == 128 + signal.SIGTERM, output
            assert engine.poll() is None
        finally:
            if replay.poll() is None:
                replay.kill()
                replay.wait()
            log.close()
            shutil.rmtree(temp, ignore_errors=True)


def test_ecr_only_scenarios_are_not_applicable_to_a_real_registry(tmp_path):
    require_tool("docker-registry")
    result, runs = replay(tmp_path, "--registry", "process", "--filter", "ecr-flow")
    assert result.returncode == 0, result.stdout + result.stderr
    assert runs["ecr-flow"]["status"] == "n/a"
    assert "not applicable" in result.stdout


def test_skopeo_puller_reports_skopeo_text(tmp_path):
    require_tool("skopeo")
    result, runs = replay(tmp_path, "--puller", "skopeo", "--filter", "s3-")
    assert result.returncode == 0, result.stdout + result.stderr
    assert runs["s3-flow"]["status"] == "passed"
    assert any("skopeo copy" in line for line in runs["s3-flow"]["setup"])
    events = "\n".join(runs["s3-credsstore-file"]["events"])
    assert "reading manifest latest in quay.io/johndoe/private-image: unauthorized: authentication required" in events
    assert "no basic auth credentials" not in events


def test_docker_puller_pulls_from_ecr_and_reports_the_daemon_text(tmp_path):
    require_engine()
    result, runs = replay(tmp_path, "--puller", "docker", "--filter", "ecr-")
    assert result.returncode == 0, result.stdout + result.stderr
    assert runs["ecr-flow"]["status"] == "passed"
    assert any("docker pull" in line for line in runs["ecr-flow"]["setup"])
    assert any("docker puller" in line and "Pulled 123456789012.dkr.ecr.us-east-2.amazonaws.com/repository-name:latest" in line
               for line in runs["ecr-flow"]["engineLog"])
    events = "\n".join(runs["ecr-no-permission"]["events"])
    assert ('Error response from daemon: Head "http://123456789012.dkr.ecr.us-east-2.amazonaws.com/v2/'
            'repository-name/manifests/latest": no basic auth credentials') in events
    assert "manifest unknown: Requested image not found" in "\n".join(runs["ecr-tag-missing"]["events"])
    assert_engine_gone(engine_socket(result.stdout))


def test_container_registry_with_docker_puller_matrix_agrees(tmp_path):
    require_engine()
    require_tool("docker-registry")
    junit = tmp_path / "matrix.xml"
    result, runs = replay(tmp_path, "--registry", "embedded,container", "--puller", "builtin,docker",
                          "--filter", "s3-flow", "--junit", str(junit))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 scenarios × 4 variants = 8 runs: 8 passed" in result.stdout
    xml = junit.read_text()
    assert '<testsuite name="ebauth replay registry=container puller=docker"' in xml
    assert '<testsuite name="ebauth replay matrix" tests="2" failures="0"' in xml
    assert_engine_gone(engine_socket(result.stdout))
    # The registry containers (and their processes) went with the scenarios.
    processes = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "registry-quay_io/config.yml" not in processes


def test_unknown_puller_is_refused():
    result = subprocess.run([BINARY, "replay", "--puller", "podman", SCENARIOS], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "--puller: unknown 'podman' (expected builtin, skopeo, docker)" in result.stderr


def test_docker_puller_on_an_engine_the_user_runs(tmp_path):
    """--docker-host: an engine set up as --print-engine-setup says (proxy + insecure-registries)."""
    require_engine()
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    filters = ["--filter", "ecr-flow"]
    printed = subprocess.run([BINARY, "replay", "--puller", "docker", "--print-engine-setup", "--router-port", str(port),
                              *filters, SCENARIOS], capture_output=True, text=True, timeout=60)
    assert printed.returncode == 0, printed.stderr
    insecure = json.loads(re.search(r"daemon\.json: (\{.*\})", printed.stdout).group(1))["insecure-registries"]
    assert "123456789012.dkr.ecr.us-east-2.amazonaws.com" in insecure
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(HTTP_PROXY=f"http://127.0.0.1:{port}", HTTPS_PROXY=f"http://127.0.0.1:{port}", NO_PROXY="")
    with engine_of_our_own(*[f"--insecure-registry={name}" for name in insecure], env=env) as (host, engine):
        result, runs = replay(tmp_path, "--puller", "docker", "--docker-host", host, "--router-port", str(port), *filters)
        assert result.returncode == 0, result.stdout + result.stderr
        assert runs["ecr-flow"]["status"] == "passed"
        assert any(host in line for line in runs["ecr-flow"]["setup"])
        # The user's engine is theirs: the replay leaves it running.
        assert engine.poll() is None
