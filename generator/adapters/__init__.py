"""The adapters: staging the pages for an engine, the engines (MkDocs, ProperDocs) in child processes, the render
cache and its prewarm workers, the MkDocs plugin, the crash-safe publish, and the command line."""
