"""nbgrader configuration: the repository's top is the course directory.

source/chNN/      the instructor's notebooks (solutions, hidden tests, mark schemes)
exercises/chNN/   the student copies, generated from source/ (committed)
autograder/       the grading side; submissions, autograded copies, feedback and the gradebook
                  are created here and never committed (see autograder/README.md)
"""

c = get_config()  # noqa: F821  (nbgrader provides get_config)

c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "autograder/submitted"
c.CourseDirectory.autograded_directory = "autograder/autograded"
c.CourseDirectory.feedback_directory = "autograder/feedback"
c.CourseDirectory.db_url = "sqlite:///autograder/gradebook.db"
c.CourseDirectory.assignment_id = ""

# The assignments, one per chapter.
c.CourseDirectory.db_assignments = [{"name": f"ch{n:02d}"} for n in range(1, 11)]

# Student copies: nothing but the notebook; the header is part of each notebook.
c.GenerateAssignment.create_assignment = True

# Grading: a test cell a student deleted is put back; an edited one is overwritten from the gradebook.
c.OverwriteCells.add_missing_cells = True
c.ExecutePreprocessor.timeout = 300
c.Execute.timeout = 300

# Tests run in a clean process, not in the student's kernel: the kernel hands over its answers as
# plain data and the student's functions are called across that boundary (antiplan.grading.split).
c.Autograde.autograde_preprocessors = [
    "antiplan.autograde.split_execute.SplitExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Feedback without hidden tests: nbgrader shows them by default; this preprocessor removes their
# code and the tracebacks that would quote it, keeping each test's one-line description and message.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "antiplan.grading.hooks.StripHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Grades CSV: `nbgrader export` writes each submission's status beside its score, and leaves the score
# of a submission that could not be graded empty instead of 0 (antiplan.autograde.export).
c.ExportApp.plugin_class = "antiplan.autograde.export.StatusCsvExport"
