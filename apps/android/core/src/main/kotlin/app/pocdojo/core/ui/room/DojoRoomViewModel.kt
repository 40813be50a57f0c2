package app.pocdojo.core.ui.room

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.attempt
import app.pocdojo.core.ui.common.uiError
import app.pocdojo.core.ui.dojos.DojoPort
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch

/** Chat text limit after trimming (protocol §12). */
const val CHAT_MAX_CHARS = 2000

/** How long after the last keystroke presence still says "typing". */
const val TYPING_IDLE_MS = 1500L

/**
 * How long the open file shows local edits the document has not caught up with. The session applies edits
 * on its own event loop, so a snapshot may come before them; past this, the document wins (a concurrent
 * remote edit means it never equals our text exactly).
 */
const val LOCAL_ECHO_MS = 1000L

/**
 * The dojo room: files and tabs, the open file's text and local edits, remote
 * cursors, roster, chat, the timer counted down on the server's clock,
 * facilitator controls and the read-only state of navigators. Everything comes
 * from the core's session snapshot; this class only derives and forwards.
 */
class DojoRoomViewModel(
    private val scope: CoroutineScope,
    private val rooms: RoomPort,
    private val dojos: DojoPort,
    private val dojoId: String,
    private val now: () -> Long = System::currentTimeMillis,
    private val tickMs: Long = 250,
) {
    private val _state = MutableStateFlow(RoomUiState())
    val state: StateFlow<RoomUiState> = _state.asStateFlow()
    private val _error = MutableStateFlow<UiError?>(null)

    /** Errors of the HTTP side (loading the dojo, closing it); room errors are in [RoomUiState.lastError]. */
    val error: StateFlow<UiError?> = _error.asStateFlow()

    private var session: RoomSession? = null
    private var snapshot = RoomData()
    private var activeFile: String? = null
    private var chatDraft = ""
    private var typingJob: Job? = null
    private var lastPresence: List<Any?>? = null
    private var seenResets = 0
    /** The open file's text with this person's latest edits, until the document shows them (or [LOCAL_ECHO_MS]). */
    private var localText: String? = null
    private var localAt = 0L
    private var echoJob: Job? = null

    init {
        scope.launch {
            val dojo = attempt { dojos.get(dojoId) }
            val item = dojo.getOrNull()
            if (item == null) {
                _error.value = dojo.uiError
                _state.update { it.copy(connection = Connection.FAILED) }
                return@launch
            }
            if (item.status == "finished") {
                _state.update { it.copy(finished = true, title = item.title, connection = Connection.LEFT) }
                return@launch
            }
            _state.update { it.copy(title = item.title, language = item.language) }
            val joined = rooms.join(dojoId, scope)
            session = joined
            launch { joined.snapshot.collect { snapshot = it; render() } }
            launch {
                while (isActive) {
                    delay(tickMs)
                    // The timer counts down and requests to drive expire between snapshots.
                    if (snapshot.timer.status == "running" || snapshot.driveRequests.isNotEmpty()) render()
                }
            }
        }
    }

    fun selectFile(path: String) {
        activeFile = path
        localText = null
        render()
        sendPresence(path, 0, 0, typing = false)
    }

    /**
     * The editor's new text and selection. Sends the difference to the document as
     * one splice (ignored when this person may not edit), then the cursor.
     */
    fun onEdit(newText: String, anchor: Int, head: Int) {
        val current = _state.value
        val file = current.activeFile ?: return
        val s = session ?: return
        if (!current.canEdit) return
        // Against what the editor showed (our unapplied edits included), so fast typing never sends a change twice.
        val splice = TextSplice.between(current.text, newText)
        if (splice != null) {
            localText = newText
            localAt = now()
            s.edit(file, splice.index, splice.deleteCount, splice.insert)
            render()
            echoJob?.cancel()
            echoJob = scope.launch {
                delay(LOCAL_ECHO_MS)
                render()
            }
            typingJob?.cancel()
            typingJob = scope.launch {
                delay(TYPING_IDLE_MS)
                sendPresence(file, anchor, head, typing = false)
            }
        }
        sendPresence(file, anchor, head, typing = splice != null)
    }

    /** The local cursor moved without an edit. */
    fun onSelection(anchor: Int, head: Int) {
        val file = _state.value.activeFile ?: return
        sendPresence(file, anchor, head, typing = false)
    }

    fun onChatDraft(text: String) {
        chatDraft = text.take(CHAT_MAX_CHARS)
        _state.update { it.copy(chatDraft = chatDraft) }
    }

    fun sendChat() {
        val text = chatDraft.trim()
        val s = session ?: return
        if (text.isEmpty() || text.length > CHAT_MAX_CHARS || _state.value.connection != Connection.CONNECTED) return
        s.chat(text)
        onChatDraft("")
    }

    fun startTimer() = command("timer.start")
    fun pauseTimer() = command("timer.pause")
    fun resumeTimer() = command("timer.resume")
    fun endTimer() = command("timer.end")
    fun rotate() = command("rotate")
    fun makeDriver(userId: String) = command("driver.set", userId)
    fun removeParticipant(userId: String) = command("participant.remove", userId)

    /** Asks for the keyboard (protocol §7.5). */
    fun requestDrive() {
        if (_state.value.canAskToDrive && !_state.value.askedToDrive) session?.requestDrive()
    }

    /** Hands the keyboard to someone who asked. */
    fun acceptDrive(userId: String) {
        if (_state.value.driveRequests.any { it.userId == userId }) session?.acceptDrive(userId)
    }

    /** After the kata ended: marks the dojo finished on platform-api and leaves. */
    fun closeDojo() {
        scope.launch {
            val result = attempt { dojos.finish(dojoId) }
            _error.value = result.uiError
            if (result.isSuccess) {
                session?.leave()
                _state.update { it.copy(finished = true) }
            }
        }
    }

    /** Leaves the room; the Android wrapper also calls it when the screen's view model is cleared. */
    fun leave() {
        session?.leave()
    }

    fun dismissEditRefused() = _state.update { it.copy(editRefused = false) }

    private fun command(action: String, userId: String? = null) {
        if (!_state.value.isFacilitator) return
        session?.command(action, userId)
    }

    private fun sendPresence(file: String?, anchor: Int?, head: Int?, typing: Boolean) {
        val key = listOf(file, anchor, head, typing)
        if (key == lastPresence) return
        lastPresence = key
        session?.presence(file, anchor, head, typing)
    }

    private fun render() {
        val snap = snapshot
        val files = snap.files.keys.sorted()
        val file = activeFile?.takeIf { it in snap.files } ?: files.firstOrNull { !isTestFile(it) } ?: files.firstOrNull()
        val refused = snap.resets > seenResets
        seenResets = snap.resets
        if (file != activeFile || refused) localText = null
        activeFile = file
        val documentText = file?.let { snap.files[it] }.orEmpty()
        if (localText == documentText || now() - localAt >= LOCAL_ECHO_MS) localText = null
        val text = localText ?: documentText
        val self = snap.userId
        val isFacilitator = snap.role == "facilitator"
        val isDriver = self != null && snap.driverUserId == self
        val joined = snap.userId != null
        val canEdit = joined && snap.title != null && (snap.editPolicy == "everyone" || isFacilitator || isDriver)
        val driverName = snap.participants.firstOrNull { it.userId == snap.driverUserId }?.name
        val typingSessions = snap.presence.filter { it.typing }.map { it.sessionId }.toSet()
        val mySessions = snap.participants.filter { it.userId == self }.map { it.sessionId }.toSet()
        val cursors = snap.presence
            .filter { it.file == file && it.anchor != null && it.head != null && it.userId != self }
            .map {
                RemoteCursor(
                    sessionId = it.sessionId,
                    name = it.name,
                    color = it.color,
                    anchor = it.anchor!!.coerceIn(0, text.length),
                    head = it.head!!.coerceIn(0, text.length),
                    typing = it.typing,
                )
            }
        val roster = snap.participants
            .sortedWith(compareBy<Participant>({ seatOrder(it.seat) }, { it.name.lowercase() }))
            .map { RosterEntry(it, isSelf = it.sessionId in mySessions, typing = it.sessionId in typingSessions) }
        val candidates = snap.participants.filter { it.role == "participant" }.distinctBy { it.userId }
        val serverNow = now() + snap.clockSkewMs
        val openRequests = snap.driveRequests.filter { it.expiresAt > serverNow }
        val mayAccept = joined && (isFacilitator || isDriver)
        _state.update {
            it.copy(
                connection = snap.connection,
                joined = joined,
                title = snap.title ?: it.title,
                language = if (snap.title != null) snap.language else it.language,
                files = files,
                activeFile = file,
                text = text,
                canEdit = canEdit,
                readOnlyDriverName = if (canEdit) null else driverName,
                cursors = cursors,
                roster = roster,
                chat = snap.chat,
                timer = TimerDisplay.of(snap.timer, ServerClock(snap.clockSkewMs), now()),
                isFacilitator = isFacilitator,
                driverUserId = snap.driverUserId,
                driverCandidates = candidates,
                announcements = snap.announcements.takeLast(5),
                editRefused = it.editRefused || refused,
                lastError = snap.lastError,
                driveRequests = if (mayAccept) openRequests.filter { r -> r.userId != self } else emptyList(),
                canAskToDrive = joined && snap.editPolicy == "driver" && !isFacilitator && !isDriver &&
                    snap.connection == Connection.CONNECTED,
                askedToDrive = openRequests.any { r -> r.userId == self },
            )
        }
    }

    private fun seatOrder(seat: String) = when (seat) {
        "driver" -> 0
        "navigator" -> 1
        else -> 2
    }

    private fun isTestFile(path: String) = path.contains("test", ignoreCase = true)
}
