package app.pocdojo.core.ui.room

/** One replacement in a text: delete [deleteCount] UTF-16 units at [index], then insert [insert]. */
data class TextSplice(val index: Int, val deleteCount: Int, val insert: String) {
    companion object {
        /**
         * The single splice that turns [before] into [after] (common prefix and suffix
         * kept): a text field reports whole new values, the document wants splices.
         * Null when nothing changed. Never cuts a surrogate pair in two.
         */
        fun between(before: String, after: String): TextSplice? {
            if (before == after) return null
            var prefix = 0
            val maxPrefix = minOf(before.length, after.length)
            while (prefix < maxPrefix && before[prefix] == after[prefix]) prefix++
            if (prefix > 0 && Character.isHighSurrogate(before[prefix - 1])) prefix--
            var suffix = 0
            val maxSuffix = minOf(before.length, after.length) - prefix
            while (suffix < maxSuffix && before[before.length - 1 - suffix] == after[after.length - 1 - suffix]) suffix++
            if (suffix > 0 && Character.isLowSurrogate(before[before.length - suffix])) suffix--
            return TextSplice(prefix, before.length - prefix - suffix, after.substring(prefix, after.length - suffix))
        }
    }
}
