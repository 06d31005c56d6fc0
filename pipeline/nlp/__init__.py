"""Reading the commentary: officers, facts, RAG consistency and the publishing organisation.

Nothing here is imported by `import pipeline.nlp`; spaCy loads on first use (see engine.py).
"""
