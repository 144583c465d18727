"""Story clustering: articles about the same event over time, incrementally.

Each article is reduced to a profile of its salient corpus entities (tf x idf
over the corpus so far: "Россия" weighs little, "Кизляр" much) plus its event
types. It joins the most similar open story (cosine of the profile with the
story's accumulated profile, at least two shared entities, within
`MAX_GAP_DAYS` of the story's last article when both are dated, a shared
event type raising the score) or starts a new one. A near-duplicate always
joins its original's story. State lives in memory in the single writer,
loaded from the `stories` table on start.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

THRESHOLD = 0.45
EVENT_BONUS = 0.1
MIN_SHARED = 2
MAX_GAP_DAYS = 14
TOP_FEATURES = 16  # enough to keep a mixed article's second topic (a call + the attacks it mentions)
STORY_FEATURES = 30
COMMON_SHARE = 0.05  # entities in more than 5% of articles do not propose candidates


@dataclass
class StoryState:
    """A story as the clusterer keeps it."""

    id: int
    title: str
    first: str | None = None
    last: str | None = None
    count: int = 0
    profile: Counter = field(default_factory=Counter)
    event_types: set[str] = field(default_factory=set)

    def as_row(self) -> dict:
        """Columns of the stories table."""
        top = self.profile.most_common(STORY_FEATURES)
        return {"id": self.id, "title": self.title, "first": self.first, "last": self.last,
                "article_count": self.count, "entities": [[i, round(w, 4)] for i, w in top],
                "event_types": sorted(self.event_types)}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _week(value: str | None) -> int | None:
    """The week a story's last article falls in (None: undated), the key its candidates are filed under."""
    day = _day(value)
    return day.toordinal() // 7 if day else None


def cosine(a: dict, b: dict) -> float:
    """Cosine similarity of two sparse vectors."""
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values())))


class StoryClusterer:
    """Assigns each new article to a story."""

    def __init__(self):
        self.stories: dict[int, StoryState] = {}
        # entity -> week of the story's last article (None: undated) -> story ids. Filed by week
        # so an article only looks at stories within MAX_GAP_DAYS of it (plus undated ones):
        # over years of news the stories sharing an entity keep growing, those near a date do not.
        self.by_entity: dict[int, dict[int | None, set[int]]] = defaultdict(dict)
        self.next_id = 1

    def add(self, story: StoryState) -> None:
        """Register a story (from the store or just created)."""
        self.stories[story.id] = story
        self.next_id = max(self.next_id, story.id + 1)
        week = _week(story.last)
        for entity_id in story.profile:
            self.by_entity[entity_id].setdefault(week, set()).add(story.id)

    def profile(self, entity_counts: dict[int, float], df: dict[int, int], n_articles: int) -> dict[int, float]:
        """Salient entities of an article: tf-idf, top few."""
        weights = {i: (1 + math.log(tf)) * math.log((n_articles + 1) / (df.get(i, 0) + 1) + 1)
                   for i, tf in entity_counts.items() if tf > 0}
        return dict(sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_FEATURES])

    def assign(self, profile: dict[int, float], published: str | None, title: str,
               event_types: set[str], df: dict[int, int], n_articles: int,
               forced: int | None = None) -> StoryState:
        """The story this article joins (created if none fits); updates its state."""
        story = self.stories.get(forced) if forced else None
        if story is None:
            story = self._best(profile, published, event_types, df, n_articles)
        if story is None:
            story = StoryState(self.next_id, title or "")
            self.add(story)
        self._join(story, profile, published, title, event_types)
        return story

    def _best(self, profile, published, event_types, df, n_articles) -> StoryState | None:
        """The most similar story passing the rules, or None."""
        common = max(20, COMMON_SHARE * n_articles)
        day = _day(published)
        weeks = None  # an undated article: stories of any date are candidates
        if day:
            weeks = [None, *range((day.toordinal() - MAX_GAP_DAYS) // 7, (day.toordinal() + MAX_GAP_DAYS) // 7 + 1)]
        candidates = set()
        for entity_id in profile:
            buckets = self.by_entity.get(entity_id)
            if not buckets or df.get(entity_id, 0) > common:
                continue
            for week in (buckets if weeks is None else weeks):
                candidates |= buckets.get(week, set())
        best, best_score = None, THRESHOLD
        for story_id in candidates:
            story = self.stories[story_id]
            if sum(1 for i in profile if i in story.profile) < MIN_SHARED:
                continue
            last = _day(story.last)
            if day and last and abs((day - last).days) > MAX_GAP_DAYS:
                continue
            score = cosine(profile, story.profile) + (EVENT_BONUS if event_types & story.event_types else 0.0)
            if score > best_score:
                best, best_score = story, score
        return best

    def _join(self, story: StoryState, profile, published, title, event_types) -> None:
        """Add an article's profile, dates and event types to a story."""
        story.count += 1
        old_week = _week(story.last)
        added = [entity_id for entity_id in profile if entity_id not in story.profile]
        for entity_id, weight in profile.items():
            story.profile[entity_id] += weight
        story.event_types |= set(event_types)
        if published:
            if not story.first or published < story.first:
                story.first = published
                story.title = title or story.title
            if not story.last or published > story.last:
                story.last = published
        if not story.title:
            story.title = title or ""
        week = _week(story.last)
        if week != old_week:  # refile the story under its new last week
            for entity_id in story.profile:
                if entity_id not in added:
                    bucket = self.by_entity[entity_id].get(old_week)
                    if bucket is not None:
                        bucket.discard(story.id)
                        if not bucket:
                            del self.by_entity[entity_id][old_week]
        for entity_id in story.profile if week != old_week else added:
            self.by_entity[entity_id].setdefault(week, set()).add(story.id)
