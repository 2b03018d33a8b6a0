"""Debian's nginx on 127.0.0.1 serving a built site with the project's configuration, for tests and benchmarks.

    with NginxServer(site_dir) as server:                # gzip only, as Debian's nginx without modules
    with NginxServer(site_dir, brotli=True) as server:   # with libnginx-mod-http-brotli-static and brotli.conf
        server.url            # http://127.0.0.1:<port>/
        server.bytes_sent()   # {uri: bytes sent on the wire (headers included, compressed)} since reset()

The server block is ``deploy/nginx/suzhou-ai-plus.conf`` itself, with only its three EDIT lines (listen,
root, the include of the build's locations) and the brotli include pointed at this run (``brotli.conf``
beside it, or a pattern that matches no file, as on a server without the module); everything else lives in
a temporary folder (pid, logs, temporary files), so it runs without root and beside any other nginx.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONF = ROOT / "deploy" / "nginx" / "suzhou-ai-plus.conf"
BROTLI_CONF = DEPLOY_CONF.with_name("brotli.conf")
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
#: Debian's libnginx-mod-http-brotli-static (loaded by path, since this nginx reads no modules-enabled/).
BROTLI_MODULE = Path(os.environ.get("NGINX_BROTLI_MODULE", "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"))
#: One sentence when nginx is missing (the tests that need it fail with it; `make test` installs it as root).
MISSING = "nginx not found: install Debian's nginx (apt-get install nginx) or set NGINX=/path/to/nginx"
MISSING_BROTLI = (f"nginx's brotli module not found at {BROTLI_MODULE}: install Debian's libnginx-mod-http-brotli-static "
                  "or set NGINX_BROTLI_MODULE=/path/to/ngx_http_brotli_static_module.so")


def available() -> bool:
    return Path(NGINX).is_file() and MIME_TYPES.is_file()


def brotli_available() -> bool:
    return available() and BROTLI_MODULE.is_file()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_block(site_dir: Path, port: int, brotli_include: str) -> str:
    """The deploy configuration with its EDIT lines pointed at ``site_dir`` on 127.0.0.1:``port``, and its
    brotli include at ``brotli_include``."""
    text = DEPLOY_CONF.read_text(encoding="utf-8")
    replaced = {
        r"^(\s*)listen\s+[^;]+;.*$": rf"\g<1>listen 127.0.0.1:{port};",
        r"^(\s*)root\s+[^;]+;.*$": rf"\g<1>root {site_dir};",
        r"^(\s*)include\s+\S+/_nginx/locations\.conf;.*$": rf"\g<1>include {site_dir}/_nginx/locations.conf;",
        r"^(\s*)include\s+\S+-brotli\*\.conf;.*$": rf"\g<1>include {brotli_include};",
    }
    for pattern, replacement in replaced.items():
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
        if count != 1:
            raise RuntimeError(f"{DEPLOY_CONF}: no line matches {pattern}")
    return text


class NginxServer:
    def __init__(self, site_dir: Path, port: int = 0, brotli: bool = False):
        if not available():
            raise RuntimeError(MISSING)
        if brotli and not brotli_available():
            raise RuntimeError(MISSING_BROTLI)
        self.brotli = brotli
        self.site_dir = Path(site_dir).resolve()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.dir = Path(tempfile.mkdtemp(prefix="nginx-"))
        self.log = self.dir / "access.log"
        self.process: subprocess.Popen | None = None

    def config(self) -> str:
        tmp = self.dir
        user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers must still read a 0700 temp folder
        module = f"load_module {BROTLI_MODULE};\n" if self.brotli else ""
        # Without brotli, the include's pattern matches no file, as on a server without the module.
        brotli_include = BROTLI_CONF if self.brotli else tmp / "snippets" / "suzhou-ai-plus-brotli*.conf"
        return f"""{module}{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 512; }}
http {{
    log_format bytes '$uri $bytes_sent $status';
    access_log {self.log} bytes;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
{server_block(self.site_dir, self.port, str(brotli_include))}
}}
"""

    def __enter__(self) -> NginxServer:
        shutil.copyfile(MIME_TYPES, self.dir / "mime.types")
        (self.dir / "nginx.conf").write_text(self.config(), encoding="utf-8")
        command = [NGINX, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"), "-e", str(self.dir / "error.log")]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{check.stderr}")
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"nginx did not start: {(self.dir / 'error.log').read_text(errors='replace')[-2000:]}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def errors(self) -> str:
        path = self.dir / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def reset(self) -> None:
        self.log.write_text("")  # nginx appends (O_APPEND): truncating in place is safe
        time.sleep(0.05)

    def bytes_sent(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for line in self.log.read_text(errors="replace").splitlines():
            parts = line.rsplit(" ", 2)
            if len(parts) == 3 and parts[1].isdigit():
                counts[parts[0]] += int(parts[1])
        return dict(counts)
