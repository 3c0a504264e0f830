"""乡镇（街道）应急管理执法知识库: data → model → Markdown pages, with a thin MkDocs adapter."""

__version__ = "0.1.0"
