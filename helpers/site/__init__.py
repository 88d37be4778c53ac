"""Layer 5, site: the build — notebook parameters, execution, the cache, the two editions'
pages and their offline assets. Imports every layer below; only the command line imports it.

``build`` orchestrates; ``parameters``, ``cache`` (with ``imports``: which helpers files a
notebook runs), ``execution`` (with ``forkserver``: the zygote and kernel launcher programs),
``editions`` and ``widgetstate``, ``render`` (with ``templates/``) and ``assets`` each do one
step (``notebook``: reading a notebook, shared by all); ``preview`` serves the site and rebuilds
it as files are saved."""
