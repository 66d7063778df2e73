"""The approval graph: one thread per proposal waits in a LangGraph ``interrupt`` for a human decision."""
