"""The file uploader in the user's language.

``st.file_uploader``'s label is ours, but its inner texts are Streamlit's own, in English: the
"Upload" button, "2MB per file • JSON" (Streamlit's whole-megabyte limit, not the answers
format's 1,048,576 bytes), "Drag and drop a file here" and its error lines. Streamlit 1.67 has no
option for them, so a small script of ours rewrites those text nodes in place (React keeps
updating the same nodes; an observer puts our words back when it does). The texts come from the
locale files; no user text goes into the script.
"""

from __future__ import annotations

import json

import streamlit as st

from readiness.i18n import format_number

from . import state
from .i18n import tr

_SCRIPT = """<script>/* uploader texts {marker} */
(() => {{
  window.__raUploaderTexts = {texts};
  const apply = () => {{
    const t = window.__raUploaderTexts;
    for (const box of document.querySelectorAll('[data-testid="stFileUploader"]')) {{
      const hint = box.querySelector('[data-testid="stFileUploaderDropzoneInstructions"]');
      if (hint) {{
        const nodes = textNodes(hint);
        nodes.forEach((n, i) => {{ const want = i === 0 ? t.limit : ""; if (n.nodeValue !== want) n.nodeValue = want; }});
      }}
      for (const n of textNodes(box)) {{
        const text = n.nodeValue.trim();
        let want = null;
        if (text === "Upload" || text === "Browse files") want = t.button;
        else if (text.startsWith("Drag and drop")) want = t.drop;
        else if (text.endsWith("or smaller.")) want = t.too_large;
        else if (text.endsWith("files are not allowed.")) want = t.wrong_type;
        if (want !== null && n.nodeValue !== want) n.nodeValue = want;
      }}
    }}
  }};
  const textNodes = (root) => {{
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const out = [];
    while (walker.nextNode()) out.push(walker.currentNode);
    return out;
  }};
  if (!window.__raUploaderObserver) {{
    window.__raUploaderObserver = new MutationObserver(apply);
    window.__raUploaderObserver.observe(document.body, {{subtree: true, childList: true, characterData: true}});
  }}
  apply();
}})();
</script>"""


def uploader_texts(limit_bytes: int) -> dict[str, str]:
    """Our words for the uploader's inner texts, in the session's language."""
    lang = state.lang()
    whole, rest = divmod(limit_bytes, 1_048_576)  # a whole number needs no locale data (Babel's is slow to load)
    megabytes = str(whole) if not rest else format_number(limit_bytes / 1_048_576, lang, 1)
    return {"button": tr("uploader.button"), "limit": tr("uploader.limit", size=megabytes),
            "drop": tr("uploader.drop"), "too_large": tr("uploader.too_large", size=megabytes),
            "wrong_type": tr("uploader.wrong_type")}


def localise_uploader(limit_bytes: int) -> None:
    """Put the uploader's inner texts in the user's language (call it right after the uploader)."""
    texts = json.dumps(uploader_texts(limit_bytes), ensure_ascii=False).replace("</", "<\\/")
    st.html(_SCRIPT.format(texts=texts, marker=state.lang()), unsafe_allow_javascript=True, width="content")
