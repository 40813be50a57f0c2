package app.pocdojo.core.protocol

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.decodeFromJsonElement
import kotlinx.serialization.json.put

/**
 * The dojo messages (docs/protocol.md §7, common/src/dojo-protocol/messages.ts). Every timestamp and
 * duration is a Double: the server's msgpackr writes them as float64 (§16).
 */
const val PROTOCOL_VERSION = 1
const val DOJO_ROOM_NAME = "dojo"

object ClientMessageType {
    const val SYNC = "sync"
    const val CHANGES = "changes"
    const val PRESENCE = "presence"
    const val CHAT = "chat"
    const val COMMAND = "command"
    const val RUN = "run"
    const val VOICE = "voice"
    const val DRIVE_REQUEST = "drive.request"
    const val DRIVE_ACCEPT = "drive.accept"
}

object ServerMessageType {
    const val WELCOME = "welcome"
    const val SYNC = "sync"
    const val CHANGES = "changes"
    const val RESET = "reset"
    const val PRESENCE = "presence"
    const val CHAT = "chat"
    const val ANNOUNCE = "announce"
    const val ERROR = "error"
    const val STATE = "state"
    const val RUN = "run"
    const val RUNS = "runs"
    const val VOICE = "voice"
    const val DRIVE_REQUESTED = "drive.requested"
}

/** `drive.requested`: someone asked to drive (docs/protocol.md §7.5). */
@Serializable
data class DriveRequested(val userId: String, val name: String, val at: Double, val expiresAt: Double)

@Serializable
data class ChatMessage(val id: String, val userId: String, val name: String, val text: String, val at: Double)

@Serializable
data class Welcome(
    val protocolVersion: Int,
    val sessionId: String,
    val userId: String,
    val role: String,
    val color: String,
    val relay: Boolean,
    val chat: List<ChatMessage>,
    val serverTime: Double,
)

@Serializable
data class PresenceEntry(
    val file: String?,
    val anchor: Long?,
    val head: Long?,
    val typing: Boolean,
    val sessionId: String,
    val userId: String,
    val name: String,
    val color: String,
)

@Serializable
data class PresenceBatch(val updates: List<PresenceEntry>, val removed: List<String>)

/** `announce`: rotation, timer, joined/left/removed; fields absent for a kind are null. */
@Serializable
data class Announcement(
    val kind: String,
    val at: Double,
    val reason: String? = null,
    val driverUserId: String? = null,
    val driverName: String? = null,
    val status: String? = null,
    val remainingMs: Double? = null,
    val byUserId: String? = null,
    val userId: String? = null,
    val name: String? = null,
)

@Serializable
data class ErrorMessage(val code: String, val message: String, val ref: String? = null)

@Serializable
data class TimerState(
    val status: String,
    val durationMs: Double,
    val remainingMs: Double,
    val endsAt: Double,
    val nextRotationAt: Double,
)

@Serializable
data class ParticipantState(
    val sessionId: String,
    val userId: String,
    val name: String,
    val role: String,
    val seat: String,
    val connection: String,
    val color: String,
)

@Serializable
data class RoomSnapshot(
    val dojoId: String,
    val title: String,
    val language: String,
    val kataId: String,
    val editPolicy: String,
    val durationMinutes: Double,
    val rotationMinutes: Double,
    val driverUserId: String,
    val timer: TimerState,
    val participants: List<ParticipantState>,
)

/** A test run and its traffic light (docs/protocol.md §7.3); `colour` is null until `status` is "done". */
@Serializable
data class TestRun(
    val runId: String,
    val status: String,
    val language: String,
    val byUserId: String,
    val byName: String,
    val requestedAt: Double,
    val startedAt: Double?,
    val finishedAt: Double?,
    val heads: List<String>,
    val colour: String?,
    val reason: String?,
    val summary: String,
    val failingTests: List<String>,
    val output: String,
    val outputTruncated: Boolean,
    val durationMs: Double?,
)

