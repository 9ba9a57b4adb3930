from exercises.rendering import render_markdown


def test_markdown_sections_and_lists_render():
    html = render_markdown("## Benefits\n\n- Strong glutes\n- Better posture\n\n1. One\n2. Two")
    assert "<h2>Benefits</h2>" in html
    assert "<li>Strong glutes</li>" in html
    assert "<ol>" in html


def test_scripts_event_handlers_and_dangerous_urls_are_removed():
    html = render_markdown(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
        '<a href="vbscript:msgbox(1)">v</a> <iframe src="https://evil.example"></iframe> '
        '<p style="background:url(x)" onclick="x()">styled</p>'
    )
    for forbidden in ("<script", "onerror", "javascript:", "data:", "vbscript:", "<iframe", "onclick", "style="):
        assert forbidden not in html
    assert "styled" in html


def test_safe_links_keep_href_and_get_rel():
    html = render_markdown("[guide](https://example.org/guide)")
    assert 'href="https://example.org/guide"' in html
    assert 'rel="noopener noreferrer"' in html
