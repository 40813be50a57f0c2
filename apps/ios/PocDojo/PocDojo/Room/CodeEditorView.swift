import PocDojoKit
import SwiftUI
import UIKit

/// The shared editor: a UITextView whose edits go into the session's Automerge replica
/// (UTF-16 offsets on both sides), coloured by ``SyntaxHighlighter``, with the other
/// participants' cursors drawn over the text in their colours with their names.
struct CodeEditorView: UIViewRepresentable {
    let session: DojoSession
    let path: String
    let language: String
    /// The session's `remoteRevision`: when it moves, the text is re-read.
    let revision: Int
    let readOnly: Bool
    let cursors: [PresenceEntry]

    func makeCoordinator() -> Coordinator {
        Coordinator(session: session)
    }

    func makeUIView(context: Context) -> UITextView {
        let view = UITextView()
        view.font = Coordinator.font
        view.autocapitalizationType = .none
        view.autocorrectionType = .no
        view.smartQuotesType = .no
        view.smartDashesType = .no
        view.smartInsertDeleteType = .no
        view.spellCheckingType = .no
        view.keyboardType = .asciiCapable
        view.alwaysBounceVertical = true
        view.delegate = context.coordinator
        return view
    }

    func updateUIView(_ view: UITextView, context: Context) {
        let coordinator = context.coordinator
        coordinator.session = session
        coordinator.language = language
        view.isEditable = !readOnly
        if coordinator.path != path || coordinator.revision != revision {
            coordinator.path = path
            coordinator.revision = revision
            coordinator.reload(view)
        }
        coordinator.drawCursors(cursors, in: view)
    }

    @MainActor
    final class Coordinator: NSObject, UITextViewDelegate {
        static let font = UIFont.monospacedSystemFont(ofSize: 14, weight: .regular)
        static let colours: [SyntaxHighlighter.Kind: UIColor] = [
            .keyword: .systemPurple, .string: .systemRed, .comment: .systemGreen, .number: .systemBlue, .type: .systemTeal,
        ]

        var session: DojoSession
        var path = ""
        var language = "typescript"
        var revision = -1
        private var applyingRemote = false
        private var cursorViews: [String: UIView] = [:]

        init(session: DojoSession) {
            self.session = session
        }

        /// Shows the document's text, keeping the selection where it was (clamped).
        func reload(_ view: UITextView) {
            let text = session.text(of: path)
            guard view.text != text else { return highlight(view) }
            applyingRemote = true
            let selection = view.selectedRange
            view.text = text
            let length = (text as NSString).length
            let location = min(selection.location, length)
            view.selectedRange = NSRange(location: location, length: min(selection.length, length - location))
            highlight(view)
            applyingRemote = false
        }

        func highlight(_ view: UITextView) {
            let storage = view.textStorage
            let whole = NSRange(location: 0, length: storage.length)
            storage.beginEditing()
            storage.setAttributes([.font: Self.font, .foregroundColor: UIColor.label], range: whole)
            for token in SyntaxHighlighter.tokens(in: storage.string, language: language) {
                let range = NSRange(location: token.location, length: token.length)
                guard NSMaxRange(range) <= storage.length, let colour = Self.colours[token.kind] else { continue }
                storage.addAttribute(.foregroundColor, value: colour, range: range)
            }
            storage.endEditing()
        }

        func textView(_ textView: UITextView, shouldChangeTextIn range: NSRange, replacementText text: String) -> Bool {
            guard !applyingRemote else { return true }
            // The replica takes the edit first; UIKit then shows it. Refused (read-only) edits never show.
            return session.edit(path: path, offset: range.location, length: range.length, replacement: text)
        }

        func textViewDidChange(_ textView: UITextView) {
            highlight(textView)
            sendPresence(textView, typing: true)
        }

        func textViewDidChangeSelection(_ textView: UITextView) {
            guard !applyingRemote else { return }
            sendPresence(textView, typing: false)
        }

        func textViewDidEndEditing(_ textView: UITextView) {
            session.updatePresence(PresenceUpdate(file: path, anchor: nil, head: nil, typing: false))
        }

        private func sendPresence(_ view: UITextView, typing: Bool) {
            let range = view.selectedRange
            session.updatePresence(PresenceUpdate(file: path, anchor: range.location, head: NSMaxRange(range), typing: typing))
        }

        /// A caret and a name tag per remote session, positioned at its head offset.
        func drawCursors(_ entries: [PresenceEntry], in view: UITextView) {
            let live = Set(entries.map(\.sessionId))
            for (id, marker) in cursorViews where !live.contains(id) {
                marker.removeFromSuperview()
                cursorViews[id] = nil
            }
            for entry in entries {
                guard let head = entry.presence.head,
                      let position = view.position(from: view.beginningOfDocument, offset: min(head, (view.text as NSString).length))
                else { continue }
                let caret = view.caretRect(for: position)
                let marker = cursorViews[entry.sessionId] ?? makeMarker(for: entry, in: view)
                marker.frame = CGRect(x: caret.minX, y: caret.minY - 14, width: 120, height: caret.height + 14)
                marker.isAccessibilityElement = true
                marker.accessibilityLabel = entry.presence.typing
                    ? tr("room_remote_typing", entry.name)
                    : tr("room_remote_cursor", entry.name)
            }
        }

        private func makeMarker(for entry: PresenceEntry, in view: UITextView) -> UIView {
            let colour = UIColor(hex: entry.color)
            let marker = UIView()
            marker.isUserInteractionEnabled = false
            let bar = UIView(frame: CGRect(x: 0, y: 14, width: 2, height: Self.font.lineHeight))
            bar.backgroundColor = colour
            bar.autoresizingMask = [.flexibleHeight]
            let label = UILabel()
            label.text = " \(entry.name) "
            label.font = .systemFont(ofSize: 10, weight: .semibold)
            label.textColor = .white
            label.backgroundColor = colour
            label.layer.cornerRadius = 3
            label.clipsToBounds = true
            label.sizeToFit()
            label.frame.origin = .zero
            marker.addSubview(bar)
            marker.addSubview(label)
            view.addSubview(marker)
            cursorViews[entry.sessionId] = marker
            return marker
        }
    }
}
