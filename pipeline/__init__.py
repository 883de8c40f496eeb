"""Thai local-government anti-corruption plans -> data.

    >>> import pipeline
    >>> plan = pipeline.parse("raw/muangkaew-anticorruption-plan-2566-2570.txt")
    >>> df = pipeline.projects_frame(plan)
"""
from .model import Finding, Plan, Project, TableEntry
from .plan import parse, parse_text
from .readers import InputError

__all__ = ["parse", "parse_text", "projects_frame", "InputError", "Plan", "Project",
           "TableEntry", "Finding"]


def projects_frame(plan: Plan):
    """The projects as a pandas DataFrame with the columns of projects.csv."""
    import pandas as pd

    from .writers.rows import PROJECT_COLUMNS, project_rows
    return pd.DataFrame(project_rows(plan), columns=PROJECT_COLUMNS)
