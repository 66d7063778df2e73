"""Normalising untrusted text before any cue is looked for in it.

Applicants and partners control every character they send; a cue list that reads raw text is beaten by
a zero-width space inside "Ignore", full-width letters, Cyrillic look-alikes, spaced-out letters, HTML
entities, percent-encoding or base64. ``views`` turns one text into the few forms the detectors read.
This module only rewrites text for matching; what a human is shown is always the original.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import unicodedata
from urllib.parse import unquote_plus

# Latin look-alikes from Cyrillic, Greek and IPA blocks (after NFKC and case folding).
_CONFUSABLES = str.maketrans({
    "а": "a", "б": "b", "в": "b", "е": "e", "ё": "e", "є": "e", "з": "3", "і": "i", "ї": "i", "ј": "j",
    "к": "k", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g", "ɑ": "a", "ı": "i", "ɩ": "i", "ο": "o",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "γ": "y", "η": "n", "μ": "u", "ω": "w", "ѡ": "w", "һ": "h", "ԍ": "g", "ց": "g", "օ": "o", "ս": "u",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_INVISIBLE_EXTRA = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u180e"}
_SPACES = re.compile(r"\s+")
_SPACED_LETTERS = re.compile(r"(?<!\w)(?:\w[ .\-_*·|]){3,}\w(?!\w)")
_LEET_WORD = re.compile(r"(?<![\w@$])(?=[\w@$]*[a-z])(?=[\w@$]*[013457@$])[\w@$]+")
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_URLISH = re.compile(r"%[0-9a-fA-F]{2}|\+")
_URL_SEPARATORS = re.compile(r"[-_#/?=&+]+")


def normalise(text: str) -> str:
    """NFKC (full-width and compatibility forms), invisible format characters removed, case folded, accents
    stripped, whitespace collapsed: the form every cue list is written against."""
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and ch not in _INVISIBLE_EXTRA)
    text = strip_accents(text.casefold())
    return _SPACES.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def fold_latin(normalised: str) -> str:
    """Look-alike letters, digit-for-letter spellings and spaced-out letters read as plain Latin words."""
    text = normalised.translate(_CONFUSABLES)
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    return _SPACED_LETTERS.sub(lambda m: re.sub(r"[ .\-_*·|]", "", m.group(0)), text)


def decoded_payloads(text: str) -> list[str]:
    """Text hidden in base64 runs or percent-encoding, decoded when it is readable text."""
    found: list[str] = []
    for run in _BASE64.findall(text):
        try:
            raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
            decoded = raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        letters = sum(ch.isalpha() or ch.isspace() for ch in decoded)
        if len(decoded) >= 8 and letters / len(decoded) >= 0.8:
            found.append(decoded)
    if _URLISH.search(text):
        found.append(unquote_plus(text))
    return found


def views(text: str) -> list[str]:
    """The forms of ``text`` to look for cues in: normalised, folded to Latin, and any decoded payload
    (each normalised and folded too). The first is always ``normalise(text)``."""
    seen: list[str] = []
    for source in (text, *decoded_payloads(text)):
        base = normalise(source)
        for form in (base, fold_latin(base), _URL_SEPARATORS.sub(" ", fold_latin(base))):
            if form and form not in seen:
                seen.append(form)
    return seen


def compact(text: str) -> str:
    """Letters only: what is left of "i-g.n o_r e previous" once every separator is gone."""
    return "".join(ch for ch in text if ch.isalpha())
