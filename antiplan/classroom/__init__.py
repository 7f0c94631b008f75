"""A demo class on this machine: JupyterHub, nbgrader's exchange and local accounts.

``antiplan classroom start`` (``make classroom``) and ``antiplan classroom stop`` (``make classroom-stop``).
One idea per module: ``layout`` (where everything lives), ``accounts`` (the local Unix users),
``proxy`` (Node and configurable-http-proxy), ``coursecopy`` (the instructor's course directory),
``jupyterconfig`` (what each side's Jupyter reads), ``hubconfig`` (the hub's configuration),
``hub`` (starting, waiting for and stopping the hub), ``command`` (the command line).
"""
