"""The code the site shows developers, declared once: the pages print it, the README repeats it, and the tests
run every snippet as written against a built site (tests/test_data_service.py), so no page shows code that fails.

Each snippet expects ``SITE``, the site's address without the final ``/``, in the environment (the shell and
JavaScript) or reads it from there (Python).
"""

from __future__ import annotations

from scripts.policy_checks import POLICY_PATH

from . import wheel
from .datapackage import PACKAGE_NAME
from .provision_files import INDEX_NAME, INDEX_SCHEMA, PROVISIONS_DIR
from .publish import DATA_DIR

CHECKSUMS = "SHA256SUMS"
CSV_NAME = POLICY_PATH.with_suffix(".csv").name
INDEX_PATH = f"{PROVISIONS_DIR}/{INDEX_NAME}"


#: Download the data, the CSV, the schema validation needs and the checksums; verify them.
QUICKSTART_SHELL = f"""\
for file in {POLICY_PATH.name} {CSV_NAME} policy.schema.json {CHECKSUMS}; do
  curl -fsSLO "$SITE/{DATA_DIR}/$file"
done
sha256sum -c --ignore-missing {CHECKSUMS}
"""


def package_shell() -> str:
    """Install the package from the site (no index needed: it has no dependencies) and run its command."""
    return f"""\
pip install "$SITE/{DATA_DIR}/{wheel.wheel_name()}"
suzhou-ai-plus list
"""


#: A library call, once the package is installed.
PACKAGE_PYTHON = """\
from calc import estimate, load_policy

result = estimate(load_policy(), {"as_of": "2026-06-01", "claims": [
    {"provision": "m2-2", "inputs": {"compute_rental_fees_paid": "800万"}}]})
print(result["items"][0]["amount"], result["items"][0]["bound"])
"""


def python_example(lang: str) -> str:
    """Download the index and its schema, verify both against SHA256SUMS, validate, list every provision."""
    return f"""\
import hashlib, json, os, urllib.request

import jsonschema

site = os.environ["SITE"]


def download(name):
    with urllib.request.urlopen(f"{{site}}/{DATA_DIR}/{{name}}") as response:
        return response.read()


sums = {{}}
for line in download("{CHECKSUMS}").decode("ascii").splitlines():
    digest, name = line.split("  ", 1)
    sums[name] = digest

files = {{}}
for name in ("{INDEX_PATH}", "{INDEX_SCHEMA}"):
    files[name] = download(name)
    if hashlib.sha256(files[name]).hexdigest() != sums[name]:
        raise SystemExit(f"{{name}}: checksum does not match {CHECKSUMS}")

index = json.loads(files["{INDEX_PATH}"])
jsonschema.validate(index, json.loads(files["{INDEX_SCHEMA}"]))

for provision in index["provisions"]:
    headline = provision["headline"]
    amount = headline["largest_amount"] or headline["no_amount_reason"]["kind"]
    print(provision["id"], amount, headline["text"]["{lang}"], sep="\\t")
print(len(index["provisions"]), "provisions, dataset", index["dataset"]["version"])
"""


def javascript_example(lang: str) -> str:
    """The same with fetch (Node.js 20 or a browser): download, verify with crypto.subtle, list."""
    return f"""\
const site = process.env.SITE;

async function download(name) {{
  const response = await fetch(`${{site}}/{DATA_DIR}/${{name}}`);
  if (!response.ok) throw new Error(`${{name}}: HTTP ${{response.status}}`);
  return new Uint8Array(await response.arrayBuffer());
}}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const sums = new Map(new TextDecoder().decode(await download("{CHECKSUMS}")).trim().split("\\n")
  .map((line) => line.split("  ").reverse()));
const bytes = await download("{INDEX_PATH}");
if (hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))) !== sums.get("{INDEX_PATH}")) {{
  throw new Error("{INDEX_PATH}: checksum does not match {CHECKSUMS}");
}}
const index = JSON.parse(new TextDecoder().decode(bytes));
for (const provision of index.provisions) {{
  const headline = provision.headline;
  console.log([provision.id, headline.largest_amount ?? headline.no_amount_reason.kind, headline.text.{lang}].join("\\t"));
}}
console.log(index.provisions.length, "provisions, dataset", index.dataset.version);
"""


def frictionless_shell() -> str:
    """Validate every file the data package describes (sizes, SHA-256, the CSV's rows against its Table Schema)."""
    return f"""\
frictionless validate "$SITE/{DATA_DIR}/{PACKAGE_NAME}"
"""
