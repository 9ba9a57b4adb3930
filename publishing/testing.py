"""Test helpers shared by the apps' admin tests."""

from exercises.tests.html_forms import form_values


def admin_form(client, url, form_id):
    """The admin form `form_id` at `url` with its current values, as a browser would submit it."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return {
        name: values if len(values) > 1 else values[0]
        for name, values in form_values(response.content.decode(), form_id).items()
    }
