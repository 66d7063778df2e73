"""One module per proposal kind, each holding its ``SPEC`` (``base.KindSpec``); ``agents.approval.registry``
lists them."""
