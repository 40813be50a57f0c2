package app.pocdojo.core.ui.common

/**
 * An error as a screen shows it. Screens map each case to a translated string; a
 * [Problem] also carries the server's per-field messages so forms can put them
 * under the right field.
 */
sealed interface UiError {
    /** An `application/problem+json` answer: [code] is the stable machine code. */
    data class Problem(
        val status: Int,
        val code: String,
        val title: String,
        val detail: String?,
        val fields: Map<String, String> = emptyMap(),
    ) : UiError

    /** The server could not be reached (no network, timeout, refused connection). */
    data object Network : UiError

    /** Anything else; [message] is for logs, not for people. */
    data class Unexpected(val message: String?) : UiError

    /** The message for form field [name], when the server named it. */
    fun field(name: String): String? = (this as? Problem)?.fields?.get(name)
}
