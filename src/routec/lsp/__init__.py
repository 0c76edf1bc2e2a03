"""The language server: `routec lsp` speaks LSP over stdio. Imported only by that command."""
