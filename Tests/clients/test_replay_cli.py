"""Tier 2: `ebauth replay` and `ebauth deploy` as a user runs them, with broken bundles.

The binary is conftest's BINARY (EBAUTH_BIN or .build/debug/ebauth). Every run uses copies of
the scenarios in a temporary folder, and each test checks that nothing was written outside it.
"""
import json
import os
import shutil
import subprocess
import zipfile

import pytest

from conftest import BINARY, ROOT

SCENARIOS = os.path.join(ROOT, "Scenarios")


def ebauth(*args, cwd=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


@pytest.fixture(autouse=True)
def needs_replay():
    if not os.path.exists(BINARY) or ebauth("deploy", "--help").returncode != 0:
        pytest.skip("this ebauth binary has no deploy/replay commands yet")


WORLD = """name: ad hoc
flow: ssm
platform: docker-al2023
platformReleased: 2024-06-01
registries:
  - host: quay.io
    auth: none
    images: [{repository: johndoe/private-image, tag: latest}]
"""

DOCKERRUN = '{"AWSEBDockerrunVersion": "1", "Image": {"Name": "quay.io/johndoe/private-image"}, "Ports": [{"ContainerPort": "80"}]}'


def test_replay_corrected_flow_two_writes_reports(tmp_path):
    shutil.copytree(os.path.join(SCENARIOS, "ssm-flow-corrected"), tmp_path / "s" / "ssm-flow-corrected", symlinks=True)
    result = ebauth("replay", str(tmp_path / "s"), "--junit", str(tmp_path / "junit.xml"), "--json", str(tmp_path / "r.json"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED" in result.stdout and "1 scenarios: 1 passed" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["scenarios"][0]["pulled"] == ["quay.io/johndoe/private-image:latest"]
    assert 'failures="0"' in (tmp_path / "junit.xml").read_text()


def test_replay_fails_when_an_expectation_is_not_met(tmp_path):
    folder = tmp_path / "s" / "broken"
    shutil.copytree(os.path.join(SCENARIOS, "hook-not-executable-2021"), folder, symlinks=True)
    # The hook is made executable, so the expected permission error never comes.
    os.chmod(folder / "bundle" / ".platform" / "hooks" / "prebuild" / "01login.sh", 0o755)
    result = ebauth("replay", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "FAILED" in result.stdout and "expected a failure" in result.stdout


def deploy(tmp_path, bundle):
    world = tmp_path / "world.yml"
    world.write_text(WORLD)
    before = set(os.listdir(tmp_path))
    result = ebauth("deploy", str(bundle), "--world", str(world))
    assert set(os.listdir(tmp_path)) == before
    return result


def test_deploy_zip_with_parent_paths_is_refused(tmp_path):
    bundle = tmp_path / "app.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("Dockerrun.aws.json", DOCKERRUN)
        z.writestr("../../escaped.txt", "x")
    result = deploy(tmp_path, bundle)
    assert result.returncode == 1
    assert "deployment failed" in result.stdout
    assert not os.path.exists(tmp_path.parent / "escaped.txt")


def test_deploy_zip_with_a_link_out_of_the_bundle_is_refused(tmp_path):
    bundle = tmp_path / "app.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("Dockerrun.aws.json", DOCKERRUN)
        info = zipfile.ZipInfo("passwd")
        info.external_attr = 0o120777 << 16
        z.writestr(info, "../../../../etc/passwd")
    result = deploy(tmp_path, bundle)
    assert result.returncode == 1 and "deployment failed" in result.stdout


def test_deploy_bad_ebextensions_yaml_gives_eb_message(tmp_path):
    bundle = tmp_path / "app"
    (bundle / ".ebextensions").mkdir(parents=True)
    (bundle / "Dockerrun.aws.json").write_text(DOCKERRUN)
    (bundle / ".ebextensions" / "bad.config").write_text("option_settings:\n\t- broken: [\n")
    result = deploy(tmp_path, bundle)
    assert result.returncode == 1
    assert "contains invalid YAML or JSON" in result.stdout


def test_deploy_good_bundle_pulls(tmp_path):
    bundle = tmp_path / "app"
    bundle.mkdir()
    (bundle / "Dockerrun.aws.json").write_text(DOCKERRUN)
    result = deploy(tmp_path, bundle)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Pulled quay.io/johndoe/private-image:latest" in result.stdout
