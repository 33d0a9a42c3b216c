"""Large bodies stream through the server: its resident memory stays bounded."""
import socket
import threading
import time


def resident_bytes(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def test_a_200_mib_chunked_upload_grows_the_server_by_no_more_than_20_mib(server):
    pid = server.process.pid
    # Warm up: the first requests allocate the worker's buffers and caches.
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(b"GET /_ebauth/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    sock.recv(65536)
    before = resident_bytes(pid)
    peak = [before]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], resident_bytes(pid))
            time.sleep(0.02)
    sampler = threading.Thread(target=sample)
    sampler.start()
    block = bytes(range(256)) * 1024  # 256 KiB
    framed = f"{len(block):x}\r\n".encode() + block + b"\r\n"
    sock.sendall(b"PUT /memory-bucket/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                 b"X-Amz-Content-SHA256: UNSIGNED-PAYLOAD\r\n\r\n")
    for _ in range(800):  # 200 MiB
        sock.sendall(framed)
    sock.sendall(b"0\r\n\r\n")
    reply = b""
    while b"\r\n\r\n" not in reply:
        reply += sock.recv(65536)
    done.set()
    sampler.join()
    sock.close()
    assert reply.startswith(b"HTTP/1.1 "), reply[:100]
    growth = peak[0] - before
    assert growth < 20 * 1024 * 1024, f"server grew by {growth / 1048576:.1f} MiB"
