"""Commands that live in modules of their own, each with `register(app)`; cli.py registers them.
Their bodies import what they need when they run, so start-up stays lean."""
