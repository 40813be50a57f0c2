package app.pocdojo.core.dojo

import app.pocdojo.core.api.DojoTicket
import app.pocdojo.core.protocol.Announcement
import app.pocdojo.core.protocol.ClientMessages
import app.pocdojo.core.protocol.CloseAction
import app.pocdojo.core.protocol.CommandAction
import app.pocdojo.core.protocol.DojoCloseCode
import app.pocdojo.core.protocol.DojoErrorCode
import app.pocdojo.core.protocol.DojoMessages
import app.pocdojo.core.protocol.Frame
import app.pocdojo.core.protocol.Frames
import app.pocdojo.core.protocol.ProtocolException
import app.pocdojo.core.protocol.ServerMessage
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.Dispatchers
import okhttp3.OkHttpClient
import okhttp3.Protocol
import okhttp3.Request
import okhttp3.Response
import okhttp3.WebSocket
import okhttp3.WebSocketListener
import okio.ByteString
import okio.ByteString.Companion.toByteString

/** Gets a fresh dojo ticket (platform-api `POST /v1/dojos/:id/tickets`): one per matchmaking. */
fun interface TicketSource {
    suspend fun ticket(): DojoTicket
}

data class DojoSessionOptions(
    /** The server keeps a dropped seat this long (docs/protocol.md §9); after it, matchmake again. */
    val reconnectWindowMs: Long = 20_000,
    /** Frames larger than this are dropped with a protocol error (the largest legitimate one is a `reset` of an 8 MiB document). */
    val maxFrameBytes: Int = 9 * 1024 * 1024,
    /**
     * Sync messages sent at once before the rate limit below applies. The server closes a socket that sends more than
     * 500 messages a second (4002): typing never gets near, a replayed burst of edits would.
     */
    val syncBurst: Int = 20,
    /** One sync message per this many milliseconds once the burst is spent (200 a second). */
    val syncIntervalMs: Long = 5,
    /** Pause between failed attempts to get back in, growing to [maxBackoffMs]. */
    val backoffMs: Long = 200,
    val maxBackoffMs: Long = 2_000,
    /**
     * Presence goes out at most once per this many milliseconds, and never twice the same (docs/protocol.md §7.1):
     * the server forwards it no more often, so a drag or fast typing sent more only cost it reads.
     */
    val presenceIntervalMs: Long = 100,
)

/**
 * One client in one dojo room: matchmaking, the Colyseus 0.18 WebSocket, the Automerge sync protocol (one sync
 * state per connection), presence, chat, facilitation, `reset`, reconnection (reconnection token inside the window,
 * a fresh ticket after it or when the process is gone) and offline edits that merge when the connection is back.
 *
 * Everything the screens show is in [state]. All work happens on one event loop, so callbacks from OkHttp's threads
 * and calls from the UI never race; the public methods only enqueue.
 */
