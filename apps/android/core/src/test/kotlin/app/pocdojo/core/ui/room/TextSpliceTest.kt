package app.pocdojo.core.ui.room

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class TextSpliceTest {
    private fun apply(text: String, s: TextSplice) = text.substring(0, s.index) + s.insert + text.substring(s.index + s.deleteCount)

    @Test
    fun `insert, delete and replace become one minimal splice`() {
        assertEquals(TextSplice(3, 0, "X"), TextSplice.between("abcdef", "abcXdef"))
        assertEquals(TextSplice(2, 2, ""), TextSplice.between("abcdef", "abef"))
        assertEquals(TextSplice(1, 3, "ZZ"), TextSplice.between("abcde", "aZZe"))
        assertEquals(TextSplice(0, 0, "new "), TextSplice.between("text", "new text"))
        assertNull(TextSplice.between("same", "same"))
    }

    @Test
    fun `repeated letters are resolved consistently`() {
        val splice = TextSplice.between("aaa", "aaaa")!!
        assertEquals("aaaa", apply("aaa", splice))
        assertEquals(1, splice.insert.length)
    }

    @Test
    fun `never splits a surrogate pair`() {
        // 😀 = D83D DE00, 😃 = D83D DE03: same high surrogate.
        val before = "x\uD83D\uDE00y"
        val after = "x\uD83D\uDE03y"
        val splice = TextSplice.between(before, after)!!
        assertEquals(TextSplice(1, 2, "\uD83D\uDE03"), splice)
        assertEquals(after, apply(before, splice))
    }
}
