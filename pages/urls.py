from django.urls import path

from . import views

app_name = "pages"

# Last in the URL configuration: every address no other app claims may be a page of the old site.
urlpatterns = [
    path("<path:path>/index.xml", views.section_feed, name="section_feed"),
    path("<path:path>/", views.page, name="page"),
]
