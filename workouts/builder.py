"""The workout builder: a balanced routine from the library's exercises, the same for the same choices.

A routine is a warm-up (about 17 % of the time), a main part (about 68 %) and a cool-down (about 15 %).
Exercises are ordered by a hash of the choices and their slug, never by chance, so a shared address
always shows the same routine; the parts' times add up to exactly the chosen minutes.
"""

import hashlib
import math
from dataclasses import dataclass
from itertools import accumulate, cycle, islice
from urllib.parse import urlencode

from django.db import transaction
from django.utils.translation import gettext as _

from exercises import filters as exercise_filters
from exercises.models import Difficulty, Exercise, TaggedEquipment, TaggedMuscle
from publishing.models import Status, free_value

from .models import Kind, Workout, WorkoutItem

MINUTES = (10, 15, 20, 30, 45)
ANY, NONE = "any", "none"
LEVELS = list(Difficulty.values)  # easiest first
DEFAULT_ITEM_SECONDS = 60
ITEM_SECONDS = (30, 120)  # an exercise's own duration is kept within these bounds
SLOT_SECONDS = 90  # roughly one item per minute and a half
MAX_EASY_ITEMS = 4  # warm-up and cool-down each
MAX_MAIN_EXERCISES = 8  # more time means more rounds, not more exercises
ROUNDING = 15  # times read as ‘1 min 15 s’, never ‘1 min 10 s’


@dataclass(frozen=True)
class Choices:
    """What the visitor picked, cleaned; anything invalid falls back to its default."""

    duration: int = 20
    equipment: str = ANY
    difficulty: str = Difficulty.BEGINNER.value
    focus: str = ""

    def query_string(self) -> str:
        pairs = [("duration", self.duration), ("equipment", self.equipment), ("difficulty", self.difficulty)]
        if self.focus:
            pairs.append(("focus", self.focus))
        return "?" + urlencode(pairs)

    def seed(self) -> str:
        return f"{self.duration}|{self.equipment}|{self.difficulty}|{self.focus}"


@dataclass
class Options:
    """The choices the form offers: equipment and muscles the language's public exercises use."""

    equipment: list  # (slug, name, count)
    muscles: list


def public_exercises(language):
    return Exercise.objects.published().in_language(language)


def read_options(language) -> Options:
    public = public_exercises(language)
    return Options(
        exercise_filters.tag_counts(TaggedEquipment, public), exercise_filters.tag_counts(TaggedMuscle, public)
    )


def parse(params, options: Options) -> Choices:
    default = Choices()
    duration = exercise_filters._positive_int(params.get("duration"))
    equipment = str(params.get("equipment", ""))
    focus = str(params.get("focus", ""))
    return Choices(
        duration=duration if duration in MINUTES else default.duration,
        equipment=equipment if equipment in {ANY, NONE} | {slug for slug, *_ in options.equipment} else ANY,
        difficulty=params.get("difficulty") if params.get("difficulty") in LEVELS else default.difficulty,
        focus=focus if focus in {slug for slug, *_ in options.muscles} else "",
    )


def part_seconds(total: int) -> dict:
    """{kind: seconds}: warm-up and cool-down rounded to half minutes, the main part takes the rest."""
    warm_up = int(total * 0.175 / 30 + 0.5) * 30
    cool_down = int(total * 0.15 / 30 + 0.5) * 30
    return {Kind.WARM_UP: warm_up, Kind.MAIN: total - warm_up - cool_down, Kind.COOL_DOWN: cool_down}


def split_time(seconds: int, exercises) -> list[int]:
    """Share `seconds` among `exercises` by their own durations, in steps of fifteen seconds, summing exactly."""
    weights = [
        min(max(exercise.duration or DEFAULT_ITEM_SECONDS, ITEM_SECONDS[0]), ITEM_SECONDS[1]) for exercise in exercises
    ]
    total = sum(weights)
    bounds = [round(seconds * done / total / ROUNDING) * ROUNDING for done in accumulate(weights)]
    bounds[-1] = seconds
    return [end - start for start, end in zip([0, *bounds], bounds, strict=False)]


def _fits(exercise, choices: Choices) -> bool:
    if LEVELS.index(exercise.difficulty) > LEVELS.index(choices.difficulty):
        return False
    needs = {tag.slug for tag in exercise.equipment.all()}
    if choices.equipment == ANY:
        return True
    return not needs or (choices.equipment != NONE and needs <= {choices.equipment})


