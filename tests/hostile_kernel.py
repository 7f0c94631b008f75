"""Blank copies that attack the tests through the kernel they once shared with them.

Each value is the code of one submission's first answer cell; the other answers stay blank
(``hostile_code.BLANK_ANSWERS``), so every point such a submission gets is a point it did not earn.
Each aims at one way a test that runs in the student's kernel can be fooled: what the kernel
reports, the helpers and builtins the tests call, the types and frames they read, and the outputs
that reach the feedback. ``PRINTS_TESTS`` marks the one that tries to copy the tests' code into
its own output.
"""

from __future__ import annotations

KERNEL_ATTACKS = {
    # -- the kernel decides what the grader sees --------------------------------------------------------
    "input_transformer": (
        "def _hide(lines):\n"
        "    body = [l if l.endswith('\\n') else l + '\\n' for l in lines]\n"
        "    return ['try:\\n'] + ['    ' + l for l in body] + ['except BaseException:\\n', '    pass\\n']\n"
        "get_ipython().input_transformers_cleanup.append(_hide)\n"
    ),
    "run_hooks": (
        "ip = get_ipython()\n"
        "class _Same(float):\n    __eq__ = lambda s, o: True\n    __ne__ = lambda s, o: False\n"
        "def _before(info):\n"
        "    ip.user_ns.update(square=lambda x: _Same(0.0), gap=_Same(0.0), mean=_Same(0.0))\n"
        "def _after(result):\n"
        "    result.error_in_exec = None\n"
        "ip.events.register('pre_run_cell', _before)\n"
        "ip.events.register('post_run_cell', _after)\n"
    ),
    "silent_traceback": (
        "ip = get_ipython()\n"
        "ip.showtraceback = lambda *a, **k: None\n"
        "ip._showtraceback = lambda *a, **k: None\n"
        "ip.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
    ),
    "rebound_exceptions": (
        "import builtins\n"
        "class _Quiet(Exception):\n    pass\n"
        "builtins.AssertionError = _Quiet\nbuiltins.NameError = _Quiet\n"
        "get_ipython().set_custom_exc((AssertionError, NameError, TypeError), lambda *a, **k: None)\n"
    ),
    "wrapped_execute": (
        "kernel = get_ipython().kernel\n"
        "_real = kernel.do_execute\n"
        "async def _always_ok(*args, **kwargs):\n"
        "    reply = _real(*args, **kwargs)\n"
        "    reply = await reply if hasattr(reply, '__await__') else reply\n"
        "    return {'status': 'ok', 'execution_count': reply.get('execution_count', 0), 'user_expressions': {}, "
        "'payload': []}\n"
        "kernel.do_execute = _always_ok\n"
        "_send = kernel.session.send\n"
        "def _no_errors(stream, msg_or_type, *args, **kwargs):\n"
        "    kind = msg_or_type if isinstance(msg_or_type, str) else msg_or_type.get('msg_type')\n"
        "    if kind == 'error':\n"
        "        return None\n"
        "    return _send(stream, msg_or_type, *args, **kwargs)\n"
        "kernel.session.send = _no_errors\n"
    ),
    "forged_result": (
        "ip = get_ipython()\n"
        "ip.events.register('post_execute', lambda: ip.display_pub.publish({'text/plain': '2'}))\n"
        "ip.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
    ),
    "namespace_swap": (
        "class _Anything(float):\n"
        "    __eq__ = lambda s, o: True\n    __ne__ = lambda s, o: False\n"
        "    __call__ = lambda s, *a: _Anything(9.0)\n"
        "class _Names(dict):\n"
        "    def __missing__(self, key):\n        return _Anything(3.0)\n"
        "ip = get_ipython()\n"
        "ip.user_ns = _Names(ip.user_ns)\n"
        "ip.user_global_ns = ip.user_ns\n"
    ),
    # -- the tests' helpers and namespace --------------------------------------------------------------
    "helper_swapper": (
        "import sys, threading, time\n"
        "def _swap():\n"
        "    while True:\n"
        "        module = sys.modules.get('antiplan.grading.asserts')\n"
        "        if module is not None:\n"
        "            for name in ('expect_close', 'expect_number', 'expect', 'call'):\n"
        "                try:\n"
        "                    getattr(module, name).__code__ = (lambda *a, **k: 9.0).__code__\n"
        "                except Exception:\n"
        "                    pass\n"
        "        time.sleep(0.001)\n"
        "threading.Thread(target=_swap, daemon=True).start()\n"
    ),
    "empty_builtins": (
        "import builtins\n"
        "builtins.zip = lambda *a, **k: iter(())\n"
        "builtins.range = lambda *a, **k: iter(())\n"
        "builtins.any = lambda *a, **k: False\n"
        "builtins.all = lambda *a, **k: True\n"
    ),
    "source_swap": (
        "import builtins, io\n"
        "_compile = builtins.compile\n"
        "def _pass(source, filename, mode, *a, **k):\n"
        "    if 'expect' in str(source) or 'asserts' in str(filename):\n"
        "        source = 'pass' if mode == 'exec' else '0'\n"
        "    return _compile(source, filename, mode, *a, **k)\n"
        "builtins.compile = _pass\n"
        "io.open_code = lambda path: io.BytesIO(b'def expect_close(*a, **k):\\n    return None\\n')\n"
        "import sys\n"
        "sys.path.insert(0, '.')\n"
    ),
    "pandas_patch": (
        "import pandas, numpy\n"
        "pandas.DataFrame.mean = lambda self, *a, **k: 0.0\n"
        "pandas.Series.mean = lambda self, *a, **k: 0.0\n"
        "numpy.mean = lambda *a, **k: 3.0\n"
    ),
    # -- answers that lie about themselves -------------------------------------------------------------
    "lying_types": (
        "class _Liar:\n"
        "    __class__ = property(lambda self: float)\n"
        "    __float__ = lambda self: 9.0\n"
        "    __eq__ = lambda s, o: True\n"
        "def square(x):\n    return _Liar()\n"
        "gap = _Liar()\nmean = _Liar()\n"
    ),
    "frame_walker": (
        "import sys\n"
        "def square(x):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame is not None:\n"
        "        for key, value in list(frame.f_locals.items()):\n"
        "            if isinstance(value, float) and key in ('expected', 'target', 'want'):\n"
        "                return value\n"
        "        frame = frame.f_back\n"
        "    return 0.0\n"
    ),
    "forged_handover": (
        "import antiplan.grading.boundary as boundary, json\n"
        "def _claim(names, namespace=None):\n"
        "    answers = {n: {'function': {'nargs': 1, 'varargs': False, 'source': ''}} for n in names}\n"
        "    answers.update({'gap': {'value': ['str', 'x' * 10]}, 'mean': {'value': ['float', 'oops']}})\n"
        "    print(boundary.MARKER + json.dumps({'answers': answers, 'economy': None}))\n"
        "def _reply(text, namespace=None):\n"
        "    print(boundary.MARKER + json.dumps({'value': ['float', 9.0]}))\n"
        "boundary.hand_over, boundary.respond = _claim, _reply\n"
    ),
    # -- the feedback ----------------------------------------------------------------------------------
    "prints_tests": (
        "ip = get_ipython()\nimport sys\n"
        "ip.events.register('pre_run_cell', lambda info: print('SEEN:' + info.raw_cell.replace('\\n', ' | ')))\n"
        "ip.events.register('pre_run_cell', lambda info: sys.stderr.write('SEEN:' + info.raw_cell + '\\n'))\n"
    ),
}

PRINTS_TESTS = "prints_tests"
