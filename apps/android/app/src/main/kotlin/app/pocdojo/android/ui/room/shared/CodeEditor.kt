package app.pocdojo.android.ui.room.shared

import androidx.compose.foundation.background
import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.BasicTextField
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.drawWithContent
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.SolidColor
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.TextLayoutResult
import androidx.compose.ui.text.TextRange
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.input.OffsetMapping
import androidx.compose.ui.text.input.TextFieldValue
import androidx.compose.ui.text.input.TransformedText
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import app.pocdojo.core.ui.editor.CodeHighlighter
import app.pocdojo.core.ui.room.RemoteCursor
import app.pocdojo.core.ui.room.TextSplice

/**
 * The shared code editor: the document's text with syntax colouring, others'
 * cursors and selections in their colours with their names, and local edits
 * reported as (new text, selection). The text shown follows [text] (the
 * document, with this person's edits it has not applied yet) whenever that
 * changes; the local caret is shifted by remote edits made before it.
 */
@Composable
fun CodeEditor(
    path: String,
    text: String,
    language: String,
    readOnly: Boolean,
    cursors: List<RemoteCursor>,
    texts: RoomTexts,
    onEdit: (newText: String, anchor: Int, head: Int) -> Unit,
    onSelection: (anchor: Int, head: Int) -> Unit,
    modifier: Modifier = Modifier,
) {
    var value by remember(path) { mutableStateOf(TextFieldValue(text)) }
    // Follow the document only when it changes: between a keystroke and the state that carries it, the
    // field is ahead of [text] and must not be put back.
    var shown by remember(path) { mutableStateOf(text) }
    if (text != shown) {
        shown = text
        if (value.text != text) value = follow(value, text)
    }
    var layout by remember { mutableStateOf<TextLayoutResult?>(null) }
    val colors = codeColors()
    val measurer = rememberTextMeasurer()
    val labelStyle = TextStyle(fontSize = 11.sp, color = MaterialTheme.colorScheme.surface)
    val people = cursors.joinToString(", ") { if (it.typing) texts.remoteTyping(it.name) else texts.remoteCursor(it.name) }

    BasicTextField(
        value = value,
        onValueChange = { next ->
            val edited = next.text != value.text
            value = next
            if (edited) onEdit(next.text, next.selection.start, next.selection.end)
            else onSelection(next.selection.start, next.selection.end)
        },
        readOnly = readOnly,
        textStyle = TextStyle(fontFamily = FontFamily.Monospace, fontSize = 14.sp, color = MaterialTheme.colorScheme.onSurface),
        cursorBrush = SolidColor(MaterialTheme.colorScheme.primary),
        visualTransformation = { source ->
            TransformedText(colour(source.text, language, path, colors), OffsetMapping.Identity)
        },
        onTextLayout = { layout = it },
        modifier = modifier
            .fillMaxWidth()
            .background(MaterialTheme.colorScheme.surfaceContainerLow)
            .horizontalScroll(rememberScrollState())
            .padding(12.dp)
            .semantics {
                contentDescription = texts.editor(path)
                if (people.isNotEmpty()) stateDescription = people
            }
            .drawWithContent {
                val laid = layout
                if (laid != null) {
                    val length = laid.layoutInput.text.length
                    for (cursor in cursors) {
                        val color = participantColor(cursor.color)
                        val from = minOf(cursor.anchor, cursor.head).coerceIn(0, length)
                        val to = maxOf(cursor.anchor, cursor.head).coerceIn(0, length)
                        if (from < to) drawPath(laid.getPathForRange(from, to), color.copy(alpha = 0.25f))
                    }
                }
                drawContent()
                if (laid != null) {
                    val length = laid.layoutInput.text.length
                    for (cursor in cursors) {
                        val color = participantColor(cursor.color)
                        val caret = laid.getCursorRect(cursor.head.coerceIn(0, length))
                        drawLine(color, Offset(caret.left, caret.top), Offset(caret.left, caret.bottom), strokeWidth = 2.dp.toPx())
                        val label = measurer.measure(AnnotatedString(if (cursor.typing) "${cursor.name} ✎" else cursor.name), labelStyle)
                        val top = (caret.top - label.size.height).coerceAtLeast(0f)
                        drawRect(color, Offset(caret.left, top), androidx.compose.ui.geometry.Size(label.size.width + 8f, label.size.height.toFloat()))
                        drawText(label, topLeft = Offset(caret.left + 4f, top))
                    }
                }
            },
    )
}

/** [value] moved onto the document's new [text]: the caret keeps its place relative to the text around it. */
private fun follow(value: TextFieldValue, text: String): TextFieldValue {
    val splice = TextSplice.between(value.text, text) ?: return value.copy(text = text)
    fun shift(offset: Int) = when {
        offset <= splice.index -> offset
        offset >= splice.index + splice.deleteCount -> offset + splice.insert.length - splice.deleteCount
        else -> splice.index + splice.insert.length
    }.coerceIn(0, text.length)
    return TextFieldValue(text, TextRange(shift(value.selection.start), shift(value.selection.end)))
}

private fun colour(text: String, language: String, path: String, colors: (app.pocdojo.core.ui.editor.TokenKind) -> androidx.compose.ui.graphics.Color) =
    AnnotatedString.Builder(text).apply {
        for (span in CodeHighlighter.spans(text, language, path)) addStyle(SpanStyle(color = colors(span.kind)), span.start, span.end)
    }.toAnnotatedString()
