"""The error the LLM client raises when the endpoint refuses a request for good (bad key, unknown model, a
parameter or a prompt it rejects). Import-light on purpose: the CLI catches it in every command
(``afflow.clikit.user_errors``) without importing ``openai``.
"""

from __future__ import annotations


class LLMRefused(Exception):
    """No retry or offline fallback fixes this: the run stops, naming the model, the endpoint and what the
    server said, so the operator can fix the key, the model name or the prompt."""

    code = "llm_refused"

    def __init__(self, *, model: str, endpoint: str, status: int, server_message: str) -> None:
        self.model = model
        self.endpoint = endpoint
        self.status = status
        self.server_message = server_message
        super().__init__(str(self))

    def __str__(self) -> str:
        return (f"the LLM endpoint {self.endpoint} refused model {self.model!r} "
                f"(HTTP {self.status}): {self.server_message}")

    def details(self) -> dict[str, object]:
        return {"model": self.model, "endpoint": self.endpoint, "status": self.status,
                "server_message": self.server_message}