@Serializable
data class TestRunList(val runs: List<TestRun>)

/** One member of the dojo's voice channel (docs/protocol.md §7.4). */
@Serializable
data class VoiceMember(val sessionId: String, val userId: String, val name: String, val muted: Boolean, val speaking: Boolean)

@Serializable
data class IceServer(val urls: List<String>, val username: String? = null, val credential: String? = null)

/**
 * A `voice` message: `roster` (to everyone), or `joined` / `signal` (to one session). This client shows the
 * roster; talking (WebRTC) is in the web app for now, so it never joins and never receives the other two.
 */
@Serializable
data class VoiceEvent(
    val action: String,
    val members: List<VoiceMember>? = null,
    val iceServers: List<IceServer>? = null,
    val from: String? = null,
    val signal: JsonObject? = null,
)

/** A message from the server, typed. */
sealed interface ServerMessage {
    data class WelcomeMsg(val welcome: Welcome) : ServerMessage
    data class State(val snapshot: RoomSnapshot) : ServerMessage
    data class Presence(val batch: PresenceBatch) : ServerMessage
    data class Chat(val message: ChatMessage) : ServerMessage
    data class Announce(val announcement: Announcement) : ServerMessage
    data class Error(val error: ErrorMessage) : ServerMessage
    class Sync(val bytes: ByteArray) : ServerMessage
    class Changes(val changes: List<ByteArray>) : ServerMessage
    class Reset(val document: ByteArray) : ServerMessage
    data class Run(val run: TestRun) : ServerMessage
    data class Runs(val list: TestRunList) : ServerMessage
    data class Voice(val event: VoiceEvent) : ServerMessage
    data class DriveRequestedMsg(val request: DriveRequested) : ServerMessage

    /** A type this client does not know: reported, never fatal (the server may be newer). */
    data class Unknown(val type: String) : ServerMessage
}

object DojoMessages {
    val json = Json { ignoreUnknownKeys = true; explicitNulls = true }

    /** Types a ROOM_DATA / ROOM_DATA_BYTES frame; throws [ProtocolException] when a known type has a bad payload. */
    fun decode(frame: Frame): ServerMessage = when (frame) {
        is Frame.RoomData -> decodeData(frame.type, frame.payload)
        is Frame.RoomDataBytes -> when (frame.type) {
            ServerMessageType.SYNC -> ServerMessage.Sync(frame.bytes)
            ServerMessageType.CHANGES -> ServerMessage.Changes(ChangesFraming.decode(frame.bytes))
            ServerMessageType.RESET -> ServerMessage.Reset(frame.bytes)
            else -> ServerMessage.Unknown(frame.type)
        }
        else -> throw IllegalArgumentException("not a room message: $frame")
    }

    private inline fun <reified T> typed(type: String, payload: JsonElement?): T {
        if (payload == null) throw ProtocolException("`$type` without payload")
        try {
            return json.decodeFromJsonElement<T>(payload)
        } catch (e: IllegalArgumentException) {
            throw ProtocolException("`$type` payload does not match the protocol: ${e.message?.lineSequence()?.first()}", e)
        }
    }

    private fun decodeData(type: String, payload: JsonElement?): ServerMessage = when (type) {
        ServerMessageType.WELCOME -> ServerMessage.WelcomeMsg(typed(type, payload))
        ServerMessageType.STATE -> ServerMessage.State(typed(type, payload))
        ServerMessageType.PRESENCE -> ServerMessage.Presence(typed(type, payload))
        ServerMessageType.CHAT -> ServerMessage.Chat(typed(type, payload))
        ServerMessageType.ANNOUNCE -> ServerMessage.Announce(typed(type, payload))
        ServerMessageType.ERROR -> ServerMessage.Error(typed(type, payload))
        ServerMessageType.RUN -> ServerMessage.Run(typed(type, payload))
        ServerMessageType.RUNS -> ServerMessage.Runs(typed(type, payload))
        ServerMessageType.VOICE -> ServerMessage.Voice(typed(type, payload))
        ServerMessageType.DRIVE_REQUESTED -> ServerMessage.DriveRequestedMsg(typed(type, payload))
        else -> ServerMessage.Unknown(type)
    }
}

