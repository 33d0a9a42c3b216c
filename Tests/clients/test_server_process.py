"""The server as a process: shutdown, state directories, reset, and what it prints and logs."""
import os
import signal
import socket
import sqlite3
import threading

import requests

from conftest import Server


def test_banner_names_the_endpoint_and_the_variables_to_export(server):
    text = "".join(server.banner)
    assert f"export AWS_ENDPOINT_URL={server.endpoint}" in text
    assert "export AWS_ACCESS_KEY_ID=test" in text
    assert "export AWS_SECRET_ACCESS_KEY=test" in text


def test_sigterm_during_64_in_flight_requests_answers_each_completely_then_exits_0():
    server = Server()
    sockets = []
    for index in range(64):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.settimeout(30)
        head = (f"PUT /bucket/key-{index} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20000\r\n"
                "X-Amz-Content-SHA256: UNSIGNED-PAYLOAD\r\n"
                "Authorization: AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, "
                "SignedHeaders=host, Signature=00\r\n\r\n")
        sock.sendall(head.encode() + b"a" * 10000)
        sockets.append(sock)
    server.process.send_signal(signal.SIGTERM)
    for sock in sockets:
        sock.sendall(b"b" * 10000)
    answers = []
    for sock in sockets:
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        answers.append(data)
        sock.close()
    assert server.process.wait(timeout=30) == 0
    for data in answers:
        head, _, body = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 "), data[:200]
        length = int([line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")][0])
        assert len(body) == length
        assert b"<Error>" in body


def test_sigint_stops_an_idle_server_with_status_0():
    server = Server()
    assert server.terminate(signal.SIGINT) == 0


def test_temporary_state_is_removed_at_exit():
    server = Server()
    state = [line for line in server.banner if line.startswith("state:")][0]
    assert "temporary" in state
    pid_dirs_before = set(os.listdir("/tmp"))
    assert server.terminate() == 0
    assert not [d for d in set(os.listdir("/tmp")) - pid_dirs_before if d.startswith("ebauth")]


def test_state_directory_persists_across_restarts_and_reset_empties_it(state_dir):
    first = Server(state=state_dir)
    assert first.terminate() == 0
    database = os.path.join(state_dir, "ebauth.sqlite3")
    with sqlite3.connect(database) as db:
        applied = [row[0] for row in db.execute("SELECT id FROM schema_migrations ORDER BY id")]
        db.execute("INSERT INTO blob(digest, size, refcount) VALUES (?, 3, 1)", ("sha256:" + "a" * 64,))
    assert "storage-001-create-blob" in applied
    # Restarting the same state keeps what was there (clean-up drops the row only
    # because no file backs it) and applies no migration twice.
    second = Server(state=state_dir)
    with sqlite3.connect(database) as db:
        assert [row[0] for row in db.execute("SELECT id FROM schema_migrations ORDER BY id")] == applied
        db.execute("INSERT INTO blob(digest, size, refcount) VALUES (?, 3, 1)", ("sha256:" + "b" * 64,))
    reply = requests.post(second.endpoint + "/_ebauth/reset")
    assert reply.status_code == 200 and reply.json()["reset"] is True
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM blob").fetchone()[0] == 0
        assert [row[0] for row in db.execute("SELECT id FROM schema_migrations ORDER BY id")] == applied
    assert second.terminate() == 0
    assert os.path.exists(database)


def test_a_second_server_on_the_same_state_directory_is_refused_while_the_first_runs(state_dir):
    first = Server(state=state_dir)
    try:
        ssm = first.client("ssm")
        ssm.put_parameter(Name="/locked/state", Value="one", Type="String")
        try:
            Server(state=state_dir)
            raise AssertionError("a second server started on a state directory in use")
        except RuntimeError as refused:
            assert f"state directory {state_dir} is in use by another ebauth process" in str(refused)
        # The first one is untouched and keeps answering from its state.
        assert ssm.get_parameter(Name="/locked/state")["Parameter"]["Value"] == "one"
    finally:
        assert first.terminate() == 0
    # Once it has stopped, the directory is free again, with its data.
    second = Server(state=state_dir)
    try:
        assert second.client("ssm").get_parameter(Name="/locked/state")["Parameter"]["Value"] == "one"
    finally:
        assert second.terminate() == 0


def test_a_client_that_hangs_up_during_a_big_download_does_not_stop_the_server(server):
    s3 = server.client("s3")
    s3.create_bucket(Bucket="hangup")
    s3.put_object(Bucket="hangup", Key="big", Body=b"x" * (16 << 20))
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "hangup", "Key": "big"})
    path = url.split(str(server.port), 1)[1]
    for _ in range(3):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        assert sock.recv(4096).startswith(b"HTTP/1.1 200 ")
        # Gone mid-answer, with unread bytes: the server's next write fails (EPIPE / reset).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.close()
    assert server.process.poll() is None
    assert len(s3.get_object(Bucket="hangup", Key="big")["Body"].read()) == 16 << 20


def test_one_log_line_per_request_without_secrets(server):
    s3 = server.client("s3", key="AKIASECRETLOGTEST000", secret="do-not-log-this-secret")
    try:
        s3.put_object(Bucket="b", Key="k", Body=b"body-bytes-never-logged")
    except Exception:
        pass
    server.terminate()
    log = server.stderr()
    lines = [line for line in log.splitlines() if " PUT s3 PutObject 404 " in line]
    assert len(lines) == 1
    assert "do-not-log-this-secret" not in log
    assert "body-bytes-never-logged" not in log
    assert "Signature=" not in log


def test_many_concurrent_clients_are_served(server):
    errors = []

    def work():
        session = requests.Session()
        try:
            for _ in range(20):
                if session.get(server.endpoint + "/_ebauth/health").status_code != 200:
                    errors.append("status")
        except Exception as error:
            errors.append(repr(error))
    threads = [threading.Thread(target=work) for _ in range(256)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_listening_beyond_loopback_warns():
    server = Server("--host", "0.0.0.0")
    assert server.terminate() == 0
    assert "listening on 0.0.0.0, not loopback" in server.stderr()
    loopback = Server()
    assert loopback.terminate() == 0
    assert "not loopback" not in loopback.stderr()
