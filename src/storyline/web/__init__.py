"""The web face of a store: a FastAPI app with a JSON API and server-rendered pages."""
