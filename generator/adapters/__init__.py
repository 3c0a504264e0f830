"""The adapters: staging the pages for an engine, the engines (MkDocs, ProperDocs) in child processes, the render
cache, the engine's build split over the cores, the MkDocs plugin, the crash-safe publish, and the command line."""
