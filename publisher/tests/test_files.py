import gzip
import threading

import pytest

from publisher import files


def test_addresses_map_to_index_files_and_keep_file_names():
    assert files.file_name("/") == "index.html"
    assert files.file_name("/exercises/roll-up/") == "exercises/roll-up/index.html"
    assert files.file_name("/sitemap.xml") == "sitemap.xml"
    assert files.file_name("/learn/index.xml") == "learn/index.xml"
    assert files.file_name("/exercises/roll-up") is None  # Django redirects it to the slash form


@pytest.mark.parametrize("path", ["/../etc/passwd/", "/a/./b/", "/.hidden/", "/a\x00b/", "/a\\b/", "exercises/"])
def test_addresses_that_could_leave_the_folder_or_hide_are_refused(path):
    with pytest.raises(files.UnsafePath):
        files.file_name(path)


def test_a_reader_never_sees_a_half_written_file(tmp_path):
    versions = [b"<p>old</p>" * 200_000, b"<p>new!</p>" * 150_000]  # megabytes: a write takes many reads
    files.write(tmp_path, "page/index.html", versions[0])
    done, seen = threading.Event(), []

    def rewrite():
        for number in range(30):
            files.write(tmp_path, "page/index.html", versions[number % 2])
        done.set()

    writer = threading.Thread(target=rewrite)
    writer.start()
    while not done.is_set():
        seen.append((tmp_path / "page/index.html").read_bytes())
    writer.join()

    assert len(seen) > 10
    assert all(body in versions for body in seen)


def test_compressed_copies_match_and_share_the_modification_time(tmp_path):
    files.write(tmp_path, "index.html", b"<h1>Exercise Library</h1>")

    plain, packed = tmp_path / "index.html", tmp_path / "index.html.gz"
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()
    assert packed.stat().st_mtime == plain.stat().st_mtime == (tmp_path / "index.html.br").stat().st_mtime
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]  # no temporary file left


def test_removing_a_page_removes_its_copies_and_empty_folders(tmp_path):
    files.write(tmp_path, "exercises/roll-up/index.html", b"x")
    files.write(tmp_path, "exercises/index.html", b"y")

    files.remove(tmp_path, "exercises/roll-up/index.html")

    assert not (tmp_path / "exercises/roll-up").exists()
    assert (tmp_path / "exercises/index.html").exists()
