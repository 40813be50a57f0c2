package app.pocdojo.core.ui.common

/** How long search-as-you-type waits after the last keystroke before it asks the server. */
const val SEARCH_DEBOUNCE_MS: Long = 250
