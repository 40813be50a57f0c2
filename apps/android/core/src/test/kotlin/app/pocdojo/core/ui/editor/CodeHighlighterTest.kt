package app.pocdojo.core.ui.editor

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class CodeHighlighterTest {
    /** Each coloured piece of [text] with its kind, in order. */
    private fun tokens(text: String, language: String, path: String): List<Pair<String, TokenKind>> =
        CodeHighlighter.spans(text, language, path).map { text.substring(it.start, it.end) to it.kind }

    @Test
    fun `the file extension wins over the dojo language`() {
        assertEquals(CodeLanguage.PYTHON, CodeHighlighter.languageOf("typescript", "tools/gen.py"))
        assertEquals(CodeLanguage.JAVA, CodeHighlighter.languageOf("go", "src/main/java/kata/FizzBuzz.java"))
        assertEquals(CodeLanguage.GO, CodeHighlighter.languageOf("go", "README"))
        assertEquals(CodeLanguage.TYPESCRIPT, CodeHighlighter.languageOf("typescript", "fizzbuzz.test.ts"))
    }

    @Test
    fun typescript() {
        assertEquals(
            listOf(
                "export" to TokenKind.KEYWORD, "function" to TokenKind.KEYWORD, "number" to TokenKind.TYPE,
                "string" to TokenKind.TYPE, "return" to TokenKind.KEYWORD, "`Fizz\${n}`" to TokenKind.STRING,
                "15" to TokenKind.NUMBER, "// return done" to TokenKind.COMMENT,
            ),
            tokens("export function f(n: number): string { return `Fizz\${n}` + 15; } // return done", "typescript", "f.ts"),
        )
    }

    @Test
    fun python() {
        assertEquals(
            listOf(
                "def" to TokenKind.KEYWORD, "\"\"\"Say it.\ndef\"\"\"" to TokenKind.STRING, "return" to TokenKind.KEYWORD,
                "'Fizz'" to TokenKind.STRING, "if" to TokenKind.KEYWORD, "3" to TokenKind.NUMBER,
                "0" to TokenKind.NUMBER, "else" to TokenKind.KEYWORD, "\"{n}\"" to TokenKind.STRING,
                "# why" to TokenKind.COMMENT,
            ),
            tokens("def fizz(n):\n    \"\"\"Say it.\ndef\"\"\"\n    return 'Fizz' if n % 3 == 0 else f\"{n}\" # why\n", "python", "fizz.py"),
        )
    }

    @Test
    fun java() {
        assertEquals(
            listOf(
                "@Test" to TokenKind.ANNOTATION, "public" to TokenKind.KEYWORD, "class" to TokenKind.KEYWORD,
                "FizzBuzz" to TokenKind.TYPE, "/* int */" to TokenKind.COMMENT, "long" to TokenKind.TYPE,
                "1_000L" to TokenKind.NUMBER, "String" to TokenKind.TYPE, "\"a\\\"b\"" to TokenKind.STRING,
            ),
            tokens("@Test public class FizzBuzz { /* int */ long n = 1_000L; String s = \"a\\\"b\"; }", "java", "FizzBuzz.java"),
        )
    }

    @Test
    fun go() {
        assertEquals(
            listOf(
                "package" to TokenKind.KEYWORD, "func" to TokenKind.KEYWORD, "int" to TokenKind.TYPE,
                "string" to TokenKind.TYPE, "return" to TokenKind.KEYWORD, "`raw\n\\n`" to TokenKind.STRING,
                "0x1F" to TokenKind.NUMBER,
            ),
            tokens("package kata\nfunc Fizz(n int) string { return `raw\n\\n` + 0x1F }", "go", "fizz.go"),
        )
    }

    @Test
    fun `half-typed code ends at the text and spans never overlap`() {
        for (text in listOf("\"open string", "/* open comment", "x = '", "@", "1e+", "a.5")) {
            val spans = CodeHighlighter.spans(text, "java", "A.java")
            assertTrue(spans.all { it.start < it.end && it.end <= text.length }, text)
            assertTrue(spans.zipWithNext().all { (a, b) -> a.end <= b.start }, text)
        }
        assertEquals(emptyList<CodeSpan>(), CodeHighlighter.spans("", "go", "a.go"))
    }
}
