"""Thai local-government anti-corruption plans -> data.

    >>> import pipeline
    >>> plan = pipeline.parse("raw/plan.txt")
    >>> df = pipeline.projects_frame(plan)
"""
from .model import Finding, Plan, Project, TableEntry
from .plan import parse, parse_text
from .read import InputError

__all__ = ["parse", "parse_text", "projects_frame", "InputError", "Plan", "Project",
           "TableEntry", "Finding"]


def projects_frame(plan: Plan):
    """The projects as a pandas DataFrame with the columns of projects.csv."""
    import pandas as pd

    from .write import project_rows, PROJECT_COLUMNS
    return pd.DataFrame(project_rows(plan), columns=PROJECT_COLUMNS)
