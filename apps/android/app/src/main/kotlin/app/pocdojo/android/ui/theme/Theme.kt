package app.pocdojo.android.ui.theme

import android.os.Build
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.dynamicDarkColorScheme
import androidx.compose.material3.dynamicLightColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.LocalContext

private val Brand = Color(0xFF1F5E4B)

private val Light = lightColorScheme(primary = Brand, secondary = Color(0xFF8A5A00), tertiary = Color(0xFF3F51B5))
private val Dark = darkColorScheme(primary = Color(0xFF8CD5B8), secondary = Color(0xFFF2BF63), tertiary = Color(0xFFB9C3FF))

/** Material 3 with the brand colours, or the wallpaper's on Android 12+. */
@Composable
fun PocDojoTheme(dark: Boolean = isSystemInDarkTheme(), content: @Composable () -> Unit) {
    val scheme = when {
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.S ->
            if (dark) dynamicDarkColorScheme(LocalContext.current) else dynamicLightColorScheme(LocalContext.current)
        dark -> Dark
        else -> Light
    }
    MaterialTheme(colorScheme = scheme, content = content)
}
