"""Activities everyone can pick, and body regions for pain locations."""

from __future__ import annotations

# key -> (label, unit). People can add their own; those are stored by name.
ACTIVITIES: dict[str, tuple[str, str]] = {
    "walking": ("Walking", "minutes"),
    "cycling": ("Cycling (indoor or outdoor)", "minutes"),
    "swimming": ("Swimming or water exercise", "minutes"),
    "stretching": ("Stretching and mobility", "minutes"),
    "strength": ("Strength exercises", "reps"),
    "yoga": ("Gentle yoga", "minutes"),
    "tai_chi": ("Tai chi or qigong", "minutes"),
    "dancing": ("Dancing", "minutes"),
    "gardening": ("Gardening", "minutes"),
    "housework": ("Housework", "minutes"),
    "relaxation": ("Relaxation or breathing", "minutes"),
    "walk": ("Walking", "minutes"),
    "sit_to_stand": ("Sit-to-stand", "reps"),
}

BODY_REGIONS: dict[str, str] = {
    "head": "Head",
    "neck": "Neck",
    "shoulders": "Shoulders",
    "upper_back": "Upper back",
    "lower_back": "Lower back",
    "chest": "Chest",
    "abdomen": "Tummy",
    "pelvis": "Pelvis",
    "hips": "Hips",
    "arms": "Arms",
    "hands_wrists": "Hands and wrists",
    "knees": "Knees",
    "legs": "Legs",
    "feet_ankles": "Feet and ankles",
    "all_over": "All over",
}


def catalog_key(name: str) -> str | None:
    """The catalog key for a key or a label, in any case ("Walking" -> "walking"), or None."""
    lowered = " ".join(name.split()).lower()
    for key, (label, _unit) in ACTIVITIES.items():
        if lowered in (key, label.lower()):
            return key
    return None


def activity_label(key: str) -> str:
    return ACTIVITIES.get(key, (key, ""))[0]


def activity_unit(key: str) -> str:
    return ACTIVITIES.get(key, ("", "minutes"))[1]
