"""The nginx site of `deploy/nginx/dasbor.conf.template` for given replica ports, addresses and folders.

On a server (README "Deployment"):
    .venv/bin/python -m deploy.render --public 8601 8602 --internal 8700 > /etc/nginx/sites-available/dasbor
The tests and the load bench render the same template for loopback ports (deploy/topology.py).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
TEMPLATE = DEPLOY / "nginx" / "dasbor.conf.template"
SNIPPETS = DEPLOY / "nginx"


def site(public_ports: list[int], internal_ports: list[int], *, public_listen: str = "80", internal_listen: str = "8080",
         public_name: str = "_", internal_name: str = "_", log_dir: str = "/var/log/nginx",
         snippets: str = "/etc/nginx/snippets") -> str:
    """The site's text: `public_ports` behind the public server, `internal_ports` behind the internal one."""
    servers = lambda ports: "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports)
    values = {"PUBLIC_REPLICAS": len(public_ports), "PUBLIC_SERVERS": servers(public_ports),
              "INTERNAL_SERVERS": servers(internal_ports), "PUBLIC_LISTEN": public_listen,
              "INTERNAL_LISTEN": internal_listen, "PUBLIC_NAME": public_name, "INTERNAL_NAME": internal_name,
              "LOG_DIR": log_dir, "SNIPPETS": snippets}
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():  # @NAME@: nginx's own variables are $name
        text = text.replace(f"@{name}@", str(value))
    if left := re.findall(r"@[A-Z_]+@", text):
        raise ValueError(f"{TEMPLATE.name}: no value for {sorted(set(left))}")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--public", type=int, nargs="+", default=[8601, 8602], help="ports of the public replicas")
    parser.add_argument("--internal", type=int, nargs="+", default=[8700], help="port of the internal server")
    parser.add_argument("--public-listen", default="80")
    parser.add_argument("--internal-listen", default="8080", help="e.g. 10.0.0.5:8080: the office network only")
    parser.add_argument("--public-name", default="_")
    parser.add_argument("--internal-name", default="_")
    options = parser.parse_args()
    print(site(options.public, options.internal, public_listen=options.public_listen,
               internal_listen=options.internal_listen, public_name=options.public_name,
               internal_name=options.internal_name))


if __name__ == "__main__":
    main()
