"""Form widgets."""

from django import forms


class LeanSelect(forms.Select):
    """A <select> whose options are written inline rather than one included template each.

    Django's select template includes two templates per option; for a list of every country
    (about 250 options) that was most of a candidate list page's rendering time (about 2,000
    template includes per page). Same markup, same attributes on the <select>; an option carries
    only its value, ``selected`` and its label (what these selects use).
    """

    template_name = "core/widgets/lean_select.html"
