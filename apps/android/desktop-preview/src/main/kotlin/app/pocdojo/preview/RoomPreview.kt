package app.pocdojo.preview

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.lightColorScheme
import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.unit.Density
import app.pocdojo.android.ui.room.shared.DojoRoomContent
import app.pocdojo.core.ui.room.RoomUiState
import org.jetbrains.skia.EncodedImageFormat
import java.io.File
import kotlin.system.exitProcess
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

private val time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC)

/** A phone-sized frame (411 × 891 dp at 2.625 px/dp, like a Pixel) of the room, rendered off-screen by Skia, as PNG. */
fun renderRoom(state: RoomUiState, tab: Int): ByteArray {
    val scene = ImageComposeScene(width = 1079, height = 2339, density = Density(2.625f)) {
        MaterialTheme(colorScheme = lightColorScheme(primary = Color(0xFF1F5E4B))) {
            Surface {
                DojoRoomContent(state, EnglishRoomTexts, NoActions, time = { time.format(Instant.ofEpochMilli(it)) }, initialTab = tab)
            }
        }
    }
    try {
        scene.render() // first frame lays out; the second draws what effects and text layout settled
        val image = scene.render(1_000_000_000)
        return requireNotNull(image.encodeToData(EncodedImageFormat.PNG)) { "PNG encoding failed" }.bytes
    } finally {
        scene.close()
    }
}

private fun render(state: RoomUiState, tab: Int, out: File) {
    out.writeBytes(renderRoom(state, tab))
    println("wrote ${out.path}")
}

/** Renders the room's three tabs, as a navigator and as the facilitator, into the folder given (default `target/screenshots`). */
fun main(args: Array<String>) {
    val dir = File(args.firstOrNull() ?: "target/screenshots").apply { mkdirs() }
    render(NavigatorView, 0, dir.resolve("room-code-navigator.png"))
    render(NavigatorView, 2, dir.resolve("room-chat.png"))
    render(FacilitatorView, 1, dir.resolve("room-people-facilitator.png"))
    exitProcess(0) // Skia and coroutine threads would keep the JVM alive
}
