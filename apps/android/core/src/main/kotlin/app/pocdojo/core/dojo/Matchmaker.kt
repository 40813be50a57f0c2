package app.pocdojo.core.dojo

import app.pocdojo.core.protocol.DOJO_ROOM_NAME
import app.pocdojo.core.protocol.PROTOCOL_VERSION
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import okhttp3.HttpUrl
import okhttp3.HttpUrl.Companion.toHttpUrl
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Protocol
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import java.io.IOException

/** A reserved seat (docs/protocol.md §3): open the WebSocket right away. */
@Serializable
data class Seat(val name: String, val sessionId: String, val roomId: String, val processId: String, val publicAddress: String? = null)

/** Matchmaking refused (`code` = the dojo error code before the `:`) or unreachable (`status` 0). */
class MatchmakeException(val status: Int, val code: String, message: String, cause: Throwable? = null) : Exception(message, cause)

/** `POST {engineUrl}/matchmake/joinOrCreate/dojo` over HTTP/1.1 (the engine answers an h2c upgrade with 405). */
class Matchmaker(http: OkHttpClient) {
    private val http = http.newBuilder().protocols(listOf(Protocol.HTTP_1_1)).build()

    @Serializable private data class Refusal(val code: Int? = null, val error: String? = null)

    suspend fun joinOrCreate(engineUrl: String, ticket: String, relay: Boolean = false): Seat = withContext(Dispatchers.IO) {
        val body = buildJsonObject {
            put("ticket", ticket)
            put("protocolVersion", PROTOCOL_VERSION)
            put("relay", relay)
        }.toString().toRequestBody("application/json".toMediaType())
        val url = engineUrl.trimEnd('/').toHttpUrl().newBuilder().addPathSegments("matchmake/joinOrCreate/$DOJO_ROOM_NAME").build()
        val response = try {
            http.newCall(Request.Builder().url(url).post(body).build()).execute()
        } catch (e: IOException) {
            throw MatchmakeException(0, "unreachable", "matchmaking at $engineUrl: ${e.message}", e)
        }
        response.use {
            val text = it.body.string()
            if (!it.isSuccessful) {
                val refusal = runCatching { json.decodeFromString(Refusal.serializer(), text) }.getOrNull()
                val error = refusal?.error ?: text.take(200)
                throw MatchmakeException(it.code, error.substringBefore(':').trim(), "matchmaking refused (${it.code}): $error")
            }
            try {
                json.decodeFromString(Seat.serializer(), text)
            } catch (e: IllegalArgumentException) {
                throw MatchmakeException(it.code, "bad_seat", "matchmaking answered something that is not a seat: ${text.take(200)}", e)
            }
        }
    }

    companion object {
        private val json = Json { ignoreUnknownKeys = true }

        /** `ws://{publicAddress or the engine's host}/{processId}/{roomId}?sessionId=…` (+ reconnection). */
        fun socketUrl(engineUrl: String, seat: Seat, reconnectionToken: String? = null): String {
            val engine: HttpUrl = engineUrl.toHttpUrl()
            val scheme = if (engine.isHttps) "wss" else "ws"
            val authority = seat.publicAddress ?: "${engine.host}:${engine.port}"
            val base = "$scheme://$authority/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}"
            return if (reconnectionToken == null) base else "$base&reconnectionToken=$reconnectionToken&skipHandshake=true"
        }
    }
}
