import pytest

from exercises.models import Status
from exercises.tests.factories import make_exercise, make_full_exercise
from pages.tests.factories import make_page, make_section


@pytest.fixture
def publish_root(settings, tmp_path):
    """Publishing switched on, into a fresh folder; changes publish when their transaction commits."""
    settings.PUBLISH_ROOT = str(tmp_path / "published")
    return tmp_path / "published"


def saved_files(root):
    """{address-like file name: contents} of the plain files in the publish folder."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and path.suffix not in (".gz", ".br")
    }


@pytest.fixture
def library(publish_root, django_capture_on_commit_callbacks):
    """A small bilingual library: three tagged exercises (one with a Spanish version), a draft and two pages."""
    with django_capture_on_commit_callbacks(execute=True):  # as if each test's changes came in a later request
        return _library()


def _library():
    squat = make_full_exercise("Goblet Squat", translation_key="squat")
    make_full_exercise("Sentadilla", slug="sentadilla", language="es", translation_key="squat")
    make_full_exercise("Glute Bridge")
    make_exercise("Push Up", muscles=("Chest",), equipment=("Mat",))
    make_exercise("Secret Draft", status=Status.DRAFT, muscles=("Chest",))
    make_section("learn", title="Learn")
    make_page("learn/breathing", title="Breathing Basics")
    return squat
