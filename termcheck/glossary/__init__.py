"""Glossaries: the concept-oriented term mappings termcheck checks documents against."""
from .load import FORMAT, load_glossaries
from .model import ALL, Concept, Form, Glossary, Terms, Vocabulary

__all__ = ["ALL", "FORMAT", "Concept", "Form", "Glossary", "Terms", "Vocabulary", "load_glossaries"]
