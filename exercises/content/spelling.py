"""One key for every spelling of a name: "Hip-Flexors", "hip flexors" and "hip flexor" are one muscle.

Case, accents, punctuation (hyphens, underscores…) and a plural ending are ignored, so "Glúteos" and "gluteo" match, and
so do "muslos-internos" and "muslo interno". The plural rule is deliberately simple (a final "s", then a
final "e", of words longer than three letters, in English and Spanish alike): it only has to give the
singular and the plural of one word the same key, not to produce a real word.
"""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\W_]+")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def spelling_key(name: str) -> str:
    """The comparison key of a name; "" for a name with no letters or digits."""
    decomposed = unicodedata.normalize("NFKD", str(name).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = [word for word in _SEPARATORS.split(plain) if word]
    return " ".join(_singular(word) for word in words)
