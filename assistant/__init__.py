"""threshold: answers about UK children's safeguarding threshold guidance, cited to the row."""

__version__ = "0.1.0"
