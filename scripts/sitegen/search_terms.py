"""Chinese search: the policy's terms as a jieba user dictionary for Material's search plugin.

Material's search plugin segments Chinese text with jieba when it is installed, and loads the user
dictionary named by its ``jieba_dict_user`` option in its own ``on_config``. The dictionary is written here
from policy/glossary.json (terms flagged ``search_word``), so the terms are kept in one place; the hook that
calls :func:`configure` runs before the search plugin's ``on_config``.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from .glossary import search_words

SEARCH_PLUGIN = "material/search"


def user_dictionary(words: list[str]) -> str:
    """jieba's user dictionary format: one word a line (jieba then picks a frequency that keeps it whole)."""
    return "".join(f"{word}\n" for word in words)


def write_user_dictionary(words: list[str], directory: Path | None = None) -> Path:
    """Write the dictionary to a file named after its content (the same words give the same file)."""
    text = user_dictionary(words)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = Path(directory or tempfile.gettempdir()) / f"suzhou-ai-plus-jieba-{digest}.txt"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def configure(config, glossary: dict) -> None:
    """Point the search plugin at the generated dictionary (unless mkdocs.yml names one itself)."""
    plugin = config["plugins"].get(SEARCH_PLUGIN)
    if plugin is None or plugin.config.get("jieba_dict_user"):
        return
    plugin.config["jieba_dict_user"] = str(write_user_dictionary(search_words(glossary)))
