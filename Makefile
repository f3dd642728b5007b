# nnla — the two commands are `make lab` and `make test`; everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
BENCH_STAMP   := $(VENV)/.installed-bench
BROWSER_STAMP := $(VENV)/.installed-browser
# Jupyter refuses to run as root unless told it may (CI and containers run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB := $(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(ROOT_FLAG)
NBVAL := --nbval --nbval-current-env --nbval-cell-timeout=300
NOTEBOOKS := $(wildcard notebooks/*.ipynb)
# The exact versions the notebooks were executed and tested with (`make lock` refreshes it).
LOCK := constraints.txt
PIP_INSTALL := $(BIN)/python -m pip install -c $(LOCK)

.PHONY: lab lab-check test test-unit test-notebooks test-portable test-install test-browser \
        test-nbgrader screenshots handouts chromium notebooks coverage bench bench-notebooks bench-browser \
        install lock clean instructor student nbgrader

lab: $(STAMP)            ## install if needed, then open JupyterLab on the course
	$(LAB)

test: $(STAMP)           ## install if needed, then run every test (unit + notebooks)
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore=tests/nbgrader $(NOTEBOOKS) $(NBVAL)

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore=tests/nbgrader

test-notebooks: $(STAMP)
	$(BIN)/python -m pytest $(NOTEBOOKS) $(NBVAL)

test-portable: $(STAMP)  ## every notebook under nbval on 2 OpenBLAS kernels x 1 and 2 threads
	$(BIN)/python tools/portable.py

test-install: $(STAMP)   ## the wheel installed outside the checkout; the JupyterHub path (-e, NNLA_DATA_DIR)
	$(BIN)/python tools/install_check.py

lab-check: $(STAMP)      ## start the `make lab` server headless, check it answers, stop it
	$(BIN)/python tools/lab_check.py -- $(LAB)

test-browser: $(BROWSER_STAMP) chromium   ## every notebook in JupyterLab in Chromium, clicked
	$(BIN)/python -m pytest tests/browser

# nbgrader's own generate_assignment and autograde on the course, in a virtualenv of its own
# (the package installed from a wheel, with the optional `nbgrader` extra), so that nbgrader's
# dependencies never enter the course's environment.
NBGRADER_VENV := build/nbgrader-venv
test-nbgrader: $(STAMP)
	test -x $(NBGRADER_VENV)/bin/python || $(PYTHON) -m venv $(NBGRADER_VENV)
	$(NBGRADER_VENV)/bin/python -m pip install -q -c $(LOCK) ".[dev,nbgrader]"
	$(NBGRADER_VENV)/bin/python -m pytest tests/nbgrader

# The teacher's copies, under build/ (tools/classroom.py; README: Teaching with nnla).
instructor: $(STAMP)     ## build/instructor/: every notebook with its worked solutions, executed
	$(BIN)/python tools/classroom.py instructor

student: $(STAMP)        ## build/student/: the copies to hand out, exercise outputs cleared
	$(BIN)/python tools/classroom.py student

nbgrader: $(STAMP)       ## build/nbgrader/source/nnla/: the source notebooks for nbgrader
	$(BIN)/python tools/classroom.py nbgrader

screenshots: $(BROWSER_STAMP) chromium    ## regenerate the README tour (docs/images/)
	$(BIN)/python tools/screenshots.py

handouts: $(BROWSER_STAMP) chromium       ## one HTML and one A4 PDF per notebook, in build/handouts/
	$(BIN)/python tools/handouts.py

# Debian's Chromium (never a browser downloaded by Playwright); installed when we are root.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        echo "Installing Debian's chromium for the browser test..."; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	    else \
	        echo "The browser test needs Debian's Chromium at /usr/bin/chromium:"; \
	        echo "    sudo apt-get install chromium"; \
	        exit 1; \
	    fi; \
	fi

notebooks: $(STAMP)      ## re-execute every notebook in place, top to bottom, fresh kernel
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=600 $(NOTEBOOKS)
	$(BIN)/python tools/merge_streams.py $(NOTEBOOKS)
	$(BIN)/python tools/slides.py
	$(BIN)/python tools/essay_coverage.py

coverage: $(STAMP)       ## rebuild docs/essay_coverage.md (essay items → notebook cells)
	$(BIN)/python tools/essay_coverage.py

bench: $(BENCH_STAMP)    ## speed benchmarks (installs PyTorch's CPU build for comparison)
	$(BIN)/python benchmarks/mnist_mlp.py
	$(BIN)/python benchmarks/widget_frames.py
	$(BIN)/python benchmarks/blas_threads.py
	$(BIN)/python benchmarks/memory_kept.py
	$(BIN)/python benchmarks/notebook_load.py

bench-browser: $(BROWSER_STAMP) chromium  ## click → picture and Play rate in Chromium, quiet and with 2 competing processes
	$(BIN)/python benchmarks/browser_latency.py

bench-notebooks: $(STAMP)  ## each notebook's run time, quiet and with 2 competing processes
	$(BIN)/python benchmarks/blas_threads.py
	$(BIN)/python benchmarks/notebook_load.py

install: $(STAMP)

# Re-install only when pyproject.toml or the lock changed (or the venv is new).
$(STAMP): pyproject.toml $(LOCK) jupyter-config/nnla_lab.json
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 10) else \
	    "nnla needs Python >= 3.10 but $(PYTHON) is %d.%d; run make PYTHON=python3.11 (or newer)" % v[:2])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e ".[dev]"
	@# an editable install leaves out the package's data files: the server's setting (nnla_lab)
	install -D -m 644 jupyter-config/nnla_lab.json $(VENV)/etc/jupyter/jupyter_server_config.d/nnla_lab.json
	touch $@

$(BROWSER_STAMP): $(STAMP)
	$(PIP_INSTALL) -e ".[dev,browser]"
	touch $@

$(BENCH_STAMP): $(STAMP)
	$(PIP_INSTALL) -e ".[dev,bench]"
	touch $@

# Re-resolve every dependency (within pyproject.toml's ranges) to the newest release, for
# every Python from 3.10 on. Then run `make notebooks test test-portable` and commit both.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv>=0.5"
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra browser --extra nbgrader --universal \
	    --python-version 3.10 --no-header --no-annotate -o $(LOCK).new
	{ printf '%s\n' "# The exact versions \`make lab\` and \`make test\` install (pip -c): the notebooks were" \
	    "# executed and tested with the python_full_version == '3.11.*' rows. Made by \`make lock\`" \
	    "# from pyproject.toml, which keeps ranges for anyone installing into their own environment."; \
	  cat $(LOCK).new; } > $(LOCK) && rm $(LOCK).new

clean:                   ## remove the virtualenv and caches (not the notebooks' outputs)
	rm -rf $(VENV) build .pytest_cache .hypothesis *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name .ipynb_checkpoints -type d -prune -exec rm -rf {} +
