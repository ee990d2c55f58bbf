"""Usage: python3 benchmarks/kill/close_after_kill.py [runs]

How long after SIGKILL a peer's socket sees the connection end, for a JVM victim
(default heap, and with N MiB touched) and a tiny Python victim: the kernel's share of
'abrupt close seen by all survivors'."""
import os, socket, subprocess, sys, time, signal, statistics
def once(cmd):
    srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
    port = srv.getsockname()[1]
    p = subprocess.Popen([c.replace("PORT", str(port)) for c in cmd])
    conn, _ = srv.accept(); conn.recv(1)
    time.sleep(0.5)
    t0 = time.monotonic(); os.kill(p.pid, signal.SIGKILL)
    try:
        conn.recv(1)
    except ConnectionResetError:
        pass
    t1 = time.monotonic(); p.wait(); conn.close(); srv.close()
    return (t1 - t0) * 1000
java = ["java", os.path.join(os.path.dirname(os.path.abspath(__file__)), "Victim.java")]
cases = {
    "python victim": [sys.executable, "-c", "import socket,time;s=socket.create_connection(('127.0.0.1',PORT));s.send(b'x');time.sleep(1e6)"],
    "JVM victim, default heap, 16 MiB allocated": java + ["PORT", "16"],
    "JVM victim, 128 MiB allocated": java + ["PORT", "128"],
    "JVM victim, 512 MiB allocated": java + ["PORT", "512"],
}
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
for name, cmd in cases.items():
    ms = [once(cmd) for _ in range(runs)]
    print(f"{name}: median {statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f}, {runs} runs)")
