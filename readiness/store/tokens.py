"""Tokens, join codes and presenter keys: capabilities, made and checked without a database.

Whoever holds a token (256 random bits) may open what it names; the database keeps only its
SHA-256 digest. A join code is short, for typing on a phone; the presenter key is derived one way
from a host token's digest and opens the projector's view only. The join key is derived the
same way with its own label: the join link and QR code carry it, and it lets its holder skip the
typed code's attempt limit (a room behind one address is never locked out by a neighbour's
typos). Neither needs a server secret, so every replica checks them alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from .errors import BadToken

TOKEN_BYTES = 32
TOKEN_LENGTH = 43  # len(secrets.token_urlsafe(32))
_TOKEN_RE = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")

CODE_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
#: New codes have 8 characters (23**8, about 36 bits); codes of 6 from before stay valid.
CODE_LENGTH = 8
CODE_LENGTHS = (6, CODE_LENGTH)
CODE_RE = re.compile(f"[{CODE_ALPHABET}]{{6}}(?:[{CODE_ALPHABET}]{{2}})?")
_CODE_IGNORED = re.compile(r"[\s\-\u2010-\u2015\u2212]")
PRESENTER_KEY_LENGTH = 22
PRESENTER_KEY_RE = re.compile(rf"[A-Za-z0-9_-]{{{PRESENTER_KEY_LENGTH}}}")
JOIN_KEY_LENGTH = 22


def new_token() -> str:
    """A fresh 256-bit token, URL-safe (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def valid_token(token: object) -> bool:
    """Whether ``token`` has the shape of one of our tokens (checked before any query)."""
    return isinstance(token, str) and len(token) == TOKEN_LENGTH and _TOKEN_RE.fullmatch(token) is not None


def hash_token(token: object) -> str:
    """The SHA-256 hex digest stored in place of a token; :class:`BadToken` when malformed."""
    if not valid_token(token):
        raise BadToken("this link is not valid (it may have been copied incompletely)")
    assert isinstance(token, str)
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def new_code() -> str:
    """A random join code: 8 characters without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """A join code as typed (any case, spaces or dashes) in its stored form: ``" ab-c d3 4"`` → ``ABCD34``."""
    return _CODE_IGNORED.sub("", str(code)).upper()


def valid_code(code: str) -> bool:
    """Whether ``code`` (as typed) has the shape of a join code."""
    return CODE_RE.fullmatch(normalise_code(code)) is not None


def presenter_key_from_hash(host_token_hash: str) -> str:
    """The presenter key for a host token's stored digest."""
    digest = hmac.new(bytes.fromhex(host_token_hash), b"readiness: presenter view", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:PRESENTER_KEY_LENGTH]


def presenter_key(host_token: str) -> str:
    """The key of a workshop's presenter view (for the projector's address), from the host's token.

    It is derived one way from the token's stored digest: it opens the presenter view (the code,
    the QR and the live aggregates) and nothing else, and the host token cannot be read from it.
    :class:`BadToken` when the host token is malformed.
    """
    return presenter_key_from_hash(hash_token(host_token))


def join_key_from_hash(host_token_hash: str) -> str:
    """The join key (for the join link and QR code) of the workshop whose host token has this digest."""
    digest = hmac.new(bytes.fromhex(host_token_hash), b"readiness: join link", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:JOIN_KEY_LENGTH]


def join_key(host_token: str) -> str:
    """The join key from the host's token (one way: neither the host token nor the presenter key follows)."""
    return join_key_from_hash(hash_token(host_token))


def valid_presenter_key(key: object) -> bool:
    return isinstance(key, str) and PRESENTER_KEY_RE.fullmatch(key) is not None


def valid_join_key(key: object) -> bool:
    return isinstance(key, str) and len(key) == JOIN_KEY_LENGTH and PRESENTER_KEY_RE.fullmatch(key) is not None


def same_key(a: str, b: str) -> bool:
    """Constant-time comparison of two keys."""
    return hmac.compare_digest(a, b)
