"""Who the program is for: the vocabularies, each condition's guidance, and the person's profile.

Guidance sources are listed in the package docstring and docs/evidence/exercise.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacewise.core.facts import rest_in_flares

CONDITIONS = (
    "low_back",
    "neck_shoulder",
    "knee_hip_oa",
    "hand_wrist_arthritis",
    "fibromyalgia",
    "lupus_autoimmune",
    "endometriosis_pelvic",
    "widespread",
)
CATEGORIES = ("mobility", "strength", "aerobic", "balance", "relaxation")
POSITIONS = ("standing", "seated", "lying", "floor")
BALANCE_DEMANDS = ("low", "moderate", "high")
EQUIPMENT = (
    "none", "chair", "wall", "towel", "soft_ball", "rubber_band",
    "resistance_band", "light_weights", "stationary_bike", "pool",
)  # fmt: skip
#: What a person is assumed to have unless they say otherwise.
HOUSEHOLD_EQUIPMENT = frozenset({"chair", "wall", "towel"})
BODY_REGIONS = (
    "neck", "shoulders", "upper_back", "low_back", "core", "pelvis", "hips",
    "knees", "ankles_feet", "hands_wrists", "arms", "whole_body",
)  # fmt: skip
MODIFICATIONS = (
    "wrist_friendly",
    "knee_friendly",
    "floor_free",
    "chair_based",
    "low_balance_demand",
)
LIMITATIONS = (
    "painful_wrists_hands",
    "no_floor",
    "balance_problems",
    "knee_pain_kneeling",
    "cannot_stand_long",
)


@dataclass(frozen=True)
class Guidance:
    needed: tuple[str, ...]
    offered: tuple[str, ...] = ()
    regions: frozenset[str] = frozenset()
    gentle: bool = False  # start very low and grow slowly
    short_bouts: bool = False
    choice_only: bool = False  # offered as a choice, never as treatment
    source: str = ""


GUIDANCE: dict[str, Guidance] = {
    "low_back": Guidance(
        ("strength", "mobility"), ("aerobic", "relaxation"),
        frozenset({"low_back", "core", "hips"}), source="NICE NG59",
    ),
    "neck_shoulder": Guidance(
        ("strength", "mobility"), ("relaxation",),
        frozenset({"neck", "shoulders", "upper_back"}), source="IFOMPT 2023",
    ),
    "knee_hip_oa": Guidance(
        ("strength", "aerobic"), ("mobility", "balance"),
        frozenset({"knees", "hips"}), source="NICE NG226; ACR 2019; OARSI 2019",
    ),
    "hand_wrist_arthritis": Guidance(
        ("mobility", "strength"), ("relaxation",),
        frozenset({"hands_wrists"}), source="EULAR hand OA 2018",
    ),
    "fibromyalgia": Guidance(
        ("aerobic", "strength", "mobility"), ("relaxation",), gentle=True, source="EULAR 2017",
    ),
    "lupus_autoimmune": Guidance(
        ("mobility", "strength", "aerobic"), ("relaxation",),
        gentle=True, short_bouts=True, source="EULAR 2024",
    ),
    "endometriosis_pelvic": Guidance(
        (), ("mobility", "aerobic", "relaxation"), choice_only=True, source="ESHRE 2022",
    ),
    "widespread": Guidance(
        ("aerobic", "strength", "mobility"), ("relaxation",), gentle=True, source="NICE NG193",
    ),
}  # fmt: skip

CONDITION_LABELS = {
    "low_back": "back pain",
    "neck_shoulder": "neck and shoulder pain",
    "knee_hip_oa": "knee or hip arthritis",
    "hand_wrist_arthritis": "hand and wrist arthritis",
    "fibromyalgia": "fibromyalgia",
    "lupus_autoimmune": "lupus and similar conditions",
    "endometriosis_pelvic": "endometriosis and pelvic pain",
    "widespread": "widespread pain",
}


@dataclass(frozen=True)
class ProgramProfile:
    """What the builder needs to know about a person. Every field has a safe default."""

    conditions: frozenset[str] = frozenset()
    limitations: frozenset[str] = frozenset()
    equipment: frozenset[str] = HOUSEHOLD_EQUIPMENT
    fatigue_dominant: bool = False
    in_flare: bool = False
    start_level: int = 1
    preferred: frozenset[str] = frozenset()  # exercise ids picked first when they fit
    avoided: frozenset[str] = frozenset()  # exercise ids never picked

    def __post_init__(self) -> None:
        for name, known in (
            ("conditions", CONDITIONS),
            ("limitations", LIMITATIONS),
            ("equipment", EQUIPMENT),
        ):
            value = frozenset(getattr(self, name))
            unknown = sorted(value - set(known))
            if unknown:
                raise ValueError(f"unknown {name}: {unknown}; known: {list(known)}")
            object.__setattr__(self, name, value)
        object.__setattr__(self, "preferred", frozenset(self.preferred))
        object.__setattr__(self, "avoided", frozenset(self.avoided))
        if not 1 <= self.start_level <= 5:
            raise ValueError(f"start_level must be 1-5, got {self.start_level}")

    @property
    def effective_conditions(self) -> tuple[str, ...]:
        """The person's conditions in a fixed order; no condition means general guidance."""
        return tuple(c for c in CONDITIONS if c in self.conditions) or ("widespread",)

    @property
    def effective_limitations(self) -> frozenset[str]:
        # EULAR hand OA: protect the joints, so no wrist loading in other exercises either.
        extra = {"painful_wrists_hands"} if "hand_wrist_arthritis" in self.conditions else set()
        return self.limitations | extra

    @property
    def gentle(self) -> bool:
        return self.fatigue_dominant or any(GUIDANCE[c].gentle for c in self.effective_conditions)

    @property
    def rest_in_flares(self) -> bool:
        return rest_in_flares(self.conditions, self.fatigue_dominant)

    @property
    def short_bouts(self) -> bool:
        return self.fatigue_dominant or any(
            GUIDANCE[c].short_bouts for c in self.effective_conditions
        )
