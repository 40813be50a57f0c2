import PocDojoKit
import SwiftUI

/// The live room: timer, connection and read-only banners, file tabs with the shared
/// editor and everyone's cursors, the roster with seats and facilitator controls, chat.
struct DojoRoomView: View {
    enum Pane: Hashable {
        case code, people, chat
    }

    let dojo: Dojo
    let lobby: DojoListModel
    @State private var session: DojoSession
    @State private var pane: Pane = .code
    @State private var openFile: String?
    @State private var newFile = ""
    @State private var addingFile = false
    @Environment(\.dismiss) private var dismiss

    init(dojo: Dojo, lobby: DojoListModel) {
        self.dojo = dojo
        self.lobby = lobby
        _session = State(initialValue: lobby.session(for: dojo))
    }

    private var currentFile: String? {
        if let openFile, session.files.contains(openFile) { return openFile }
        return session.files.first
    }

    var body: some View {
        VStack(spacing: 0) {
            ConnectionBanner(session: session)
            if let timer = session.room?.timer {
                TimerView(timer: timer, clock: session.clock)
            }
            Picker("", selection: $pane) {
                Text(tr("room_tab_code")).tag(Pane.code)
                Text(tr("room_tab_people")).tag(Pane.people)
                Text(tr("room_tab_chat")).tag(Pane.chat)
            }
            .pickerStyle(.segmented)
            .padding(.horizontal)
            switch pane {
            case .code: code
            case .people: RosterView(session: session, lobby: lobby, dojo: dojo)
            case .chat: ChatView(session: session)
            }
        }
        .navigationTitle(session.room?.title ?? dojo.title)
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            Button(tr("room_leave")) {
                session.leave()
                dismiss()
            }
        }
        .alert(tr("room_new_file"), isPresented: $addingFile) {
            TextField(tr("room_new_file_path"), text: $newFile)
                .textInputAutocapitalization(.never)
                .autocorrectionDisabled()
            Button(tr("common_save")) {
                let path = newFile.trimmingCharacters(in: .whitespaces)
                if session.createFile(path: path) { openFile = path }
                newFile = ""
            }
            Button(tr("common_cancel"), role: .cancel) { newFile = "" }
        }
        .onAppear { session.start() }
        .onDisappear { session.leave() }
    }

    @ViewBuilder
    private var code: some View {
        if session.isReadOnly, session.hasDocument {
            let driver = session.room?.driverName
            Label(driver.map { tr("room_readonly_driver", $0) } ?? tr("room_readonly"), systemImage: "eye")
                .font(.callout)
                .padding(8)
                .frame(maxWidth: .infinity)
                .background(.yellow.opacity(0.25))
                .accessibilityAddTraits(.isHeader)
        }
        FileTabs(files: session.files, current: currentFile, canAdd: session.canEdit, select: { openFile = $0 }, add: { addingFile = true })
        if let path = currentFile {
            CodeEditorView(
                session: session,
                path: path,
                language: SyntaxHighlighter.language(forPath: path, fallback: session.room?.language ?? dojo.language.rawValue),
                revision: session.remoteRevision,
                readOnly: session.isReadOnly,
                cursors: session.cursors(in: path)
            )
            .accessibilityLabel(tr("room_editor", path))
        } else {
            Spacer()
            ProgressView(tr("room_joining"))
            Spacer()
        }
    }
}

/// Where the connection stands, and the last refusal or error.
struct ConnectionBanner: View {
    let session: DojoSession

    var body: some View {
        VStack(spacing: 0) {
            if let text = statusText {
                Text(text)
                    .font(.callout)
                    .padding(6)
                    .frame(maxWidth: .infinity)
                    .background(.orange.opacity(0.25))
                    .accessibilityAddTraits(.updatesFrequently)
            }
            if let notice = session.notice {
                HStack {
                    Text(session.lastError?.code == .editForbidden ? tr("room_edit_refused") : notice)
                        .font(.caption)
                    Spacer()
                    Button(tr("room_dismiss")) { session.clearNotice() }.font(.caption)
                }
                .padding(6)
                .background(.red.opacity(0.12))
            }
        }
    }

    private var statusText: String? {
        switch session.status {
        case .idle, .connecting: return tr("room_connecting")
        case .connected: return nil
        case .reconnecting: return tr("room_reconnecting")
        case .ended(.left): return tr("room_left")
        case .ended(.removed): return tr("room_removed")
        case let .ended(.refused(reason)): return "\(tr("room_failed")) \(reason)"
        }
    }
}

/// One tab per file of the document, plus "new file" for those who may edit.
struct FileTabs: View {
    let files: [String]
    let current: String?
    let canAdd: Bool
    let select: (String) -> Void
    let add: () -> Void

    var body: some View {
        ScrollView(.horizontal, showsIndicators: false) {
            HStack(spacing: 4) {
                ForEach(files, id: \.self) { path in
                    Button((path as NSString).lastPathComponent) { select(path) }
                        .buttonStyle(.bordered)
                        .tint(path == current ? .accentColor : .secondary)
                        .accessibilityLabel(path)
                        .accessibilityAddTraits(path == current ? .isSelected : [])
                }
                if canAdd {
                    Button(action: add) { Image(systemName: "plus") }
                        .accessibilityLabel(tr("room_new_file"))
                }
            }
            .padding(.horizontal)
        }
        .accessibilityLabel(tr("room_files"))
    }
}
