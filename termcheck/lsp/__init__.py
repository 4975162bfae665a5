"""``termcheck lsp``: a language server for editors (the optional ``lsp`` extra).

:mod:`.projects` finds a document's configuration and glossary (no editor protocol),
:mod:`.convert` turns findings and concepts into LSP records, :mod:`.server` is the
pygls server. pygls and lsprotocol are imported only when the server starts, so the
other commands never load them.
"""
from __future__ import annotations

from ..errors import TermcheckError


def run(args) -> int:
    """Serve on stdio, or on ``--tcp PORT``, until the client says exit."""
    try:
        from .server import build
    except ImportError as err:
        raise TermcheckError(f"the language server needs pygls and lsprotocol ({err}); "
                             "install them with: pip install 'termcheck[lsp]'") from None
    server = build(debounce=max(0, args.debounce) / 1000)
    if args.tcp is not None:
        import logging

        # pygls ends a TCP session's ``exit`` with SystemExit inside a connection
        # callback, which asyncio would log as an unhandled exception with a traceback
        logging.getLogger("asyncio").addFilter(
            lambda record: not (record.exc_info and isinstance(record.exc_info[1], SystemExit)))
        server.start_tcp(args.host, args.tcp)
    else:
        server.start_io()
    return 0
