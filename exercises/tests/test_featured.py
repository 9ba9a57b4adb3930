"""Featured exercises: chosen by editors (or `featured: true` in a file), shown first on the home page in their
chosen order, never repeated among the newest, and written back on export."""

import re

import pytest

from exercises.models import Exercise, Status

from .content_files import export_folder, import_folder, write
from .factories import make_exercise

pytestmark = pytest.mark.django_db


def section_titles(html, section_id):
    found = re.search(rf'<section[^>]*id="{section_id}">(.*?)</section>', html, re.S)
    return re.findall(r'<h3 class="card-title"><a href="[^"]*">([^<]*)</a>', found.group(1)) if found else None


def test_the_home_page_shows_featured_exercises_by_weight_and_not_again_among_the_newest(client):
    make_exercise("Plank", featured=True, weight=2)
    make_exercise("Bridge", featured=True, weight=1)
    make_exercise("Roll Up")
    make_exercise("Secret", featured=True, status=Status.DRAFT)
    make_exercise("Puente", slug="puente", language="es", featured=True)

    html = client.get("/").content.decode()

    assert section_titles(html, "featured") == ["Bridge", "Plank"]
    assert section_titles(html, "newest") == ["Roll Up"]


def test_without_featured_exercises_the_home_page_has_no_such_section(client):
    make_exercise("Roll Up")
    html = client.get("/").content.decode()
    assert section_titles(html, "featured") is None
    assert "Featured exercises" not in html


def test_the_spanish_home_page_names_the_section_in_spanish(client):
    make_exercise("Puente", slug="puente", language="es", featured=True)
    html = client.get("/es/").content.decode()
    assert section_titles(html, "featured") == ["Puente"]
    assert "Ejercicios destacados" in html


def test_featured_in_a_file_is_imported_and_exported_back(tmp_path):
    write(tmp_path / "in", "exercises/plank.md", "---\ntitle: Plank\nfeatured: true\n---\nBody.\n")
    write(tmp_path / "in", "exercises/bridge.md", "---\ntitle: Bridge\n---\nBody.\n")
    import_folder(tmp_path / "in")

    assert list(Exercise.objects.filter(featured=True).values_list("slug", flat=True)) == ["plank"]
    export_folder(tmp_path / "out")
    exported = {path.name: path.read_text() for path in (tmp_path / "out").rglob("*.md")}
    assert "featured: true" in exported["plank.md"]
    assert "featured" not in exported["bridge.md"]  # nothing invented for a file that did not say it


def test_a_featured_value_that_is_not_a_yes_or_no_is_refused_with_its_file_and_key(tmp_path):
    write(tmp_path, "exercises/plank.md", "---\ntitle: Plank\nfeatured: maybe\n---\nBody.\n")
    with pytest.raises(Exception) as refused:
        import_folder(tmp_path)
    assert "plank.md" in str(refused.value) and "featured" in str(refused.value)
    assert not Exercise.objects.exists()
