"""Sources of parallel text: the synthetic demo, a user's own files, gettext catalogs of
PyPI wheels, and the paper's IWSLT'17 and WMT'14 corpora (`build.build_corpus` dispatches)."""
