"""The CLI's own behaviour: version, option errors as one line, exit codes."""

import subprocess
import sys

import storyline

STORY = (
    "Harbour cranes stood idle on Friday as dock workers began a two-day strike over pay. "
    "The union said talks with the port authority had broken down on Thursday night."
)


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_cli_prints_its_version():
    done = _run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"storyline {storyline.__version__}"


def test_unknown_format_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text(f"Dock strike\n\n{STORY}\n", encoding="utf-8")
    done = _run("digest", str(tmp_path), "--format", "pdf")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "storyline: error: unknown format 'pdf'; choose one of: terminal, markdown, json, html"
    )
    assert "Traceback" not in done.stderr


def test_bad_level_is_a_usage_error(tmp_path):
    done = _run("digest", str(tmp_path), "--level", "chapter")
    assert done.returncode == 2
    assert "--level" in done.stderr and "Traceback" not in done.stderr


def test_bad_settings_file_is_one_line(tmp_path):
    (tmp_path / "storyline.toml").write_text("[summarize]\nmax_wordz = 3\n", encoding="utf-8")
    done = _run("digest", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("storyline: error: unknown setting summarize.max_wordz")


def test_output_file_is_written_and_matches_stdout(tmp_path):
    (tmp_path / "a.txt").write_text(f"Dock strike\n\n{STORY}\n", encoding="utf-8")
    out = tmp_path / "digest.md"
    to_file = _run("digest", str(tmp_path / "a.txt"), "--format", "markdown", "-o", str(out))
    to_stdout = _run("digest", str(tmp_path / "a.txt"), "--format", "markdown")
    assert to_file.returncode == 0 and to_stdout.returncode == 0
    assert out.read_text(encoding="utf-8") == to_stdout.stdout
    assert "Harbour cranes stood idle" in to_stdout.stdout


def test_unwritable_output_is_a_user_error(tmp_path):
    (tmp_path / "a.txt").write_text(f"Dock strike\n\n{STORY}\n", encoding="utf-8")
    done = _run("digest", str(tmp_path / "a.txt"), "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert done.returncode == 2
    assert done.stderr.strip().startswith("storyline: error: cannot write")


def test_the_cli_and_the_store_start_without_scikit_learn_or_datasketch():
    """Both load SciPy (over a second): commands that list, help or read a store do not need them."""
    code = (
        "import sys, storyline.cli, storyline.store; "
        "print(sorted(m for m in ('sklearn', 'datasketch') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_digest_does_not_read_its_own_earlier_output(tmp_path):
    (tmp_path / "a.txt").write_text(f"Dock strike\n\n{STORY}\n", encoding="utf-8")
    out = tmp_path / "digest.json"
    first = _run("digest", str(tmp_path), "--format", "json", "-o", str(out))
    written = out.read_bytes()
    second = _run("digest", str(tmp_path), "--format", "json", "-o", str(out))
    by_glob = _run("digest", str(tmp_path / "*"), "--format", "json", "-o", str(out))
    assert first.returncode == second.returncode == by_glob.returncode == 0, second.stderr
    assert out.read_bytes() == written and second.stderr == first.stderr == ""


def test_digest_output_in_a_missing_folder_is_one_line_before_any_work(tmp_path):
    out = tmp_path / "missing" / "digest.html"
    done = _run("digest", str(tmp_path / "nothing-here"), "--format", "html", "-o", str(out))
    assert done.returncode == 2
    assert done.stderr == f"storyline: error: cannot write {out}: no directory {out.parent}\n"


def test_serve_on_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _run("serve", "--db", str(tmp_path / "s.db"), "--port", str(port))
    assert done.returncode == 2
    assert done.stderr == (
        f"storyline: error: cannot listen on 127.0.0.1:{port}: Address already in use "
        "(choose another --host or --port)\n"
    )
    assert not (tmp_path / "s.db").exists()  # no store is made for a server that never ran


def test_serve_speaks_on_stderr_and_stops_cleanly_on_ctrl_c(tmp_path):
    """stdout stays free for the user; Ctrl-C is the normal way to stop a server: exit 0, said."""
    import signal
    import socket
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline",
            "serve",
            "--db",
            str(tmp_path / "s.db"),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    finally:
        server.kill()
    assert out == ""
    where = f"http://127.0.0.1:{port}/"
    assert err.splitlines() == [
        f"storyline: no store at {tmp_path / 's.db'}: serving a new, empty one",
        f"storyline: serving {tmp_path / 's.db'} at {where} (API docs at {where}docs)",
        "storyline: server stopped",
    ]
    assert server.returncode == 0
