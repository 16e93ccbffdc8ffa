from django.shortcuts import render


def home(request):
    """The home page: what the portal is, in Japanese."""
    return render(request, "home.html")
