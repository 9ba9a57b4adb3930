from publishing.signals import watch


def connect():
    from .models import Page, PageOldURL

    watch(Page, PageOldURL)
