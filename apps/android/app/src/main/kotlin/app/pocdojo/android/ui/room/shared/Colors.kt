package app.pocdojo.android.ui.room.shared

import androidx.compose.ui.graphics.Color

/** A participant's `#rrggbb` colour from the server; grey when it is not one. */
fun participantColor(hex: String): Color {
    val rgb = hex.removePrefix("#").takeIf { it.length == 6 }?.toLongOrNull(16) ?: return Color.Gray
    return Color(0xFF000000 or rgb)
}
