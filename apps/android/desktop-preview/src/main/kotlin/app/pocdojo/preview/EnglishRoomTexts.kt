package app.pocdojo.preview

import app.pocdojo.android.ui.room.shared.RoomTexts
import app.pocdojo.core.ui.room.Connection

/** The room's English texts as in values/strings.xml (the Android app reads them from there). */
val EnglishRoomTexts = RoomTexts(
    connection = {
        when (it) {
            Connection.CONNECTING -> "Connecting to the room…"
            Connection.CONNECTED -> null
            Connection.RECONNECTING -> "Connection lost — reconnecting… Keep typing: your edits merge when it is back."
            Connection.OFFLINE -> "You are offline. Keep typing: your edits merge when the connection is back."
            Connection.LEFT -> "You left the room."
            Connection.REMOVED -> "A facilitator removed you from this dojo."
            Connection.FAILED -> "Could not join the room."
        }
    },
    readOnly = { name -> if (name != null) "Read-only: $name is driving. You navigate — use the chat." else "Read-only: only the driver types. You navigate — use the chat." },
    editRefused = "The server refused your edit; the file was reset to the room's version.",
    editor = { "Code editor, $it" },
    remoteCursor = { "$it's cursor" },
    remoteTyping = { "$it is typing" },
    roster = { "People ($it)" },
    you = { "$it (you)" },
    seat = { mapOf("driver" to "Driver", "navigator" to "Navigator")[it] ?: "Observer" },
    facilitator = "facilitator",
    reconnecting = "reconnecting…",
    typing = "typing…",
    chat = "Chat",
    chatMessage = "Message",
    chatHint = "Say something to the room",
    chatSend = "Send",
    timer = "Kata timer",
    timerRemaining = { "Remaining time: $it" },
    timerStatus = { mapOf("running" to "Running", "paused" to "Paused", "ended" to "Ended")[it] ?: "Not started" },
    nextRotation = { "next rotation in $it" },
    facilitation = "Facilitation",
    start = "Start kata",
    pause = "Pause",
    resume = "Resume",
    end = "End kata",
    endConfirm = "End the kata for everyone?",
    rotate = "Rotate driver now",
    makeDriver = { "Make $it driver" },
    driveRequests = "Request to drive",
    driveAsk = "Ask to drive",
    driveAsked = "Asked — waiting for the driver",
    driveWants = { "$it wants to drive" },
    driveAccept = "Accept",
    driveAcceptLabel = { "Hand the keyboard to $it" },
    remove = { "Remove $it" },
    closeDojo = "Close the dojo",
    announcement = { a ->
        when (a.kind) {
            "rotation" -> "${a.name} drives now"
            "timer" -> "Timer ${a.status}"
            else -> "${a.name} ${a.kind}"
        }
    },
    files = "Files",
    tabCode = "Code",
    tabPeople = "People",
    tabChat = "Chat",
    cancel = "Close",
    joining = "Joining the room…",
    finished = "This dojo is over.",
)
