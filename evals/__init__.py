"""The eval suite: questions with expected citations, metrics, the baseline recipe, reports."""
