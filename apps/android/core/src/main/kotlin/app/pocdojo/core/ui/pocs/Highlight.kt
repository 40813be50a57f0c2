package app.pocdojo.core.ui.pocs

/** A piece of a search highlight; [marked] pieces matched the query. */
data class HighlightPart(val text: String, val marked: Boolean)

/**
 * Splits a search highlight (HTML-escaped text with matches in `<mark>…</mark>`)
 * into plain pieces, so screens style matches without rendering HTML.
 */
fun parseHighlight(html: String): List<HighlightPart> {
    val parts = mutableListOf<HighlightPart>()
    var rest = html
    var marked = false
    while (rest.isNotEmpty()) {
        val tag = if (marked) "</mark>" else "<mark>"
        val at = rest.indexOf(tag)
        val piece = if (at < 0) rest else rest.substring(0, at)
        if (piece.isNotEmpty()) parts += HighlightPart(unescape(piece), marked)
        if (at < 0) break
        rest = rest.substring(at + tag.length)
        marked = !marked
    }
    return parts
}

private fun unescape(text: String) = text
    .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
    .replace("&amp;", "&")
