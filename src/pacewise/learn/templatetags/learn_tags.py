"""Template helpers for Learn: safe lesson Markdown and the flare-kit line on the home page."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from pacewise.learn.course import in_flare_today
from pacewise.learn.markdown import render

register = template.Library()


@register.filter
def lesson_markdown(text: str) -> str:
    """The lesson subset of Markdown as HTML; everything else is escaped (see markdown.py)."""
    return mark_safe(render(text or ""))  # noqa: S308 - render() escapes all input


@register.inclusion_tag("learn/_flare_kit_prompt.html")
def flare_kit_prompt(grant):
    """On the person's own home page, when today's latest check-in says "in a flare"."""
    show = bool(grant and grant.is_owner and in_flare_today(grant.patient))
    return {"show": show, "patient": grant.patient if grant else None}
