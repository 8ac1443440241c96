"""Thinking-trap prompts: examples to notice, and balanced sentences to leave alone."""

from __future__ import annotations

import pytest

from pacewise.core.learn.thinking_traps import TRAPS, find_traps, trap_by_key

EXAMPLES = [
    ("catastrophising", "This pain is unbearable and my life is ruined.", "unbearable"),
    ("catastrophising", "It's the worst it has ever been.", "worst"),
    ("catastrophising", "I can't cope with this any longer.", "can't cope"),
    ("catastrophising", "Nothing will ever help me.", "Nothing will ever help"),
    ("catastrophising", "I'll end up in a wheelchair.", "wheelchair"),
    ("all-or-nothing", "I always mess things up.", "always"),
    ("all-or-nothing", "I can't do anything any more.", "can't do anything"),
    ("all-or-nothing", "The day was a complete waste.", "a complete waste"),
    ("all-or-nothing", "Everything hurts.", "Everything hurts"),
    ("fortune-telling", "It will only get worse from here.", "will only get worse"),
    ("fortune-telling", "Tomorrow is going to be awful.", "going to be awful"),
    ("fortune-telling", "I know it will flare if I go.", "I know it will"),
    ("fortune-telling", "I'll never get back to work.", "I'll never"),
    ("mind-reading", "My boss thinks I'm lazy.", "My boss thinks I'm"),
    ("mind-reading", "They must think I am faking it.", "They must think I am"),
    ("mind-reading", "My doctor doesn't believe me.", "My doctor doesn't believe me"),
    ("mind-reading", "Everyone is judging me for resting.", "Everyone is judging me"),
    ("should", "I should be able to do this.", "I should"),
    ("should", "I must not let anyone down.", "I must"),
    ("should", "I ought to be stronger than this.", "I ought to"),
    ("should", "I have to be normal again.", "I have to be normal"),
]


@pytest.mark.parametrize(("key", "text", "phrase"), EXAMPLES)
def test_it_notices_the_trap_and_names_the_words(key, text, phrase):
    hits = {hit.key: hit for hit in find_traps(text)}
    assert key in hits
    assert hits[key].phrase.lower() == phrase.lower()


COUNTER_EXAMPLES = [
    ("catastrophising", "It was not the worst day, and it settled by the evening."),
    ("catastrophising", "The pain was a 6 but it eased after a rest."),
    ("all-or-nothing", "It isn't always this bad."),
    ("all-or-nothing", "Some days are better than others."),
    ("fortune-telling", "I will walk for ten minutes tomorrow at ten."),
    ("fortune-telling", "It's going to rain later."),
    ("mind-reading", "My physio thinks the exercise is fine for my knee."),
    ("mind-reading", "She told me I'm doing well."),
    ("mind-reading", "I think I'm getting a cold."),
    ("should", "The pain should ease in a day or two."),
    ("should", "What should I try next?"),
    ("should", "It should be fine to rest for a bit."),
]


@pytest.mark.parametrize(("key", "text"), COUNTER_EXAMPLES)
def test_balanced_sentences_are_not_flagged(key, text):
    assert key not in {hit.key for hit in find_traps(text)}


def test_a_neutral_account_has_no_prompts():
    text = "I walked to the shop, my back ached a bit, and I sat down for a while at home."
    assert find_traps(text) == ()


def test_empty_text_has_no_prompts():
    assert find_traps("") == ()


def test_each_trap_is_reported_once_in_list_order():
    text = "I always fail. I never get it right. This will never end and it is awful."
    keys = [hit.key for hit in find_traps(text)]
    assert keys == ["catastrophising", "all-or-nothing", "fortune-telling"]
    assert len(keys) == len(set(keys))


def test_curly_apostrophes_are_read_like_straight_ones():
    assert "mind-reading" in {h.key for h in find_traps("My partner doesn’t believe me.")}
    assert "catastrophising" in {h.key for h in find_traps("I can’t cope.")}


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: t.key)
def test_prompts_are_gentle_invitations_never_verdicts(trap):
    assert trap.prompt.startswith("You might check whether")
    words = (trap.prompt + " " + trap.explanation).lower()
    for harsh in ("wrong", "irrational", "distortion", "disorder", "you are", "stop "):
        assert harsh not in words


def test_trap_by_key():
    assert trap_by_key("should").name == '"Should" statements'
