package app.pocdojo.android.ui.common

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.pocdojo.android.R

/** Translated names of the server's enum values. */
@Composable
fun pocStatusLabel(status: String): String = when (status) {
    "idea" -> stringResource(R.string.poc_status_idea)
    "active" -> stringResource(R.string.poc_status_active)
    "done" -> stringResource(R.string.poc_status_done)
    "archived" -> stringResource(R.string.poc_status_archived)
    else -> status
}

@Composable
fun roleLabel(role: String): String = when (role) {
    "owner" -> stringResource(R.string.role_owner)
    "admin" -> stringResource(R.string.role_admin)
    "member" -> stringResource(R.string.role_member)
    else -> role
}

/** Language ids (`typescript`…) as people write them. */
fun languageLabel(id: String): String = when (id) {
    "typescript" -> "TypeScript"
    "python" -> "Python"
    "java" -> "Java"
    "go" -> "Go"
    else -> id
}

@Composable
fun seatLabel(seat: String): String = when (seat) {
    "driver" -> stringResource(R.string.room_seat_driver)
    "navigator" -> stringResource(R.string.room_seat_navigator)
    else -> stringResource(R.string.room_seat_observer)
}

@Composable
fun timerStatusLabel(status: String): String = when (status) {
    "running" -> stringResource(R.string.room_timer_running)
    "paused" -> stringResource(R.string.room_timer_paused)
    "ended" -> stringResource(R.string.room_timer_ended)
    else -> stringResource(R.string.room_timer_idle)
}
