import PocDojoKit
import SwiftUI

/// The room's chat and its announcements (rotations, timer, arrivals).
struct ChatView: View {
    let session: DojoSession
    @State private var draft = ""

    var body: some View {
        VStack(spacing: 0) {
            ScrollViewReader { proxy in
                List {
                    ForEach(session.announcements.indices, id: \.self) { index in
                        Text(describe(session.announcements[index]))
                            .font(.caption)
                            .foregroundStyle(.secondary)
                    }
                    ForEach(session.chat) { line in
                        VStack(alignment: .leading, spacing: 2) {
                            Text(line.name).font(.caption.bold())
                            Text(line.text)
                        }
                        .id(line.id)
                        .accessibilityElement(children: .combine)
                    }
                }
                .listStyle(.plain)
                .onChange(of: session.chat.count) {
                    if let last = session.chat.last { proxy.scrollTo(last.id, anchor: .bottom) }
                }
            }
            HStack {
                TextField(tr("room_chat_hint"), text: $draft, axis: .vertical)
                    .textFieldStyle(.roundedBorder)
                    .accessibilityLabel(tr("room_chat_message"))
                    .onSubmit(send)
                Button(tr("room_chat_send"), action: send)
                    .disabled(ChatMessage.validText(draft) == nil || !session.isConnected)
            }
            .padding()
        }
        .accessibilityLabel(tr("room_chat"))
    }

    private func send() {
        if session.sendChat(draft) { draft = "" }
    }

    private func describe(_ announcement: Announcement) -> String {
        switch announcement {
        case let .rotation(_, _, driverName, _):
            return tr("room_driving", driverName)
        case let .timer(status, _, _, _):
            return tr("room_announce_timer", status.rawValue)
        case let .membership(kind, _, name, _):
            switch kind {
            case .joined: return tr("room_announce_joined", name)
            case .left: return tr("room_announce_left", name)
            case .removed: return tr("room_announce_removed", name)
            }
        }
    }
}
