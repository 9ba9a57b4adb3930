import pytest


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
