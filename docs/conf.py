"""Sphinx configuration: MyST-NB (notebooks executed on every build) and furo."""

from importlib.metadata import version as _version

project = "syria_russia_corpus"
author = "The syria_russia_corpus developers"
copyright = "2026, The syria_russia_corpus developers"  # noqa: A001
release = _version("syria-russia-corpus")
version = release

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]

# Notebooks run in a real Jupyter kernel on every build, so their examples never rot.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "furo"
html_title = "syria_russia_corpus"
