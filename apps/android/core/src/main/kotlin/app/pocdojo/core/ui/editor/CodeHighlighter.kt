package app.pocdojo.core.ui.editor

/** What a stretch of code is, for colouring; the theme picks the colours. */
enum class TokenKind { KEYWORD, TYPE, STRING, NUMBER, COMMENT, ANNOTATION }

/** [start] inclusive, [end] exclusive, in UTF-16 units of the text. */
data class CodeSpan(val start: Int, val end: Int, val kind: TokenKind)

/**
 * Syntax colouring for the kata languages (TypeScript, Python, Java, Go): one
 * pass over the text, spans sorted and never overlapping, so a keyword inside a
 * string or a comment stays string or comment. Colouring, not parsing: it must be
 * fast on every keystroke and forgiving of half-typed code.
 *
 * Written here rather than taken from a library: the Highlights library (the
 * Kotlin one on Maven Central) ships Java 21 bytecode, and this core builds and
 * runs its tests on JDK 17.
 */
object CodeHighlighter {
    /** The language of [path] by its extension, else the dojo's [dojoLanguage]. */
    fun languageOf(dojoLanguage: String, path: String): CodeLanguage =
        when (path.substringAfterLast('.', "").lowercase()) {
            "ts", "tsx", "js", "mjs", "jsx" -> CodeLanguage.TYPESCRIPT
            "py" -> CodeLanguage.PYTHON
            "java" -> CodeLanguage.JAVA
            "go" -> CodeLanguage.GO
            else -> CodeLanguage.entries.firstOrNull { it.id == dojoLanguage } ?: CodeLanguage.TYPESCRIPT
        }

    fun spans(text: String, dojoLanguage: String, path: String): List<CodeSpan> =
        Scanner(text, languageOf(dojoLanguage, path)).scan()

    private class Scanner(private val text: String, private val lang: CodeLanguage) {
        private val out = mutableListOf<CodeSpan>()
        private var i = 0

        fun scan(): List<CodeSpan> {
            while (i < text.length) {
                val c = text[i]
                when {
                    text.startsWith(lang.lineComment, i) -> span(lineEnd(i), TokenKind.COMMENT)
                    lang.blockComments && text.startsWith("/*", i) -> span(until("*/", i + 2), TokenKind.COMMENT)
                    lang == CodeLanguage.PYTHON && (text.startsWith("\"\"\"", i) || text.startsWith("'''", i)) ->
                        span(until(text.substring(i, i + 3), i + 3), TokenKind.STRING)
                    lang == CodeLanguage.JAVA && text.startsWith("\"\"\"", i) -> span(until("\"\"\"", i + 3), TokenKind.STRING)
                    c in lang.quotes -> span(stringEnd(c), TokenKind.STRING)
                    c == '@' && i + 1 < text.length && text[i + 1].isJavaIdentifierStart() ->
                        span(identEnd(i + 1), TokenKind.ANNOTATION)
                    c.isDigit() || (c == '.' && i + 1 < text.length && text[i + 1].isDigit()) -> span(numberEnd(), TokenKind.NUMBER)
                    c.isJavaIdentifierStart() -> word()
                    else -> i++
                }
            }
            return out
        }

        private fun span(end: Int, kind: TokenKind) {
            val stop = end.coerceIn(i + 1, text.length)
            out += CodeSpan(i, stop, kind)
            i = stop
        }

        private fun lineEnd(from: Int) = text.indexOf('\n', from).let { if (it < 0) text.length else it }

        /** Just past [close] searched from [from], or the end of the text when unterminated. */
        private fun until(close: String, from: Int) = text.indexOf(close, from).let { if (it < 0) text.length else it + close.length }

        private fun stringEnd(quote: Char): Int {
            var j = i + 1
            val multiline = quote == '`'
            while (j < text.length) {
                val c = text[j]
                if (c == '\\' && quote != '`' || (c == '\\' && lang == CodeLanguage.TYPESCRIPT)) {
                    j += 2
                    continue
                }
                if (c == quote) return j + 1
                if (c == '\n' && !multiline) return j
                j++
            }
            return text.length
        }

        private fun numberEnd(): Int {
            var j = i
            while (j < text.length && (text[j].isLetterOrDigit() || text[j] == '_' || text[j] == '.' ||
                    ((text[j] == '+' || text[j] == '-') && j > i && text[j - 1].lowercaseChar() == 'e' && !text.startsWith("0x", i, true)))
            ) j++
            return j
        }

        private fun identEnd(from: Int): Int {
            var j = from
            while (j < text.length && text[j].isJavaIdentifierPart()) j++
            return j
        }

        private fun word() {
            val end = identEnd(i)
            val word = text.substring(i, end)
            when {
                word in lang.keywords -> span(end, TokenKind.KEYWORD)
                lang == CodeLanguage.PYTHON && end < text.length && text[end] in "'\"" && word.lowercase().all { it in "rbfu" } ->
                    i = end // a string prefix (f"…", r'…'): the string follows
                // Capitalised names are types in TypeScript and Java; in Go they are merely exported.
                word[0].isUpperCase() && lang.capitalisedTypes || word in lang.builtinTypes -> span(end, TokenKind.TYPE)
                else -> i = end
            }
        }
    }
}

/** The kata languages, with what the scanner needs to know of each. */
enum class CodeLanguage(
    val id: String,
    val keywords: Set<String>,
    val builtinTypes: Set<String>,
    val lineComment: String,
    val blockComments: Boolean,
    val quotes: String,
    val capitalisedTypes: Boolean,
) {
    TYPESCRIPT(
        "typescript",
        setOf(
            "abstract", "as", "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
            "declare", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
            "from", "function", "get", "if", "implements", "import", "in", "instanceof", "interface", "keyof", "let",
            "new", "null", "of", "private", "protected", "public", "readonly", "return", "set", "static", "super",
            "switch", "this", "throw", "true", "try", "type", "typeof", "undefined", "var", "void", "while", "yield",
        ),
        setOf("string", "number", "boolean", "any", "unknown", "never", "object", "bigint", "symbol"),
        "//", true, "'\"`", true,
    ),
    PYTHON(
        "python",
        setOf(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "match", "case", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        ),
        setOf("int", "str", "float", "bool", "list", "dict", "set", "tuple", "bytes", "object"),
        "#", false, "'\"", false,
    ),
    JAVA(
        "java",
        setOf(
            "abstract", "assert", "break", "case", "catch", "class", "const", "continue", "default", "do", "else",
            "enum", "extends", "false", "final", "finally", "for", "goto", "if", "implements", "import",
            "instanceof", "interface", "native", "new", "null", "package", "private", "protected", "public",
            "record", "return", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
            "transient", "true", "try", "var", "void", "volatile", "while", "yield",
        ),
        setOf("boolean", "byte", "char", "double", "float", "int", "long", "short"),
        "//", true, "'\"", true,
    ),
    GO(
        "go",
        setOf(
            "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
            "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
            "switch", "type", "var", "true", "false", "nil",
        ),
        setOf(
            "bool", "byte", "error", "float32", "float64", "int", "int8", "int16", "int32", "int64", "rune",
            "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any",
        ),
        "//", true, "'\"`", false,
    ),
}
