"""The words content files may use in each language. To support a language, add its words here.

Values are stored in their canonical (English) form; export writes them back in the exercise's language.
"""

import unicodedata

# language → field → localised spelling → canonical value
LOCALIZED_VALUES = {
    "es": {
        "difficulty": {"principiante": "beginner", "intermedio": "intermediate", "avanzado": "advanced"},
        "level": {"más fácil": "easier", "más difícil": "harder"},
        "kind": {"calentamiento": "warm-up", "principal": "main", "enfriamiento": "cool-down"},
    },
    # Spellings accepted on import in any language but never written back.
    "_variants": {
        "kind": {
            "warmup": "warm-up",
            "warm up": "warm-up",
            "cooldown": "cool-down",
            "cool down": "cool-down",
            "vuelta a la calma": "cool-down",
        },
    },
}

# The stored values of a modification's level (the model's Level choices).
MODIFICATION_LEVELS = ("easier", "harder")

# Slug endings that name an easier or harder version of the exercise whose slug is the rest, in any language:
# `roll-up-prep` is an easier version of `roll-up`. Accents are ignored (`-facil` matches `-fácil`).
PROGRESSION_SUFFIXES = {
    "easier": ("prep", "preparation", "modified", "beginner", "easy", "preparacion", "modificado", "principiante",
               "facil"),
    "harder": ("advanced", "avanzado", "avanzada"),
}  # fmt: skip

# Body sections that minimal files use for steps and modifications (matched without case).
SECTION_TITLES = {
    "steps": {"execution", "steps", "instructions", "ejecución", "pasos", "instrucciones"},
    "modifications": {"modifications", "modificaciones"},
}


def canonical_value(field: str, value: str) -> str:
    """The stored value for a localised spelling in any language; unknown values come back unchanged."""
    key = unicodedata.normalize("NFC", value.strip().lower())
    for fields in LOCALIZED_VALUES.values():
        if key in fields.get(field, {}):
            return fields[field][key]
    return key


def localized_value(field: str, value: str, language: str) -> str:
    """The spelling a file in `language` uses for a stored value (the value itself if none is listed)."""
    for spelling, canonical in LOCALIZED_VALUES.get(language, {}).get(field, {}).items():
        if canonical == value:
            return spelling
    return value


def accepted_values(field: str) -> list[str]:
    """Every localised spelling of a field, for error messages."""
    return [spelling for fields in LOCALIZED_VALUES.values() for spelling in fields.get(field, {})]
