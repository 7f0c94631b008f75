"""The grading kernel's first lines: run as ``python -I -B kernel_start.py PACKAGE_PARENT WORK KERNEL-ARGS...``.

Before any of the student's code runs, this fixes where the kernel imports ``antiplan`` from, the
package whose helpers (``antiplan.grading.asserts``) the test cells import:

- ``python -I`` leaves the working folder and ``PYTHON*`` variables out of the import path, and the
  kernel does not put the working folder back in front (``sys.flags.safe_path``): the working folder
  comes last, so a submission's own modules import, but never in place of an installed one;
- ``antiplan`` and every module under it are found only in ``PACKAGE_PARENT`` (the grader's own copy,
  read-only in the sandbox), by a finder placed first in ``sys.meta_path``; nothing on ``sys.path``,
  in the working folder or in a parent package's ``__path__`` is consulted for them;
- an audit hook (which code cannot remove) puts that finder back in front, restores the import
  system's functions, ``__import__`` and the helpers' own names, and drops any ``antiplan`` module it
  did not load, each time a cell starts and each time ``antiplan`` is imported; it refuses changes to
  the finder and to the import system's classes, and the tools that reach into other code's objects
  (``gc.get_objects``, ``gc.get_referrers``, ``sys.settrace``, ...).

What it cannot stop: code that writes into the interpreter's memory (``ctypes``). The grader's
failing check after the last cell, and reading any submission whose marks look too good, remain.

Standard library only until the kernel starts.
"""

import sys


def _install(package_parent: str) -> None:  # noqa: C901 - one closure, so that its state is not a module global
    import builtins
    import importlib._bootstrap as bootstrap
    import importlib._bootstrap_external as external
    import os

    # Captured once: the student's code may rebind the built-in names, not these objects.
    id_, type_, str_, len_ = id, type, str, len
    all_, any_, list_, dict_, enumerate_, getattr_ = all, any, list, dict, enumerate, getattr
    sys_, refusal = sys, PermissionError
    source_loader = external.SourceFileLoader
    isfile, isdir, join = os.path.isfile, os.path.isdir, os.path.join
    module_spec = bootstrap.ModuleSpec
    modules = sys.modules
    original_import = builtins.__import__
    startup_finders = tuple(sys.meta_path)
    startup_hooks = tuple(sys.path_hooks)
    startup_cache = dict(sys.path_importer_cache)
    saved = [(vars(m), dict(vars(m))) for m in (bootstrap, external)]
    # name -> every module this finder loaded under it: a test helper may import the package afresh
    # (``rule_asserts.run_with_rule``), and the kernel's own copy stays genuine beside the fresh one.
    genuine: dict[str, list] = {}
    snapshots: dict[tuple, tuple[dict, dict]] = {}  # the helpers' namespaces as loaded, each copy
    watched = ("antiplan", "antiplan.grading", "antiplan.grading.asserts")

    def ours(name) -> bool:
        return type_(name) is str_ and (name == "antiplan" or name[:9] == "antiplan.")

    class PinnedFinder:
        """Finds ``antiplan`` and its modules in the grader's copy only, and loads them from there."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            if not ours(name):
                return None
            base = join(package_parent, *name.split("."))
            if isdir(base) and isfile(join(base, "__init__.py")):
                spec = module_spec(name, PinnedFinder, origin=join(base, "__init__.py"), is_package=True)
                spec.submodule_search_locations = [base]
            elif isfile(base + ".py"):
                spec = module_spec(name, PinnedFinder, origin=base + ".py")
            else:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            spec.has_location = True
            return spec

        @staticmethod
        def create_module(spec):
            return None

        @staticmethod
        def exec_module(module):
            name, origin = module.__spec__.name, module.__spec__.origin
            loaded = genuine.setdefault(name, [])
            loaded.append(module)  # before it runs: its own imports check what is genuine
            try:
                source_loader(name, origin).exec_module(module)  # with the compiled copy in __pycache__
            except BaseException:
                loaded.pop()
                raise
            if name == "antiplan.grading" or name[:17] == "antiplan.grading.":
                snapshots[(name, id_(module))] = (module.__dict__, dict_(module.__dict__))

    def in_front(first: list, current) -> list:
        if type_(current) is not list:
            return first
        if len_(current) >= len_(first) and all_(current[i] is item for i, item in enumerate_(first)):
            return current
        return [*first, *(x for x in current if not any_(x is item for item in first))]

    def restore() -> None:
        builtins.__import__ = original_import
        for namespace, names in saved:
            namespace.update(names)
        sys_.modules = modules
        # The standard finders first (after ours), so that a finder added later cannot stand in for
        # an installed module; the finders of the import path's folders as they were at the start.
        # Compared by identity only: a student's object may define __eq__.
        sys_.meta_path = in_front([PinnedFinder, *startup_finders], sys_.meta_path)
        sys_.path_hooks = in_front(list_(startup_hooks), sys_.path_hooks)
        cache = sys_.path_importer_cache
        if type_(cache) is not dict_:
            cache = sys_.path_importer_cache = dict_(startup_cache)
        for key, finder in startup_cache.items():
            if cache.get(key) is not finder:
                cache[key] = finder
        for name in (*watched, *list_(genuine)):
            found = modules.get(name)
            if found is not None and not any_(found is m for m in genuine.get(name, ())):
                del modules[name]
        for namespace, names in list_(snapshots.values()):
            namespace.update(names)

    protected = {id_(PinnedFinder), id_(bootstrap), id_(external)}
    protected.update(id_(getattr_(v, "__func__", v)) for v in vars(PinnedFinder).values())
    for module in (bootstrap, external):
        protected.update(id_(v) for v in vars(module).values() if type_(v) is type_)
    refused = {"gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys.settrace", "sys.setprofile"}
    refused.add("sys._current_frames")

    def hook(event, args):
        if event == "exec":
            restore()
        elif event == "import":
            if ours(args[0]):
                restore()
        elif event == "object.__setattr__" or event == "object.__delattr__":
            if id_(args[0]) in protected:
                raise refusal("the grader's import system cannot be changed while grading")
        elif event in refused:
            raise refusal(f"{event} is not available while grading")

    protected.update({id_(hook), id_(restore), id_(ours), id_(in_front)})
    sys.meta_path.insert(0, PinnedFinder)
    sys.addaudithook(hook)


def main() -> None:
    package_parent, work, *kernel_args = sys.argv[1:]
    sys.path.append(work)
    # The same trim as the grader's own (``_startup``): the test helpers load nbformat, whose
    # jsonschema would otherwise compile a grammar for a format notebooks never use (seconds).
    sys.modules.setdefault("rfc3987_syntax", None)
    # A grading kernel is never debugged: without debugpy, ipykernel starts with no debugger, which
    # saves a third of the kernel's start-up and a module that sets trace functions as it loads.
    sys.modules["debugpy"] = None
    from ipykernel import kernelapp

    try:  # the debugger's modules load before the guard, not after
        import ipykernel.debugger  # noqa: F401
    except ImportError:
        pass
    _install(package_parent)
    sys.argv = ["ipykernel_launcher", *kernel_args]
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
