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
urlpatterns += i18n_patterns(
    path("", include("exercises.urls")),
    path("", include("workouts.urls")),
    path("", include("pages.urls")),  # last: it takes any address the others leave
    prefix_default_language=False,
)

# The 404 handler also redirects the old site's addresses (recorded old URLs of every type) to their content.
handler404 = "pages.views.page_not_found"
handler500 = "exercises.views.server_error"

if settings.DEBUG:
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
