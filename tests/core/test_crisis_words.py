"""The safety net for free text: phrases about ending one's life or self-harm bring help."""

import pytest

from pacewise.core.safety.crisis_words import mentions_self_harm


@pytest.mark.parametrize("text", [
    "Some days I want to die.", "I keep thinking about killing myself",
    "I could end it all", "better if I ended it all", "I feel suicidal tonight",
    "I've been cutting myself again",
    "honestly I can’t go on like this", "I don't want to wake up tomorrow",
    "Everyone would be better off dead without me", "I took an overdose last year",
])  # fmt: skip
def test_phrases_about_ending_life_or_self_harm_are_caught(text):
    assert mentions_self_harm(text)


@pytest.mark.parametrize("text", [
    "My knee is killing me after the walk", "The pain is dead boring to describe",
    "I want to diet before summer", "Ended the walk early", "I hurt my back gardening",
    "", "Can we move Friday's session?",
])  # fmt: skip
def test_ordinary_pain_talk_is_not(text):
    assert not mentions_self_harm(text)
