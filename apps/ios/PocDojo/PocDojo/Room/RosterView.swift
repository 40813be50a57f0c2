import PocDojoKit
import SwiftUI

/// Who is in the room, their seat and connection; facilitators get the controls.
struct RosterView: View {
    let session: DojoSession
    let lobby: DojoListModel
    let dojo: Dojo
    @State private var confirmEnd = false

    var body: some View {
        List {
            if session.isFacilitator, let room = session.room {
                Section(tr("room_facilitation")) {
                    timerControls(room.timer.status)
                    Button(tr("room_rotate")) { session.command(.rotate) }
                        .disabled(drivers(room).count < 2)
                    if room.timer.status == .ended {
                        Button(tr("room_close_dojo")) { Task { await lobby.finish(dojo) } }
                    }
                }
            }
            driveSection
            Section(tr("room_roster", session.room?.participants.count ?? 0)) {
                ForEach(session.room?.participants ?? []) { person in
                    row(person)
                }
            }
        }
        .confirmationDialog(tr("room_end_confirm"), isPresented: $confirmEnd, titleVisibility: .visible) {
            Button(tr("room_end"), role: .destructive) { session.command(.timerEnd) }
        }
    }

    /// Request to drive (docs/protocol.md §7.5): a navigator asks; the driver and facilitators see each
    /// open request with Accept. The list follows the session, so a new driver or an expiry clears it.
    @ViewBuilder
    private var driveSection: some View {
        let requests = session.openDriveRequests
        let me = session.welcome?.userId
        let canAsk = session.room?.editPolicy == .driver && !session.isFacilitator && session.room?.driverUserId != me
        if canAsk || (session.mayAcceptDriveRequests && !requests.isEmpty) {
            Section(tr("room_drive_requests")) {
                if canAsk {
                    let asked = requests.contains { $0.userId == me }
                    Button(asked ? tr("room_drive_asked") : tr("room_drive_ask")) { session.requestDrive() }
                        .disabled(asked || !session.isConnected)
                }
                if session.mayAcceptDriveRequests {
                    ForEach(requests) { request in
                        HStack {
                            Text(tr("room_drive_wants", request.name))
                            Spacer()
                            Button(tr("room_drive_accept")) { session.acceptDrive(userId: request.userId) }
                                .accessibilityLabel(tr("room_drive_accept_label", request.name))
                        }
                    }
                }
            }
        }
    }

    @ViewBuilder
    private func timerControls(_ status: TimerStatus) -> some View {
        switch status {
        case .idle, .ended:
            Button(tr("room_start")) { session.command(.timerStart) }
        case .running:
            Button(tr("room_pause")) { session.command(.timerPause) }
            Button(tr("room_end"), role: .destructive) { confirmEnd = true }
        case .paused:
            Button(tr("room_resume")) { session.command(.timerResume) }
            Button(tr("room_end"), role: .destructive) { confirmEnd = true }
        }
    }

    /// People who can drive (participants; facilitators never take the keyboard).
    private func drivers(_ room: RoomSnapshot) -> [ParticipantState] {
        var seen = Set<String>()
        return room.participants.filter { $0.role == .participant && seen.insert($0.userId).inserted }
    }

    private func row(_ person: ParticipantState) -> some View {
        let isMe = person.sessionId == session.welcome?.sessionId
        let typing = session.presence.first { $0.sessionId == person.sessionId }?.presence.typing == true
        return HStack {
            Circle().fill(Color(hex: person.color)).frame(width: 12, height: 12).accessibilityHidden(true)
            VStack(alignment: .leading) {
                Text(isMe ? tr("room_you", person.name) : person.name)
                Text(details(person, typing: typing)).font(.caption).foregroundStyle(.secondary)
            }
            Spacer()
            if person.seat == .driver { Image(systemName: "keyboard").accessibilityHidden(true) }
        }
        .accessibilityElement(children: .combine)
        .swipeActions {
            if session.isFacilitator, !isMe, person.role == .participant {
                Button(tr("room_remove", person.name), role: .destructive) {
                    session.command(.removeParticipant(userId: person.userId))
                }
                if person.seat != .driver {
                    Button(tr("room_make_driver", person.name)) {
                        session.command(.setDriver(userId: person.userId))
                    }
                    .tint(.blue)
                }
            }
        }
    }

    private func details(_ person: ParticipantState, typing: Bool) -> String {
        var parts: [String]
        switch person.seat {
        case .driver: parts = [tr("room_seat_driver")]
        case .navigator: parts = [tr("room_seat_navigator")]
        case .observer: parts = [tr("room_seat_observer")]
        }
        if person.role == .facilitator { parts.append(tr("room_role_facilitator")) }
        if person.connection == .reconnecting { parts.append(tr("room_reconnecting_person")) }
        if typing { parts.append(tr("room_typing")) }
        return parts.joined(separator: " · ")
    }
}
