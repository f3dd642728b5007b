"""Prove that `make lab` works without a person at the browser.

Starts the same JupyterLab that `make lab` starts (the command comes from the Makefile),
but on 127.0.0.1, a free port, a random token and no browser. Then it polls /api until the
server answers, checks that the course notebooks are served, that the ipywidgets extension
is loaded (so sliders render as sliders) and the presentation one (jupyterlab-slideshow), and that a kernel starts and imports
nnla_helpers. It always stops
the server, and exits non-zero with a plain message on any failure.

Usage: python tools/lab_check.py -- <the jupyter lab command and its flags>
"""

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

TIMEOUT_S = 90


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, token, method="GET"):
    req = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read().decode()


def wait_for_api(base, token, server):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"lab-check: JupyterLab exited with code {server.returncode} "
                             "before answering; its log is above.")
        try:
            status, body = request(f"{base}/api", token)
            if status == 200:
                return json.loads(body)["version"]
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"lab-check: JupyterLab did not answer on {base}/api within {TIMEOUT_S} s.")


def run_in_kernel(ws_url, token, code):
    """Execute ``code`` in a kernel over the server's websocket; return what it printed."""
    import websocket   # websocket-client, which jupyter_server itself depends on

    ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"],
                                     timeout=TIMEOUT_S)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "lab-check",
                       "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False}}))
        printed = []
        while True:
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                printed.append(msg["content"]["text"])
            elif kind == "error":
                raise SystemExit("lab-check: the kernel could not run the check: "
                                 f"{msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "execute_reply":
                return "".join(printed)
    finally:
        ws.close()


def main(lab_cmd):
    port, token = free_port(), secrets.token_hex(16)
    cmd = lab_cmd + ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                     f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0"]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(cmd)
    try:
        started = time.monotonic()
        version = wait_for_api(base, token, server)
        print(f"lab-check: Jupyter server {version} answers on 127.0.0.1 "
              f"after {time.monotonic() - started:.1f} s")
        _, lab_page = request(f"{base}/lab", token)
        assert "jupyter-config-data" in lab_page, "the /lab page is not JupyterLab's"
        _, contents = request(f"{base}/api/contents", token)
        names = sorted(item["name"] for item in json.loads(contents)["content"])
        print(f"lab-check: serving the notebooks folder: {names}")
        assert "@jupyter-widgets/jupyterlab-manager" in lab_page, \
            "the ipywidgets JupyterLab extension is not loaded: widgets would not render"
        print("lab-check: the ipywidgets extension is loaded")
        assert '"jupyterlab-slideshow"' in lab_page, \
            "the jupyterlab-slideshow extension is not loaded: a teacher could not present the notebooks"
        print("lab-check: the presentation extension (jupyterlab-slideshow) is loaded")
        _, kernel = request(f"{base}/api/kernels", token, method="POST")
        kernel_id = json.loads(kernel)["id"]
        ws_url = f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels"
        printed = run_in_kernel(ws_url, token, "import sys, nnla_helpers; print(sys.prefix)")
        request(f"{base}/api/kernels/{kernel_id}", token, method="DELETE")
        print(f"lab-check: a kernel imports nnla_helpers (Python of {printed.strip()}) "
              "— JupyterLab is ready")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "--" or len(args) < 2:
        raise SystemExit(__doc__)
    main(args[1:])
