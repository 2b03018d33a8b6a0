"""The downloads page: every file under data/ with its size and SHA-256, how to verify and load them, the
changelog and the licence statement.

The files, sizes and checksums come from downloads.downloads(), the very bytes the build writes. The
snippets are constants here; the README repeats them and tests run them against a built site.
"""

from __future__ import annotations

import json

from .describe import format_date, pick
from .downloads import CHANGELOG_PATH, CHECKSUMS, CSV_NAME, Download, downloads
from .markdown import html, md
from .publish import DATA_DIR
from scripts.policy_checks import POLICY_PATH

#: Run in an empty directory with SITE set to the site's address (no trailing slash).
QUICKSTART_SHELL = f"""\
for file in {POLICY_PATH.name} {CSV_NAME} {CHECKSUMS}; do
  curl -fsSLO "$SITE/{DATA_DIR}/$file"
done
sha256sum -c --ignore-missing {CHECKSUMS}
"""

#: Standard library only; run where the files above were downloaded.
QUICKSTART_PYTHON = f"""\
import csv, json

with open("{POLICY_PATH.name}", encoding="utf-8") as f:
    policy = json.load(f)
with open("{CSV_NAME}", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))

print(policy["dataset"]["version"], len(policy["provisions"]), len(rows))
print(next(p for p in policy["provisions"] if p["id"] == "m2-2")["rule"])
"""

#: Optional: validate against the published schema (needs `pip install jsonschema`).
VALIDATE_PYTHON = f"""\
import json, jsonschema

policy = json.load(open("{POLICY_PATH.name}", encoding="utf-8"))
schema = json.load(open("policy.schema.json", encoding="utf-8"))
jsonschema.validate(policy, schema)
"""


def human_size(size: int, lang: str) -> str:
    if size < 1024:
        return pick(lang, f"{size} 字节", f"{size} bytes")
    return f"{size / 1024:.1f} KB"


def case_title(download: Download, lang: str) -> str:
    """A golden case is described by its own name (a full sentence, in English)."""
    try:
        name = json.loads(download.content.decode("utf-8")).get("name")
    except (ValueError, AttributeError):
        name = None
    return name or pick(lang, *download.title)


def file_link(f: Download, up: str) -> str:
    return f'<a href="{up}{DATA_DIR}/{html(f.path)}" download><code>{DATA_DIR}/{html(f.path)}</code></a>'


def files_table(files: list[Download], lang: str, up: str) -> str:
    """The main files one per row; the golden cases in one row, listed in a collapsible block."""
    labels = [pick(lang, *h) for h in (("文件", "File"), ("内容", "What it is"), ("大小", "Size"), ("SHA-256", "SHA-256"))]
    head = "".join(f'<th scope="col">{html(label)}</th>' for label in labels)
    rows = []
    cases = [f for f in files if f.path.startswith("cases/")]
    for f in files:
        if f in cases:
            continue
        rows.append(f"<tr><td>{file_link(f, up)}</td><td>{html(pick(lang, *f.title))}</td>"
                    f'<td>{html(human_size(f.size, lang))}</td><td><code class="sha256">{f.sha256}</code></td></tr>')
    if cases:
        items = "".join(f"<li>{file_link(f, up)} — {html(case_title(f, lang))}</li>" for f in cases)
        summary = pick(lang, f"估算器标准用例,共 {len(cases)} 个(每个文件一个情景及其预期结果)",
                       f"{len(cases)} golden calculator cases (each file a scenario and its expected result)")
        rows.append(f"<tr><td><code>{DATA_DIR}/cases/*.json</code></td><td><details><summary>{html(summary)}</summary>"
                    f"<ul>{items}</ul></details></td>"
                    f'<td>{html(human_size(sum(f.size for f in cases), lang))}</td>'
                    f"<td>{html(pick(lang, '见 SHA256SUMS', 'in SHA256SUMS'))}</td></tr>")
    rows.append(f'<tr><td><a href="{up}{DATA_DIR}/{CHECKSUMS}" download><code>{DATA_DIR}/{CHECKSUMS}</code></a></td>'
                f'<td>{html(pick(lang, "以上全部文件的 SHA-256 校验值(sha256sum -c 可读)", "SHA-256 of every file above, in the format sha256sum -c reads"))}</td>'
                "<td></td><td></td></tr>")
    for label in labels:  # each cell names its column, for the card layout on phones
        rows = [r.replace("<td>", f'<td data-label="{html(label)}">', 1) for r in rows]
    return f"<table data-cards><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def changelog(lang: str) -> list[str]:
    """The changelog, its title dropped and its headings moved one level down."""
    lines = CHANGELOG_PATH.read_text(encoding="utf-8").splitlines()
    body = [("#" + line if line.startswith("#") else line) for line in lines if not line.startswith("# ")]
    return [f"## {pick(lang, '数据更新记录', 'Changelog')} {{#changelog}}", "", *body, ""]


