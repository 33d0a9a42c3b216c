"""The server's clock (`/_ebauth/clock`): time-based rules move with it, signatures do not."""
import base64

import requests


def clock(server, **move):
    if move:
        return requests.post(f"{server.endpoint}/_ebauth/clock", json=move, timeout=5)
    return requests.get(f"{server.endpoint}/_ebauth/clock", timeout=5)


def registry_get(server, token):
    user, password = base64.b64decode(token).decode().split(":", 1)
    return requests.get(f"{server.endpoint}/v2/", auth=(user, password), timeout=5)


def test_clock_moves_forward_and_reset_returns_it_to_real_time(server):
    assert clock(server).json()["offsetSeconds"] == 0
    assert clock(server, advance=90).json()["offsetSeconds"] == 90
    assert clock(server, set="2099-01-01T00:00:00Z").json()["now"] == "2099-01-01T00:00:00.000Z"
    backwards = clock(server, set="2000-01-01T00:00:00Z")
    assert backwards.status_code == 400
    assert "only moves forward" in backwards.json()["error"]
    assert requests.post(f"{server.endpoint}/_ebauth/reset", timeout=5).status_code == 200
    assert clock(server).json()["offsetSeconds"] == 0


def test_clock_refuses_bodies_that_are_not_one_move(server):
    for body in ({"advance": True}, {"advance": "60"}, {"advance": -1}, {"reset": False}, {},
                 {"advance": 1, "reset": True}):
        answer = clock(server, **body) if body else requests.post(
            f"{server.endpoint}/_ebauth/clock", data=b"{}", timeout=5)
        assert answer.status_code == 400, body
    assert requests.post(f"{server.endpoint}/_ebauth/clock", data=b"not json", timeout=5).status_code == 400
    assert clock(server).json()["offsetSeconds"] == 0


def test_an_ecr_token_expires_when_the_clock_passes_twelve_hours(server):
    ecr = server.client("ecr")
    token = ecr.get_authorization_token()["authorizationData"][0]["authorizationToken"]
    assert registry_get(server, token).status_code == 200
    clock(server, advance=12 * 3600 + 1)
    expired = registry_get(server, token)
    assert expired.status_code == 403
    assert expired.json()["errors"][0]["message"] == "Your authorization token has expired. Reauthenticate and try again."
    fresh = ecr.get_authorization_token()["authorizationData"][0]
    assert registry_get(server, fresh["authorizationToken"]).status_code == 200


def test_presigned_urls_keep_to_the_real_time(server):
    s3 = server.client("s3")
    s3.create_bucket(Bucket="clock")
    s3.put_object(Bucket="clock", Key="k", Body=b"v")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "clock", "Key": "k"}, ExpiresIn=60)
    clock(server, advance=3600)
    answer = requests.get(url, timeout=5)
    assert answer.status_code == 200 and answer.content == b"v"
