"""Polls for the demo city, so that `make demo` shows a vote under way, a consultation with
answers and a finished satisfaction evaluation. Deterministic for a seed."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from anju.audit.context import Actor
from anju.core.surveys import Question, QuestionKind
from anju.core.votes import Choice
from anju.participation import questionnaires
from anju.participation.models import Channel, CommentKind, NoticeSubject, Poll, PollKind
from anju.participation.notices.services import comment_add, notice_create, notice_post
from anju.participation.services import (
    AlreadyAnswered,
    poll_create,
    poll_publish,
    poll_questions,
    response_submit,
)
from anju.policy.library import get_pack
from anju.registry.models import Building, Community


def _answers(rng: random.Random, questions: list[Question]) -> dict[str, list[str]]:
    """A resident's answers as the form sends them."""
    answers: dict[str, list[str]] = {}
    for q in questions:
        if q.kind is QuestionKind.CHOICE:
            answers[q.key] = [q.options[0] if rng.random() < 0.8 else rng.choice(q.options)]
        elif q.kind is QuestionKind.MULTIPLE:
            answers[q.key] = [o for o in q.options if rng.random() < 0.25]
        elif q.kind is QuestionKind.RATING:
            answers[q.key] = [str(rng.choices((5, 4, 3, 2, 1), weights=(40, 35, 15, 7, 3))[0])]
    return answers


def _fill(poll: Poll, rng: random.Random, share: float, clerk: Actor | None) -> None:
    questions = poll_questions(poll)
    moment = poll.opens_at + timedelta(hours=1)
    for elector in poll.electors.order_by("pk"):
        if rng.random() >= share:
            continue
        paper = clerk is not None and rng.random() < 0.3
        try:
            response_submit(
                actor=clerk if paper and clerk else Actor(user=None, origin="demo", name="demo"),
                elector=elector,
                choice=(
                    rng.choices([Choice.AGREE, Choice.AGAINST, Choice.ABSTAIN], (85, 10, 5))[0]
                    if poll.is_vote
                    else ""
                ),
                raw={} if poll.is_vote else _answers(rng, questions),
                channel=Channel.PAPER if paper else Channel.CODE,
                now=moment,
            )
        except AlreadyAnswered:
            continue  # the owner already voted for another of their dwellings


def demo_polls(actor: Actor, seed: int, clerk: Actor | None = None) -> int:
    """A vote and a consultation under way and a closed satisfaction evaluation, in the first
    communities of the first district. Returns how many polls were made."""
    if Poll.objects.exists():
        return 0
    rng = random.Random(seed)
    communities = list(Community.objects.order_by("code")[:2])
    if not communities:
        return 0
    now = timezone.now().replace(second=0, microsecond=0)
    first, last = communities[0], communities[-1]
    building = Building.objects.filter(community=first).order_by("id").first()
    vote = poll_create(
        actor=actor,
        community=first,
        kind=PollKind.VOTE,
        matter="elevator",
        title=f"{first.name}{building.number if building else ''}1单元加装电梯业主表决",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=12),
        building=building,
        unit="1",
    )
    needs = poll_create(
        actor=actor,
        community=first,
        kind=PollKind.NEEDS,
        title=f"{first.name}改造需求征求意见",
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=10),
        questions=questionnaires.needs(get_pack()),
        pack=get_pack().id,
    )
    satisfied = poll_create(
        actor=actor,
        community=last,
        kind=PollKind.SATISFACTION,
        title=f"{last.name}改造满意度评价",
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=25),
        questions=questionnaires.satisfaction(),
    )
    for poll, share in ((vote, 0.7), (needs, 0.5), (satisfied, 0.8)):
        poll = poll_publish(actor=actor, poll=poll, now=poll.opens_at - timedelta(days=1))
        _fill(poll, rng, share, clerk)
    notice = notice_post(
        actor=actor,
        notice=notice_create(
            actor=actor,
            community=first,
            subject=NoticeSubject.PLAN,
            title=f"{first.name}老旧小区改造方案公示",
            body="改造内容：供水、排水管网更新，道路修缮，单元门禁，加装电梯（1号楼1单元）。\n"
            "公示期内如有意见或异议，请在本页提出，或书面交社区居委会。",
            days=7,
        ),
        now=now - timedelta(days=2),
    )
    resident = Actor(user=None, origin="demo", name="demo")
    comment_add(
        actor=resident,
        notice=notice,
        kind=CommentKind.COMMENT,
        text="支持改造，希望尽快施工。",
        name="刘桂兰",
    )
    comment_add(
        actor=resident,
        notice=notice,
        kind=CommentKind.OBJECTION,
        text="加装电梯影响一楼采光，请说明补偿办法。",
    )
    return 3
