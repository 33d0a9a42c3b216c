"""The server's memory stays flat while a 1 GiB object goes in and out: bodies are spooled to disk,
adopted into the blob store without copying, hashed in pieces, and sent with sendfile."""
import hashlib
import threading
import time

import pytest
import requests
from boto3.s3.transfer import TransferConfig

GiB = 1 << 30
MiB = 1 << 20
LIMIT = 30 * MiB
ZEROS_MD5 = None


def rss(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


class Sampler:
    """Samples the server's resident set every 20 ms from a thread."""

    def __init__(self, pid):
        self.pid, self.peak, self.running = pid, 0, True
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss(self.pid))
            time.sleep(0.02)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


def sparse_file(path, size):
    """A file of `size` zero bytes that takes no disk and is never in the test's memory."""
    with open(path, "wb") as out:
        out.truncate(size)
    return path


def zeros_md5(size):
    digest, block, left = hashlib.md5(), bytes(MiB), size
    while left:
        digest.update(block[:min(MiB, left)])
        left -= min(MiB, left)
    return digest.hexdigest()


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/status"), reason="needs /proc")
def test_a_1_gib_object_up_and_down_keeps_the_server_flat(server, tmp_path):
    s3 = server.client("s3")
    s3.create_bucket(Bucket="memory")
    source = sparse_file(tmp_path / "gib.bin", GiB)
    config = TransferConfig(multipart_threshold=8 * MiB, multipart_chunksize=8 * MiB, max_concurrency=10)

    # Warm up with the same kinds of requests at a small size, so the baseline includes the
    # worker threads' stacks and allocator arenas that any parallel upload brings up once.
    warm = sparse_file(tmp_path / "warm.bin", 96 * MiB)
    s3.upload_file(str(warm), "memory", "warm", Config=config)
    s3.download_file("memory", "warm", str(tmp_path / "warm.out"), Config=config)
    with open(warm, "rb") as body:
        requests.put(f"{server.endpoint}/memory/warm-single", data=body).raise_for_status()
    baseline = rss(server.process.pid)

    expected = zeros_md5(GiB)
    with Sampler(server.process.pid) as sampler:
        # One PUT of 1 GiB (spooled by the server, adopted by the blob store) ...
        with open(source, "rb") as body:
            reply = requests.put(f"{server.endpoint}/memory/single", data=body)
        assert reply.status_code == 200, reply.text
        assert reply.headers["ETag"] == f'"{expected}"'
        # ... read back with sendfile ...
        digest, size = hashlib.md5(), 0
        with requests.get(f"{server.endpoint}/memory/single", stream=True) as download:
            for chunk in download.iter_content(MiB):
                digest.update(chunk)
                size += len(chunk)
        assert size == GiB and digest.hexdigest() == expected
        # ... and the same size as a parallel multipart upload and ranged download.
        s3.upload_file(str(source), "memory", "multipart", Config=config)
        out = tmp_path / "multipart.out"
        s3.download_file("memory", "multipart", str(out), Config=config)
        assert out.stat().st_size == GiB

    growth = sampler.peak - baseline
    print(f"server RSS: baseline {baseline / MiB:.1f} MiB, peak {sampler.peak / MiB:.1f} MiB")
    assert growth < LIMIT, f"server grew by {growth / MiB:.1f} MiB (baseline {baseline / MiB:.1f} MiB)"
    assert s3.head_object(Bucket="memory", Key="multipart")["ContentLength"] == GiB