def candidates(language, choices: Choices) -> list:
    """Public exercises in the language that the chosen level and equipment allow (three queries)."""
    allowed_levels = LEVELS[: LEVELS.index(choices.difficulty) + 1]
    rows = public_exercises(language).filter(difficulty__in=allowed_levels).order_by("id")
    return [exercise for exercise in rows.prefetch_related("equipment", "muscles") if _fits(exercise, choices)]


def _pick(pool, count, key):
    return sorted(pool, key=key)[:count]


def _slots(seconds, limit):
    return max(1, min(limit, math.ceil(seconds / SLOT_SECONDS)))


def assemble(exercises, choices: Choices) -> list[WorkoutItem]:
    """Unsaved WorkoutItems, warm-up to cool-down; [] when no exercise fits."""
    if not exercises:
        return []

    def shuffled(salt):
        return lambda exercise: hashlib.sha256(f"{choices.seed()}|{salt}|{exercise.slug}".encode()).hexdigest()

    def easy_first(salt, avoid=()):
        order = shuffled(salt)
        return lambda exercise: (exercise in avoid, LEVELS.index(exercise.difficulty), order(exercise))

    times = part_seconds(choices.duration * 60)
    warm_up = _pick(exercises, _slots(times[Kind.WARM_UP], MAX_EASY_ITEMS), easy_first("warm-up"))
    cool_down = _pick(exercises, _slots(times[Kind.COOL_DOWN], MAX_EASY_ITEMS), easy_first("cool-down", warm_up))

    order = shuffled("main")
    used = set(warm_up) | set(cool_down)

    def main_key(exercise):
        works_focus = any(tag.slug == choices.focus for tag in exercise.muscles.all())
        return (exercise in used, not works_focus, -LEVELS.index(exercise.difficulty), order(exercise))

    main_slots = _slots(times[Kind.MAIN], 10**6)
    main = _pick(exercises, min(main_slots, MAX_MAIN_EXERCISES), main_key)
    main = list(islice(cycle(main), main_slots))  # rounds of the same circuit

    items, described = [], set()
    for kind, picked in ((Kind.WARM_UP, warm_up), (Kind.MAIN, main), (Kind.COOL_DOWN, cool_down)):
        for exercise, seconds in zip(picked, split_time(times[kind], picked), strict=True):
            # The description once, where the exercise first appears: later rounds would only repeat it.
            instructions = [exercise.description] if exercise.description and exercise not in described else []
            described.add(exercise)
            items.append(
                WorkoutItem(
                    name=exercise.title, exercise=exercise, kind=kind, duration=seconds, instructions=instructions
                )
            )
    return items


@dataclass
class Routine:
    choices: Choices
    options: Options
    items: list

    @property
    def total_seconds(self):
        return sum(item.duration or 0 for item in self.items)


def build(language, params) -> Routine:
    """The routine these GET parameters ask for, in `language`: at most five queries."""
    options = read_options(language)
    choices = parse(params, options)
    return Routine(choices, options, assemble(candidates(language, choices), choices))


def save_draft(routine: Routine, language, author="") -> Workout:
    """A draft Workout in `language` holding the routine's items, linked to their exercises."""
    choices = routine.choices
    title = _("%(minutes)s-minute %(level)s workout") % {
        "minutes": choices.duration,
        "level": Difficulty(choices.difficulty).label.lower(),
    }
    equipment = [name for slug, name, _count in routine.options.equipment if slug == choices.equipment]
    focus = [name for slug, name, _count in routine.options.muscles if slug == choices.focus]
    with transaction.atomic():
        workout = Workout.objects.create(
            title=title,
            slug=free_value(Workout, "slug", language, f"{choices.duration}-minute-{choices.difficulty}-workout"),
            language=language,
            status=Status.DRAFT,
            difficulty=choices.difficulty,
            duration=choices.duration * 60,
            equipment=equipment,
            focus=focus,
            author=author,
        )
        for number, item in enumerate(routine.items, start=1):
            item.workout, item.order = workout, number
        WorkoutItem.objects.bulk_create(routine.items)
        workout.refresh_total()
    return workout
