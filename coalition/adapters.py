from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: a project lead invites people."""

    def is_open_for_signup(self, request) -> bool:
        return False
