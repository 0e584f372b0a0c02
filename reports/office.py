"""Text for Office XML (Word, PowerPoint): lxml refuses C0 control characters, so they go first.

User text keeps everything Word can show (emoji, right-to-left scripts, markup as typed); only
what XML 1.0 cannot hold is dropped: C0 controls other than tab, newline and carriage return,
lone surrogates and the non-characters U+FFFE and U+FFFF.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object, *, single_line: bool = False) -> str:
    """``value`` as text an Office document can hold (NFC; line breaks to spaces with ``single_line``)."""
    text = _NOT_XML.sub("", unicodedata.normalize("NFC", "" if value is None else str(value)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return " ".join(text.split()) if single_line else text
