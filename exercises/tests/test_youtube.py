import pytest

from exercises.youtube import parse_video_id


@pytest.mark.parametrize(
    "value",
    [
        "dQw4w9WgXcQ",
        " dQw4w9WgXcQ ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s",
        "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?t=3",
        "youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ],
)
def test_youtube_urls_and_ids_give_the_id(value):
    assert parse_video_id(value) == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "dQw4w9WgXc",  # 10 characters
        "dQw4w9WgXcQQ",
        "dQw4w9WgX$Q",
        "https://vimeo.com/76979871",
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/playlist?list=PL123",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "x" * 10_000,
    ],
)
def test_anything_else_is_rejected(value):
    with pytest.raises(ValueError):
        parse_video_id(value)
