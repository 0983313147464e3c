"""breadline: audit a backlog for items that trace to no paying person's problem."""

__version__ = "0.1.0"
