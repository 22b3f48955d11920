"""The notice the product gives once: on the first run of the app, or with the first plan made
on the command line (a module of its own: the welcome screen is a first frame)."""

#: Said once, on the first run of the app or with the first plan made on the command line.
NOT_MEDICAL_ADVICE = (
    "Not medical advice. scalp-tui follows a magazine article's at-home routine. Avoid "
    "microneedling if you have a scalp condition or concern, or at the very least consult a "
    "dermatologist first. Use light pressure only: microneedling should never hurt or cause "
    "more than a little redness."
)
