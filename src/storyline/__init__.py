"""storyline: many articles in, stories out, with cited summaries and where the sources differ."""

__version__ = "0.1.0"
