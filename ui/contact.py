"""The reminder to set a contact for Wikipedia's User-Agent: shown once per session, on the
first page that has it (Settings or Sources), not on every visit; the Settings page keeps the
field and the User-Agent sent, which say it without a warning."""

from __future__ import annotations

import streamlit as st

from checks.sources import wikipedia
from checks.sources.wikiclient import user_agent
from checks.store import Store
from ui import state
from ui.markdown import code, md

WHERE_SETTINGS = "below, under Wikipedia"
WHERE_OTHER = "on the Settings page"


def remind_contact(store: Store, *, where: str = WHERE_OTHER) -> bool:
    """Warn that no contact is set, unless one is or the warning was shown before in this
    session; True when it was shown now."""
    if store.setting(wikipedia.SETTING_CONTACT):
        return False
    if st.session_state.get(state.CONTACT_SHOWN):
        return False
    st.session_state[state.CONTACT_SHOWN] = True
    st.warning(
        f"Set a contact (an e-mail address or a web page) for Wikipedia's User-Agent {md(where)}: "
        f"Wikimedia asks every tool for one. Until then requests say {code(user_agent(''))}, "
        "which is fine for trying the demo. (This reminder shows once per session.)",
        icon=":material/contact_mail:",
    )
    return True
