package app.pocdojo.core

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.io.File

/** The repository root (set by the pom; Maven runs tests from apps/android/core). */
val repoRoot: File = File(System.getProperty("pocdojo.repoRoot") ?: "../../..").canonicalFile

fun ByteArray.hex(): String = joinToString("") { "%02x".format(it) }
fun String.unhex(): ByteArray = chunked(2).map { it.toInt(16).toByte() }.toByteArray()

/** JSON equality where numbers compare by value (MessagePack float64 1.0E12 equals JSON 1000000000000). */
fun sameJson(a: JsonElement, b: JsonElement): Boolean = when {
    a is JsonNull || b is JsonNull -> a == b
    a is JsonPrimitive && b is JsonPrimitive ->
        if (a.isString || b.isString) a.isString == b.isString && a.content == b.content
        else a.content == b.content || a.content.toDoubleOrNull()?.let { it == b.content.toDoubleOrNull() } == true
    a is JsonArray && b is JsonArray -> a.size == b.size && a.indices.all { sameJson(a[it], b[it]) }
    a is JsonObject && b is JsonObject -> a.keys == b.keys && a.keys.all { sameJson(a[it]!!, b[it]!!) }
    else -> false
}