LICENCE = {
    "zh": [
        "- **政策原文**:《中华人民共和国著作权法》第五条规定,本法不适用于“法律、法规,国家机关的决议、决定、命令和其他具有"
        "立法、行政、司法性质的文件,及其官方正式译文”。本政策是苏州市人民政府发布的行政性文件,其中文原文依该条不受著作权保护;"
        "本项目逐字转载,不主张任何权利。原文前的三行新闻导语照录发布时的文字,本项目同样不主张任何权利。",
        "- **本项目的英文译文**:不是官方正式译文,因此不在第五条的排除范围内。译文以及本项目编写的标签、说明、注释和数据结构,"
        "随本项目一同发布(政策 JSON 打包在 `calc` 软件包内),适用与代码相同的 MIT 许可。",
        "- **代码**:MIT 许可(见 `pyproject.toml` 中的 `license = \"MIT\"`)。",
        "- 本站不是官方网站,内容不构成法律意见;一切以政府发布的中文原文为准。",
    ],
    "en": [
        "- **The policy text.** Article 5 of the Copyright Law of the People's Republic of China says the Law does not "
        "apply to “laws and regulations, resolutions, decisions and orders of state organs, and other documents of a "
        "legislative, administrative or judicial nature, and their official translations”. This policy is an "
        "administrative document issued by the Suzhou Municipal People's Government, so under that article its Chinese "
        "text is not protected by copyright; this project reproduces it word for word and claims no rights in it, nor in "
        "the three-line news introduction it reproduces as published.",
        "- **This project's English translation.** It is not an official translation, so Article 5 does not cover it. "
        "The translation and the project's own labels, notes and data structure are distributed with the project (the "
        "policy JSON is packaged inside the `calc` package) under the same MIT licence as the code.",
        "- **The code.** MIT licence (`license = \"MIT\"` in `pyproject.toml`).",
        "- This is not an official site and nothing here is legal advice; the Chinese text issued by the government "
        "prevails.",
    ],
}


def render_downloads(policy: dict, lang: str, site_url: str | None = None) -> str:
    """Markdown for downloads.md (links are relative to downloads/ in the Chinese edition, en/downloads/ in English)."""
    up = "../" if lang == "zh" else "../../"
    files = downloads(policy)
    dataset = policy["dataset"]
    root = site_url.rstrip("/").removesuffix("/en" if lang == "en" else "") if site_url else None
    site_line = f'SITE="{root}"\n' if root else ""
    stable = "\n".join(f"- `{DATA_DIR}/{f.path}`" for f in files if not f.path.startswith("cases/"))
    return "\n".join([
        f"# {pick(lang, '数据下载', 'Downloads')}",
        "",
        md(pick(lang, f"数据版本 {dataset['version']},最后更新于{format_date(dataset['last_updated'], 'zh')}。"
                      "以下文件的地址固定不变(相对于本站根目录),每个文件的 SHA-256 都列在 SHA256SUMS 中。",
                f"Dataset version {dataset['version']}, last updated {format_date(dataset['last_updated'], 'en')}. "
                "These files keep their addresses (relative to the site's root) and each one's SHA-256 is in SHA256SUMS.")),
        "",
        files_table(files, lang, up),
        "",
        f"## {pick(lang, '下载、校验、读取', 'Download, verify, load')} {{#quickstart}}",
        "",
        md(pick(lang, "在一个空目录中运行(先把 SITE 设为本站地址,不带末尾的 /,如本地构建时的 http://127.0.0.1:8000):",
                "In an empty directory, with SITE set to this site's address without the final / (for a local build, "
                "http://127.0.0.1:8000):")),
        "",
        "```sh",
        site_line + QUICKSTART_SHELL.rstrip("\n"),
        "```",
        "",
        md(pick(lang, "然后用 Python 读取(只用标准库):", "Then load them in Python (standard library only):")),
        "",
        "```python",
        QUICKSTART_PYTHON.rstrip("\n"),
        "```",
        "",
        md(pick(lang, "可选:用发布的 Schema 校验(需先下载 policy.schema.json 并 pip install jsonschema):",
                "Optionally, validate against the published schema (download policy.schema.json and pip install jsonschema first):")),
        "",
        "```python",
        VALIDATE_PYTHON.rstrip("\n"),
        "```",
        "",
        md(pick(lang, "CSV 为 UTF-8 编码并带 BOM,Excel 可直接打开;每列的含义见数据字段说明。",
                "The CSV is UTF-8 with a byte-order mark, so Excel opens it as is; each column is described in the data reference.")),
        f"[{pick(lang, '数据字段说明', 'Data reference')}](reference.md#csv)",
        "",
        f"## {pick(lang, '固定地址', 'Stable addresses')} {{#stable-urls}}",
        "",
        stable,
        f"- `{DATA_DIR}/cases/<name>.json`",
        f"- `{DATA_DIR}/{CHECKSUMS}`",
        "",
        *changelog(lang),
        f"## {pick(lang, '许可与权利', 'Licence')} {{#licence}}",
        "",
        *LICENCE[lang],
        "",
    ])
