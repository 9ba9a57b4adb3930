from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from exercises import sitemaps, views

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
urlpatterns += i18n_patterns(path("", include("exercises.urls")), prefix_default_language=False)

# The 404 handler also redirects the old site's addresses (recorded as OldURL rows) to their exercises.
handler404 = "exercises.views.page_not_found"
handler500 = "exercises.views.server_error"

if settings.DEBUG:
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