class DojoSession(
    private val tickets: TicketSource,
    http: OkHttpClient = OkHttpClient(),
    private val options: DojoSessionOptions = DojoSessionOptions(),
    parentScope: CoroutineScope = CoroutineScope(Dispatchers.Default),
) {
    private val http = http.newBuilder().protocols(listOf(Protocol.HTTP_1_1)).socketFactory(NoDelaySocketFactory).build()
    private val matchmaker = Matchmaker(this.http)
    @OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
    private val scope = CoroutineScope(parentScope.coroutineContext + SupervisorJob(parentScope.coroutineContext[Job]) + Dispatchers.Default.limitedParallelism(1))
    private val events = Channel<Event>(Channel.UNLIMITED)
    private val _state = MutableStateFlow(DojoSessionState())
    val state: StateFlow<DojoSessionState> = _state.asStateFlow()

    private val document = DojoDocument()

    // Connection bookkeeping, touched only on the event loop.
    private var generation = 0
    private var socket: WebSocket? = null
    private var engineUrl: String? = null
    private var seat: Seat? = null
    private var reconnectionToken: String? = null
    private var droppedAt = 0L
    private var joined = false
    private var closed = false
    private var suspended = false
    private var attempt = 0
    /** The latest presence asked for, the last one sent, when, and the send waiting for the interval's end. */
    private var presence: ByteArray? = null
    private var sentPresence: ByteArray? = null
    private var presenceSentAt = Long.MIN_VALUE / 2
    private var presenceFlush: Job? = null
    private var getBackIn: Job? = null

    private sealed interface Event {
        data class Opened(val generation: Int) : Event
        class Bytes(val generation: Int, val bytes: ByteArray) : Event
        data class Text(val generation: Int, val size: Int) : Event
        data class Closed(val generation: Int, val code: Int, val reason: String) : Event
        data class Failed(val generation: Int, val error: Throwable, val httpStatus: Int?) : Event
        data class Seated(val engineUrl: String, val seat: Seat) : Event
        data class Refused(val error: SessionError, val fatal: Boolean) : Event
        class Local(val action: () -> Unit) : Event
    }

    init {
        scope.launch { for (event in events) handle(event) }
    }

    // ------------------------------------------------------------------ public API

    /** Matchmakes and joins; progress and the room are in [state]. */
    fun connect() = post { if (!closed && socket == null && getBackIn == null) matchmake() }

    /** Inserts/deletes text in a file. Refused locally (false in [state] `canEdit`) unless [ignorePolicy]. */
    fun splice(path: String, index: Long, deleteCount: Long, insert: String, ignorePolicy: Boolean = false) = post {
        if (!ignorePolicy && _state.value.room != null && !_state.value.canEdit) {
            error(SessionError(SessionError.Kind.SERVER, DojoErrorCode.EDIT_FORBIDDEN, "you may not edit now (edit policy: ${_state.value.room?.editPolicy})", "local"))
            return@post
        }
        if (!document.splice(path, index, deleteCount, insert)) {
            error(SessionError(SessionError.Kind.PROTOCOL, "no_such_file", "no file $path in the document"))
            return@post
        }
        publishFiles()
        if (joined) syncSoon()
    }

    fun insert(path: String, index: Long, text: String) = splice(path, index, 0, text)

    fun setPresence(file: String?, anchor: Long?, head: Long?, typing: Boolean) = post {
        presence = ClientMessages.presence(file, anchor, head, typing)
        sendPresenceSoon()
    }

    fun chat(text: String) = post { if (joined) send(ClientMessages.chat(text)) }

    fun command(action: CommandAction, userId: String? = null, path: String? = null) =
        post { if (joined) send(ClientMessages.command(action, userId, path)) }

    /** Runs the kata's tests on the document as the server has it now; the light arrives in [DojoSessionState.runs]. */
    fun runTests() = post { if (joined) send(ClientMessages.run()) }

    /** Asks for the keyboard (§7.5); everyone sees the request, the driver or a facilitator may accept it. */
    fun requestDrive() = post { if (joined) send(ClientMessages.driveRequest()) }

    /** Hands the keyboard to [userId], who asked; the new driver arrives in the room's state. */
    fun acceptDrive(userId: String) = post {
        if (!joined) return@post
        _state.update { state -> state.copy(driveRequests = state.driveRequests.filter { it.userId != userId }) }
        send(ClientMessages.driveAccept(userId))
    }

    /** Goes offline on purpose (no LEAVE_ROOM: the seat stays for the reconnection window); edits stay local. */
    fun suspendConnection() = post {
        suspended = true
        getBackIn?.cancel()
        getBackIn = null
        dropSocket()
        setConnection(Connection.Suspended)
    }

    /** Back online: the reconnection token inside the window, a fresh ticket after it. */
    fun resumeConnection() = post {
        if (!suspended || closed) return@post
        suspended = false
        attempt = 0
        getBackIn()
    }

    /** Leaves on purpose (LEAVE_ROOM) and stops. */
    fun leave() = post {
        closed = true
        getBackIn?.cancel()
        socket?.send(Frames.leave().toByteString())
        socket?.close(1000, "leave")
        socket = null
        generation++
        setConnection(Connection.Closed("left"))
    }

    /** Leaves and frees the native document. */
    fun close() {
        leave()
        post {
            document.close()
            scope.cancel()
        }
    }

    /** For tests: the socket dies as if the network failed (no LEAVE_ROOM, no close handshake). */
    internal fun dropSocketForTest() = post { socket?.cancel() }

    /** The document as Automerge bytes (for persistence or diagnostics). */
    suspend fun saveDocument(): ByteArray {
        val result = kotlinx.coroutines.CompletableDeferred<ByteArray>()
        post { result.complete(document.save()) }
        return result.await()
    }

    // ------------------------------------------------------------------ event loop

    /** Sends the latest presence now, or at the end of the interval when one went out less than an interval ago. */
    private fun sendPresenceSoon() {
        if (!joined || presenceFlush != null) return
        val wait = presenceSentAt + options.presenceIntervalMs - nowMs()
        if (wait <= 0) {
            sendPresence()
            return
        }
        presenceFlush = scope.launch {
            delay(wait)
            post {
                presenceFlush = null
                sendPresence()
            }
        }
    }

    private fun sendPresence() {
        val latest = presence ?: return
        if (!joined || latest.contentEquals(sentPresence)) return
        send(latest)
        sentPresence = latest
        presenceSentAt = nowMs()
    }

    private fun nowMs() = System.nanoTime() / 1_000_000

    private fun post(action: () -> Unit) {
        events.trySend(Event.Local(action))
    }

    private fun handle(event: Event) {
        try {
            when (event) {
                is Event.Local -> event.action()
                is Event.Seated -> if (!closed && !suspended) open(event.engineUrl, event.seat, null)
                is Event.Refused -> {
                    error(event.error)
                    if (event.fatal) stop(event.error.message, null)
                }
                is Event.Opened -> if (event.generation == generation) setConnection(Connection.Connecting)
                is Event.Bytes -> if (event.generation == generation) frame(event.bytes)
                is Event.Text -> if (event.generation == generation) {
                    error(SessionError(SessionError.Kind.PROTOCOL, "text_frame", "the server sent a text frame (${event.size} chars): the protocol is binary"))
                }
                is Event.Closed -> if (event.generation == generation) socketGone(event.code, "closed ${event.code} ${event.reason}".trim())
                is Event.Failed -> if (event.generation == generation) {
                    socketGone(if (event.httpStatus != null) -event.httpStatus else DojoCloseCode.ABNORMAL.code, "connection failed: ${event.error.message ?: event.error}")
                }
            }
        } catch (e: Exception) {
            // A bug or a native error must not kill the session's loop: report it and go on.
            error(SessionError(SessionError.Kind.PROTOCOL, "client_failure", "${e::class.simpleName}: ${e.message}"))
        }
    }

    private fun frame(bytes: ByteArray) {
        if (bytes.size > options.maxFrameBytes) {
            error(SessionError(SessionError.Kind.PROTOCOL, "frame_too_large", "dropped a ${bytes.size}-byte frame (limit ${options.maxFrameBytes})"))
            return
        }
        val frame = try {
            Frames.decode(bytes)
        } catch (e: ProtocolException) {
            error(SessionError(SessionError.Kind.PROTOCOL, "malformed_frame", e.message ?: "undecodable frame"))
            return
        }
        when (frame) {
            is Frame.JoinRoom -> {
                reconnectionToken = frame.reconnectionToken
                send(Frames.joinAck())
            }
            is Frame.Error -> {
                error(SessionError(SessionError.Kind.JOIN, frame.code, frame.message))
                // The socket closes with 4002 next; a removed participant must not come back.
                if (frame.code == DojoErrorCode.PARTICIPANT_REMOVED) stop(frame.message, frame.status)
            }
            is Frame.Ping -> send(Frames.ping())
            is Frame.RoomData, is Frame.RoomDataBytes -> {
                val message = try {
                    DojoMessages.decode(frame)
                } catch (e: ProtocolException) {
                    error(SessionError(SessionError.Kind.PROTOCOL, "malformed_message", e.message ?: "bad payload"))
                    return
                }
                message(message)
            }
            is Frame.LeaveRoom, is Frame.SchemaState -> Unit
        }
    }

    private fun message(message: ServerMessage) {
        when (message) {
            is ServerMessage.WelcomeMsg -> {
                joined = true
                attempt = 0
                // One sync state per connection: the server restarted its own for us.
                document.restartSync()
                _state.update {
                    it.copy(
                        connection = Connection.Joined,
                        me = message.welcome,
                        chat = message.welcome.chat,
                        clockSkewMs = message.welcome.serverTime - System.currentTimeMillis(),
                    )
                }
                // The server dropped our presence with the old socket: the latest goes out again.
                sentPresence = null
                sendPresenceSoon()
            }
            is ServerMessage.Sync -> automerge("sync") {
                document.receiveSync(message.bytes)
                publishFiles()
                syncSoon()
            }
            is ServerMessage.Changes -> automerge("changes") {
                // Only relay clients get these; this client joins with relay=false, but applying is harmless.
                message.changes.forEach { document.doc.applyEncodedChanges(it) }
                publishFiles()
            }
            is ServerMessage.Reset -> automerge("reset") {
                document.reset(message.document)
                _state.update { it.copy(resets = it.resets + 1) }
                publishFiles()
                syncSoon()
            }
            is ServerMessage.State -> _state.update { state ->
                // Any change of driver ends every open request to drive (§7.5).
                val driverChanged = state.room?.driverUserId != message.snapshot.driverUserId
                state.copy(room = message.snapshot, driveRequests = if (driverChanged) emptyList() else state.driveRequests)
            }
            is ServerMessage.Presence -> _state.update { state ->
                val next = state.presence.toMutableMap()
                message.batch.removed.forEach(next::remove)
                message.batch.updates.forEach { next[it.sessionId] = it }
                state.copy(presence = next)
            }
            is ServerMessage.Chat -> _state.update { it.copy(chat = (it.chat + message.message).takeLast(DojoSessionState.MAX_KEPT)) }
            is ServerMessage.Announce -> announce(message.announcement)
            is ServerMessage.Error -> error(SessionError(SessionError.Kind.SERVER, message.error.code, message.error.message, message.error.ref))
            is ServerMessage.Run -> _state.update { state ->
                val others = state.runs.filter { it.runId != message.run.runId }
                state.copy(runs = (others + message.run).sortedBy { it.requestedAt }.takeLast(DojoSessionState.MAX_KEPT))
            }
            is ServerMessage.Runs -> _state.update { it.copy(runs = message.list.runs) }
            is ServerMessage.Voice -> message.event.members?.takeIf { message.event.action == "roster" }?.let { members ->
                _state.update { it.copy(voice = members) }
            }
            is ServerMessage.DriveRequestedMsg -> _state.update { state ->
                state.copy(driveRequests = state.driveRequests.filter { it.userId != message.request.userId } + message.request)
            }
            is ServerMessage.Unknown -> error(SessionError(SessionError.Kind.PROTOCOL, "unknown_message", "ignored a message of unknown type `${message.type}`"))
        }
    }

    /** Automerge bytes the native library refuses are reported; the document stays as it was. */
    private inline fun automerge(type: String, block: () -> Unit) {
        try {
            block()
        } catch (e: RuntimeException) {
            error(SessionError(SessionError.Kind.PROTOCOL, "invalid_automerge", "`$type` carries bytes Automerge refuses: ${e.message}"))
        }
    }

    private fun announce(announcement: Announcement) =
        _state.update { it.copy(announcements = (it.announcements + announcement).takeLast(DojoSessionState.MAX_KEPT)) }

    private var syncTokens = options.syncBurst.toDouble()
    private var syncTokensAt = System.nanoTime()
    private var syncPending = false

    /**
     * Sends our next sync message now when the budget allows ([DojoSessionOptions.syncBurst] at once,
     * one per [DojoSessionOptions.syncIntervalMs] after that), else once at the next free slot: a burst of edits
     * then shares one message. Every send goes through here: answering each server `sync` at once while edits keep
     * coming would ping-pong a message per round trip, past the server's 500 messages a second.
     */
    private fun syncSoon() {
        val now = System.nanoTime()
        syncTokens = minOf(options.syncBurst.toDouble(), syncTokens + (now - syncTokensAt) / 1e6 / options.syncIntervalMs)
        syncTokensAt = now
        if (syncTokens >= 1 && !syncPending) {
            syncTokens -= 1
            sendSync()
        } else if (!syncPending) {
            syncPending = true
            scope.launch {
                delay(((1 - syncTokens) * options.syncIntervalMs).toLong().coerceAtLeast(1))
                post {
                    syncPending = false
                    if (joined) syncSoon()
                }
            }
        }
    }

    private fun sendSync() {
        document.generateSync()?.let { send(ClientMessages.sync(it)) }
    }

    private fun send(bytes: ByteArray) {
        socket?.send(bytes.toByteString())
    }

    private fun publishFiles() {
        val files = document.files()
        if (files != _state.value.files) _state.update { it.copy(files = files) }
    }

    private fun error(error: SessionError) = _state.update { it.copy(errors = (it.errors + error).takeLast(DojoSessionState.MAX_KEPT)) }

    private fun setConnection(connection: Connection) = _state.update { it.copy(connection = connection) }

    private fun stop(reason: String, code: Int?) {
        closed = true
        getBackIn?.cancel()
        dropSocket()
        setConnection(Connection.Closed(reason, code))
    }

    private fun dropSocket() {
        generation++
        // The reconnection window starts when a joined socket goes away.
        if (joined) droppedAt = System.currentTimeMillis()
        joined = false
        socket?.cancel()
        socket = null
    }

    // ------------------------------------------------------------------ connecting

    private fun matchmake() {
        setConnection(if (attempt == 0) Connection.Matchmaking else _state.value.connection)
        getBackIn = scope.launch(Dispatchers.IO) {
            var backoff = options.backoffMs
            while (true) {
                try {
                    val ticket = tickets.ticket()
                    val seat = matchmaker.joinOrCreate(ticket.engineUrl, ticket.ticket)
                    events.trySend(Event.Seated(ticket.engineUrl, seat))
                    return@launch
                } catch (e: MatchmakeException) {
                    // Unreachable engine, expired ticket or Colyseus's own 5xx: retry with a fresh ticket. A refusal is final.
                    val retry = e.status == 0 || e.status >= 500 || e.code == DojoErrorCode.TICKET_EXPIRED
                    events.trySend(Event.Refused(SessionError(SessionError.Kind.JOIN, e.code, e.message ?: "matchmaking failed"), fatal = !retry))
                    if (!retry) return@launch
                } catch (e: kotlinx.coroutines.CancellationException) {
                    throw e
                } catch (e: Exception) {
                    // The platform API did not give a ticket (network, or signed out): retrying cannot help a 4xx.
                    val fatal = e is app.pocdojo.core.api.ApiError.WithProblem && e.problem.status in 400..499
                    events.trySend(Event.Refused(SessionError(SessionError.Kind.JOIN, "ticket_unavailable", e.message ?: "$e"), fatal))
                    if (fatal) return@launch
                }
                delay(backoff)
                backoff = minOf(backoff * 2, options.maxBackoffMs)
            }
        }
    }

    private fun open(engineUrl: String, seat: Seat, token: String?) {
        getBackIn = null
        this.engineUrl = engineUrl
        this.seat = seat
        val current = ++generation
        joined = false
        val request = Request.Builder().url(Matchmaker.socketUrl(engineUrl, seat, token)).build()
        socket = http.newWebSocket(request, object : WebSocketListener() {
            override fun onOpen(webSocket: WebSocket, response: Response) {
                events.trySend(Event.Opened(current))
            }

            override fun onMessage(webSocket: WebSocket, bytes: ByteString) {
                events.trySend(Event.Bytes(current, bytes.toByteArray()))
            }

            override fun onMessage(webSocket: WebSocket, text: String) {
                events.trySend(Event.Text(current, text.length))
            }

            override fun onClosing(webSocket: WebSocket, code: Int, reason: String) {
                webSocket.close(code, null)
                events.trySend(Event.Closed(current, code, reason))
            }

            override fun onFailure(webSocket: WebSocket, t: Throwable, response: Response?) {
                events.trySend(Event.Failed(current, t, response?.code))
            }
        })
    }

    /** The socket is gone: decide from the close code whether and how to get back in (§9). */
    private fun socketGone(code: Int, reason: String) {
        val wasJoined = joined
        socket = null
        generation++
        joined = false
        if (closed || suspended) return
        val action = if (code < 0) CloseAction.MATCHMAKE_AGAIN else DojoCloseCode.actionFor(code)
        when (action) {
            CloseAction.NONE -> stop(reason, code)
            CloseAction.STOP -> {
                if (code == DojoCloseCode.REMOVED.code) error(SessionError(SessionError.Kind.JOIN, DojoErrorCode.PARTICIPANT_REMOVED, "a facilitator removed you from this dojo"))
                stop(reason, code)
            }
            CloseAction.RECONNECT -> {
                if (wasJoined) droppedAt = System.currentTimeMillis()
                getBackIn(reason, tokenFirst = wasJoined)
            }
            CloseAction.MATCHMAKE_AGAIN -> getBackIn(reason, tokenFirst = false)
        }
    }

    private fun getBackIn(reason: String = "resuming", tokenFirst: Boolean = true) {
        attempt++
        setConnection(Connection.Reconnecting(attempt, reason))
        val token = reconnectionToken
        val seat = seat
        val engineUrl = engineUrl
        val withinWindow = System.currentTimeMillis() - droppedAt < options.reconnectWindowMs
        if (tokenFirst && token != null && seat != null && engineUrl != null && withinWindow && attempt <= 1) {
            // One try with the token: if the room or its process is gone it fails, and the next try matchmakes.
            open(engineUrl, seat, token)
            return
        }
        getBackIn = scope.launch {
            delay(if (attempt <= 1) 0 else minOf(options.backoffMs * attempt, options.maxBackoffMs))
            post { if (!closed && !suspended && socket == null) { getBackIn = null; matchmakeAgain() } }
        }
    }

    private fun matchmakeAgain() {
        reconnectionToken = null
        matchmake()
    }
}