/** Facilitation commands (docs/protocol.md §7.1); [userId] only for `driver.set` and `participant.remove`. */
enum class CommandAction(val wire: String, val needsUser: Boolean = false, val needsPath: Boolean = false) {
    TIMER_START("timer.start"),
    TIMER_PAUSE("timer.pause"),
    TIMER_RESUME("timer.resume"),
    TIMER_END("timer.end"),
    ROTATE("rotate"),
    SET_DRIVER("driver.set", needsUser = true),
    REMOVE("participant.remove", needsUser = true),
    /** Brings back a deleted file (facilitators only); `nothing_to_restore` when there is nothing to bring back. */
    FILE_RESTORE("file.restore", needsPath = true),
}

/** Client → server messages as frames, payload keys in the protocol's order (the vectors' bytes). */
object ClientMessages {
    fun sync(bytes: ByteArray) = Frames.roomDataBytes(ClientMessageType.SYNC, bytes)

    fun changes(changes: List<ByteArray>) = Frames.roomDataBytes(ClientMessageType.CHANGES, ChangesFraming.encode(changes))

    fun presencePayload(file: String?, anchor: Long?, head: Long?, typing: Boolean): JsonObject = buildJsonObject {
        put("file", file?.let(::JsonPrimitive) ?: JsonNull)
        put("anchor", anchor?.let(::JsonPrimitive) ?: JsonNull)
        put("head", head?.let(::JsonPrimitive) ?: JsonNull)
        put("typing", typing)
    }

    fun presence(file: String?, anchor: Long?, head: Long?, typing: Boolean) =
        Frames.roomData(ClientMessageType.PRESENCE, presencePayload(file, anchor, head, typing))

    fun chatPayload(text: String): JsonObject = buildJsonObject { put("text", text) }

    fun chat(text: String) = Frames.roomData(ClientMessageType.CHAT, chatPayload(text))

    fun commandPayload(action: CommandAction, userId: String? = null, path: String? = null): JsonObject {
        require(action.needsUser == (userId != null)) { "${action.wire} ${if (action.needsUser) "needs" else "takes no"} userId" }
        require(action.needsPath == (path != null)) { "${action.wire} ${if (action.needsPath) "needs" else "takes no"} path" }
        return buildJsonObject {
            put("action", action.wire)
            if (userId != null) put("userId", userId)
            if (path != null) put("path", path)
        }
    }

    fun command(action: CommandAction, userId: String? = null, path: String? = null) =
        Frames.roomData(ClientMessageType.COMMAND, commandPayload(action, userId, path))

    /** `run`: the kata's tests on the document as the server has it now (an empty map). */
    fun run() = Frames.roomData(ClientMessageType.RUN, buildJsonObject {})

    /** `drive.request`: ask for the keyboard (an empty map). */
    fun driveRequest() = Frames.roomData(ClientMessageType.DRIVE_REQUEST, buildJsonObject {})

    /** `drive.accept`: hand the keyboard to [userId], who asked (the driver or a facilitator). */
    fun driveAccept(userId: String) = Frames.roomData(ClientMessageType.DRIVE_ACCEPT, buildJsonObject { put("userId", userId) })

    /** `voice` join, mute or leave (signalling needs WebRTC, which this client does not do yet). */
    fun voice(action: String, muted: Boolean? = null) = Frames.roomData(
        ClientMessageType.VOICE,
        buildJsonObject {
            require(action in setOf("join", "mute", "leave")) { "voice action $action is not sent by this client" }
            put("action", action)
            if (muted != null) put("muted", muted)
        },
    )
}
