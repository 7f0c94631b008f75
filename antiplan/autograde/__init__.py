"""The class-scale autograder: ``antiplan grade ASSIGNMENT`` grades every submission of an nbgrader course.

It runs nbgrader's own autograde steps (sanitize, execute, save grades) inside long-lived worker
processes, so no nbgrader command starts per student, and it runs each student's code in a sandboxed
kernel: an unprivileged user, resource limits, no network, a private working folder, and the course's
gradebook, ``source/`` and other students' work hidden from it.

One module per idea:

- ``course``: nbgrader's configuration and the course's folders, as nbgrader reads them.
- ``discovery``: which submissions there are, and whether their notebooks can be read at all.
- ``limits``: time, memory and output limits per submission.
- ``sandbox`` and ``launcher``: the kernel manager that starts a sandboxed kernel, and the small
  program that drops privileges inside new namespaces before the kernel starts.
- ``execute``: nbgrader's execute step with a deadline per notebook and an output cap; its test cells run in
  a clean process (``antiplan.grading.split``), never in the student's kernel.
- ``worker``: grades one submission in-process with nbgrader's ``Autograde`` converter.
- ``scheduler``: a pool of long-lived worker processes, with a watchdog.
- ``gradebook``: the results table kept beside nbgrader's tables (what makes a rerun resumable).
- ``report``: the JSON report and the summary.
- ``command``: the command line, ``main(argv) -> int``.
"""
