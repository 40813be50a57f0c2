package app.pocdojo.android.ui.room.shared

import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.luminance
import app.pocdojo.core.ui.editor.TokenKind

/** Syntax colours for the editor, readable on the current surface (light or dark). */
@Composable
fun codeColors(): (TokenKind) -> Color {
    val dark = MaterialTheme.colorScheme.surface.luminance() < 0.5f
    return { kind ->
        when (kind) {
            TokenKind.KEYWORD -> if (dark) Color(0xFFC792EA) else Color(0xFF7B1FA2)
            TokenKind.TYPE -> if (dark) Color(0xFF82AAFF) else Color(0xFF1565C0)
            TokenKind.STRING -> if (dark) Color(0xFFC3E88D) else Color(0xFF2E7D32)
            TokenKind.NUMBER -> if (dark) Color(0xFFF78C6C) else Color(0xFFBF360C)
            TokenKind.COMMENT -> if (dark) Color(0xFF8A94A6) else Color(0xFF6A737D)
            TokenKind.ANNOTATION -> if (dark) Color(0xFFFFCB6B) else Color(0xFF8D6E00)
        }
    }
}
