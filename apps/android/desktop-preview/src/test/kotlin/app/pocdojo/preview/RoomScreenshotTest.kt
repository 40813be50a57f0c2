package app.pocdojo.preview

import org.jetbrains.skia.Bitmap
import org.jetbrains.skia.Image
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/** Renders the room to PNG (kept under target/screenshots to look at) and checks what was drawn, pixel by pixel. */
class RoomScreenshotTest {
    private fun pixels(png: ByteArray): Map<Int, Int> {
        val bitmap = Bitmap.makeFromImage(Image.makeFromEncoded(png))
        val counts = HashMap<Int, Int>()
        for (y in 0 until bitmap.height) for (x in 0 until bitmap.width) {
            val rgb = bitmap.getColor(x, y) and 0xFFFFFF
            counts[rgb] = (counts[rgb] ?: 0) + 1
        }
        return counts
    }

    @Test
    fun `the code tab draws syntax colours and each remote cursor in its owner's colour`() {
        val png = renderRoom(NavigatorView, tab = 0)
        File(System.getProperty("screenshots.dir", "target/screenshots")).apply { mkdirs() }
            .resolve("room-code-navigator.png").writeBytes(png)
        val counts = pixels(png)
        val count = { rgb: Int -> counts[rgb] ?: 0 }
        assertTrue(count(0xE6194B) > 200, "Ada's caret and name label in #e6194b")
        assertTrue(count(0xF58231) > 200, "Fay's caret and name label in #f58231")
        assertTrue(count(0x7B1FA2) > 50, "keywords in the light theme's keyword colour")
        assertTrue(count(0x2E7D32) > 50, "strings in the string colour")
        assertEquals(0, count(0x3CB44B), "Bo's own cursor is not drawn")
    }
}
