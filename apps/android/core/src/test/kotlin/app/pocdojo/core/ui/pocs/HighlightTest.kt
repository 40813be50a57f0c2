package app.pocdojo.core.ui.pocs

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class HighlightTest {
    @Test
    fun `splits marks and unescapes the text once`() {
        assertEquals(
            listOf(
                HighlightPart("A ", false), HighlightPart("Kubernetes", true), HighlightPart(" op & <b>", false),
                HighlightPart("&amp;", true),
            ),
            parseHighlight("A <mark>Kubernetes</mark> op &amp; &lt;b&gt;<mark>&amp;amp;</mark>"),
        )
    }

    @Test
    fun `text without marks is one plain part, and an unclosed mark runs to the end`() {
        assertEquals(listOf(HighlightPart("plain", false)), parseHighlight("plain"))
        assertEquals(listOf(HighlightPart("a", false), HighlightPart("b", true)), parseHighlight("a<mark>b"))
        assertEquals(emptyList<HighlightPart>(), parseHighlight(""))
    }
}
