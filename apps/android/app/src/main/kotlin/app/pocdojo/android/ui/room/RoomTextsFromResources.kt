package app.pocdojo.android.ui.room

import androidx.compose.runtime.Composable
import androidx.compose.ui.platform.LocalContext
import app.pocdojo.android.R
import app.pocdojo.android.ui.room.shared.RoomTexts
import app.pocdojo.core.ui.room.Connection

/** The room's texts from strings.xml, in the device's language. */
@Composable
fun roomTexts(): RoomTexts {
    val res = LocalContext.current.resources
    fun s(id: Int, vararg args: Any) = res.getString(id, *args)
    val timerStatus = { status: String ->
        when (status) {
            "running" -> s(R.string.room_timer_running)
            "paused" -> s(R.string.room_timer_paused)
            "ended" -> s(R.string.room_timer_ended)
            else -> s(R.string.room_timer_idle)
        }
    }
    return RoomTexts(
        connection = { c ->
            when (c) {
                Connection.CONNECTING -> s(R.string.room_connecting)
                Connection.CONNECTED -> null
                Connection.RECONNECTING -> s(R.string.room_reconnecting)
                Connection.OFFLINE -> s(R.string.room_offline)
                Connection.LEFT -> s(R.string.room_left)
                Connection.REMOVED -> s(R.string.room_removed)
                Connection.FAILED -> s(R.string.room_failed)
            }
        },
        readOnly = { name -> if (name != null) s(R.string.room_readonly_driver, name) else s(R.string.room_readonly) },
        editRefused = s(R.string.room_edit_refused),
        editor = { s(R.string.room_editor, it) },
        remoteCursor = { s(R.string.room_remote_cursor, it) },
        remoteTyping = { s(R.string.room_remote_typing, it) },
        roster = { s(R.string.room_roster, it) },
        you = { s(R.string.room_you, it) },
        seat = { seat ->
            when (seat) {
                "driver" -> s(R.string.room_seat_driver)
                "navigator" -> s(R.string.room_seat_navigator)
                else -> s(R.string.room_seat_observer)
            }
        },
        facilitator = s(R.string.room_role_facilitator),
        reconnecting = s(R.string.room_reconnecting_person),
        typing = s(R.string.room_typing),
        chat = s(R.string.room_chat),
        chatMessage = s(R.string.room_chat_message),
        chatHint = s(R.string.room_chat_hint),
        chatSend = s(R.string.room_chat_send),
        timer = s(R.string.room_timer),
        timerRemaining = { s(R.string.room_timer_remaining, it) },
        timerStatus = timerStatus,
        nextRotation = { s(R.string.room_next_rotation, it) },
        facilitation = s(R.string.room_facilitation),
        start = s(R.string.room_start),
        pause = s(R.string.room_pause),
        resume = s(R.string.room_resume),
        end = s(R.string.room_end),
        endConfirm = s(R.string.room_end_confirm),
        rotate = s(R.string.room_rotate),
        makeDriver = { s(R.string.room_make_driver, it) },
        driveRequests = s(R.string.room_drive_requests),
        driveAsk = s(R.string.room_drive_ask),
        driveAsked = s(R.string.room_drive_asked),
        driveWants = { s(R.string.room_drive_wants, it) },
        driveAccept = s(R.string.room_drive_accept),
        driveAcceptLabel = { s(R.string.room_drive_accept_label, it) },
        remove = { s(R.string.room_remove, it) },
        closeDojo = s(R.string.room_close_dojo),
        announcement = { a ->
            when (a.kind) {
                "rotation" -> s(R.string.room_driving, a.name.orEmpty())
                "timer" -> s(R.string.room_announce_timer, timerStatus(a.status.orEmpty()))
                "joined" -> s(R.string.room_announce_joined, a.name.orEmpty())
                "left" -> s(R.string.room_announce_left, a.name.orEmpty())
                else -> s(R.string.room_announce_removed, a.name.orEmpty())
            }
        },
        files = s(R.string.room_files),
        tabCode = s(R.string.room_tab_code),
        tabPeople = s(R.string.room_tab_people),
        tabChat = s(R.string.room_tab_chat),
        cancel = s(R.string.common_close),
        joining = s(R.string.room_joining),
        finished = s(R.string.room_finished),
    )
}
